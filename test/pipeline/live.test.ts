/** LivePipeline (issue 16): metrics scraped in the Prometheus text format; a rule reload keeps unchanged correlation state. */
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/pipeline/engine.js';
import { LivePipeline } from '../../engine/pipeline/live.js';
import { metricsRegistry, serveMetrics } from '../../engine/pipeline/metrics.js';
import { followSource } from '../../engine/sources/follow.js';
import type { Hit } from '../../engine/hit.js';
import { writeRules } from '../sources/nats-fixture.js';

const whoami = (second: number) => JSON.stringify({ EventID: 1, Computer: 'h1', UtcTime: `2025-03-01 00:00:${String(second).padStart(2, '0')}.000`, Image: 'C:\\x\\whoami.exe' }) + '\n';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function live(dir: string) {
  const rules = join(dir, 'rules');
  writeRules(rules);
  const file = join(dir, 'events.ndjson');
  writeFileSync(file, whoami(1) + whoami(2));
  const engine = await createEngine([rules], { correlator: { maxDelayMs: 0 } });
  const hits: Hit[] = [];
  const pipeline = new LivePipeline({ source: followSource([file], { pollMs: 20 }), newDetector: engine.newDetector, sink: { write: (h) => void hits.push(h), end: () => undefined }, finishAtEnd: false });
  const running = pipeline.run();
  await pause(150);
  return { rules, file, pipeline, running, hits };
}

/** Parse the text exposition format: `name{labels} value` lines, comments checked for TYPE. */
function parseExposition(text: string): { samples: Map<string, number>; types: Map<string, string> } {
  const samples = new Map<string, number>();
  const types = new Map<string, string>();
  for (const row of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(row);
    if (type) types.set(type[1], type[2]);
    if (row === '' || row.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (\S+)$/.exec(row);
    expect(m, `not an exposition line: ${row}`).not.toBeNull();
    samples.set(m![1], Number(m![2]));
  }
  return { samples, types };
}

describe('live pipeline', () => {
  it('serves Prometheus metrics: events read, hits by level, rules loaded, lag, state size', async () => {
    const { pipeline, running, file } = await live(mkdtempSync(join(tmpdir(), 'sigstream-live-')));
    const server = await serveMetrics(metricsRegistry({ pipeline, rulesLoaded: () => 2 }), '127.0.0.1:0');
    appendFileSync(file, whoami(3));
    await pause(150);
    const response = await fetch(`http://${server.address}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const { samples, types } = parseExposition(await response.text());
    await server.close();
    pipeline.stop();
    await running;
    expect(samples.get('sigstream_events_read_total')).toBe(3);
    expect(samples.get('sigstream_events_skipped_total')).toBe(0);
    expect(samples.get('sigstream_hits_total{level="medium"}')).toBe(3);
    expect(samples.get('sigstream_hits_total{level="high"}')).toBe(1);
    expect(samples.get('sigstream_rules_loaded')).toBe(2);
    expect(samples.get('sigstream_event_lag_seconds')).toBeGreaterThan(0);
    expect(samples.has('sigstream_correlation_states')).toBe(true);
    expect(samples.has('sigstream_events_late_total')).toBe(true);
    expect(samples.has('sigstream_state_evictions_total')).toBe(true);
    expect(types.get('sigstream_events_read_total')).toBe('counter');
    expect(types.get('sigstream_event_lag_seconds')).toBe('gauge');
    expect((await fetch(`http://${server.address}/other`).catch(() => undefined))?.status ?? 404).toBe(404);
  });

  it.each([
    ['keeps the state of an unchanged correlation across a reload', false, 1],
    ['drops the state of a correlation whose rule changed', true, 0],
  ])('%s', async (_name, change, correlationHits) => {
    const { rules, file, pipeline, running, hits } = await live(mkdtempSync(join(tmpdir(), 'sigstream-reload-')));
    // Two whoami are counted; then the rules are reloaded (a new unrelated rule, or a changed correlation).
    writeFileSync(join(rules, 'other.yml'), 'title: Other\nid: 8d1a1f7e-3c55-4c1e-9f2b-1a2b3c4d5e09\nlogsource:\n  product: windows\n  category: process_creation\ndetection:\n  selection:\n    Image|endswith: \\\\calc.exe\n  condition: selection\nlevel: low\n');
    if (change) writeFileSync(join(rules, 'whoami-burst.yml'), readFileSync(join(rules, 'whoami-burst.yml'), 'utf8').replace('timespan: 1m', 'timespan: 2m'));
    const next = await createEngine([rules], { correlator: { maxDelayMs: 0 } });
    pipeline.reload(next.newDetector);
    appendFileSync(file, whoami(3));
    await pause(150);
    pipeline.stop();
    await running;
    expect(pipeline.stats.reloads).toBe(1);
    expect(hits.filter((h) => h.kind === 'correlation').length).toBe(correlationHits);
  });
});
