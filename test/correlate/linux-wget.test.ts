// The bundled Sysmon for Linux wget scenario through the real loader, matcher and correlator.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createCorrelator } from '../../engine/correlate/correlator.js';
import { correlatorInput } from '../../engine/correlate/input.js';
import type { NormalizedEvent } from '../../engine/event.js';
import { compileRules } from '../../engine/match/compile.js';
import type { DetectionHit } from '../../engine/hit.js';
import { Detector } from '../../engine/pipeline/detector.js';
import { loadCorrelations } from '../../engine/sigma/correlation/load.js';
import { isSuppressed } from '../../engine/sigma/correlation/model.js';
import { loadRules } from '../../engine/sigma/load.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('samples/linux-wget.ndjson with rules/linux/seq_lnx_wget_download_connect.yml', () => {
  it('fires for the two wget downloads that connect within 30 s, and for nothing else', async () => {
    const collection = await loadRules([path.join(root, 'rules/linux/seq_lnx_wget_download_connect.yml')]);
    const set = loadCorrelations(collection);
    expect([...collection.diagnostics, ...set.diagnostics]).toEqual([]);
    expect(set.hiddenRules.map((r) => r.name)).toEqual([
      'seq_lnx_wget_download_connect/wget_exec',
      'seq_lnx_wget_download_connect/wget_connect',
    ]);
    const detector = new Detector(compileRules([...collection.rules, ...set.hiddenRules]).compiled);
    const correlator = createCorrelator(set);
    const events = readFileSync(path.join(root, 'samples/linux-wget.ndjson'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as NormalizedEvent);
    const baseHits: DetectionHit[] = [];
    const hits = [];
    let pushed = 0;
    for (const event of events) {
      const found = detector.process(event) as DetectionHit[];
      baseHits.push(...found);
      const input = correlatorInput(event, found);
      if (!input) continue;
      pushed++;
      hits.push(...correlator.push(input));
    }
    // Only events with base hits and process exits reach the correlator.
    expect(pushed).toBe(baseHits.length + events.filter((e) => e.EventID === 5).length);
    hits.push(...correlator.flush());
    // Every base hit is a hidden step rule: none of them would be printed on its own.
    expect(baseHits.every((h) => isSuppressed(h.rule, set.suppressed))).toBe(true);
    expect(hits.map((h) => [h.time, h.computer, h.correlation.group.ProcessGuid, h.hits.map((x) => (x as DetectionHit).event.EventID)])).toEqual([
      ['2026-11-20T10:00:02.300Z', 'web01', '{5a6c5f3c-0020-6630-c8e5-0a0000000000}', [1, 3]],
      ['2026-11-20T10:02:29.900Z', 'db01', '{5a6c5f3c-0033-6630-c8e5-0a0000000000}', [1, 3]],
    ]);
    expect(hits[0].rule).toMatchObject({ name: 'seq_lnx_wget_download_connect', level: 'medium', tags: ['attack.command-and-control', 'attack.t1105'] });
    expect(correlator.stats).toMatchObject({ late: 0, evictions: 0, liveStates: 0 });
    expect(correlator.stats.terminated).toBeGreaterThan(0);
  });
});
