/** The report page's data and shell (issue 15 deliverable 4): offline by construction, hostile text stays text, the size cap. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildReport, createEngine, type NormalizedEvent, type ReportData } from '../../engine/index.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from '../helpers/rules.js';

const demo: NormalizedEvent[] = readFileSync(resolve(repoRoot, 'samples/demo.ndjson'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

async function* from(events: NormalizedEvent[]) {
  yield* events;
}

async function report(events: NormalizedEvent[], maxBytes?: number) {
  const engine = await createEngine([resolve(repoRoot, 'rules')]);
  return buildReport(engine.detector, from(events), { maxBytes });
}

function embeddedData(html: string): ReportData {
  return JSON.parse(/<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)![1]);
}

describe('sigstream report page', () => {
  it('is one file: no external script, style, image or link element; a CSP that allows only its own inline blocks', async () => {
    const { html } = await report(demo);
    expect(html).not.toMatch(/<(script|img|iframe|link)\b[^>]*\b(src|href)=/i);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1];
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    const script = /<script>(.*)<\/script>\s*<\/body>/s.exec(html)![1];
    const hash = createHash('sha256').update(script, 'utf8').digest('base64');
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    for (const library of ['cytoscape 3.35.0', 'cytoscape-dagre 4.0.1', 'uplot 1.6.32', 'minisearch 7.2.0']) expect(script).toContain(`/* ${library} (MIT) */`);
  });

  it('embeds every event and hit of a small input with the per-host statistics (129 hits, as run finds)', async () => {
    const { data, diagnostics } = await report(demo);
    expect(diagnostics).toEqual([]);
    expect(data.totals).toMatchObject({ events: 1119, embeddedEvents: 1119, hits: 129 });
    expect(data.leftOut).toBeUndefined();
    expect(data.stats.groups).toHaveLength(11);
    const correlation = data.hits.find((h) => h.kind === 'correlation' && h.title === 'Wget Download Followed By Network Connection')!;
    expect(correlation.base.map((b) => b.events.length)).toEqual([1, 1]);
    expect(correlation.techniques[0]).toMatchObject({ id: 'T1105', name: 'Ingress Tool Transfer' });
  });

  it('keeps hostile event text as data: a </script> in a command line neither ends the block nor runs', async () => {
    const hostile = '</script><script>alert(1)</script><!--';
    const { html } = await report([{ EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Image: 'C:\\x.exe', CommandLine: hostile, ProcessGuid: '{1}' }]);
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(embeddedData(html).events[0].event.CommandLine).toBe(hostile);
  });

  it('past its size cap embeds the hits\' neighbourhoods only and says what it left out', async () => {
    const { data, diagnostics } = await report(demo, 60_000);
    expect(data.totals.events).toBe(1119);
    expect(data.totals.embeddedEvents).toBeLessThan(1119);
    expect(data.totals.embeddedEvents).toBeGreaterThan(0);
    expect(JSON.stringify(data.events.map((e) => e.event)).length).toBeLessThanOrEqual(60_000 + data.events.length);
    expect(data.leftOut).toMatch(new RegExp(`embeds ${data.totals.embeddedEvents} of 1119 events .* leaves out ${1119 - data.totals.embeddedEvents}`));
    expect(data.totals.hitsByLevel).toEqual({ critical: 4, high: 70, medium: 49, low: 6 });
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'report-capped', severity: 'warning' })]);
    // Every hit keeps its evidence: its (base) events are among the embedded ones.
    expect(data.hits.every((h) => h.events.length > 0)).toBe(true);
    expect(data.stats.events).toBe(1119);
  });
});

describe('sigstream report page under a cap smaller than its hit list', () => {
  it('keeps the most severe hits in the list, says how many it left out, and still counts every hit by level', async () => {
    const { data, diagnostics } = await report(demo, 8_000);
    expect(data.hits.length).toBeLessThan(129);
    expect(data.hits.every((h) => h.level === 'critical' || h.level === 'high')).toBe(true);
    expect(data.hits.filter((h) => h.level === 'critical')).toHaveLength(4);
    expect(data.totals.hitsByLevel).toEqual({ critical: 4, high: 70, medium: 49, low: 6 });
    expect(data.leftOut).toMatch(new RegExp(`the hit list keeps the ${data.hits.length} most severe hits and leaves out ${129 - data.hits.length}`));
    expect(diagnostics.map((d) => d.code)).toEqual(['report-capped']);
  });
});
