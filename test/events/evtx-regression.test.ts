/**
 * Every .evtx of SigmaHQ's regression corpus (../shared/sigmahq/regression/evtx) reads to exactly
 * the events of its NDJSON twin, field for field (provenance aside).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvtx, readNdjson, REGRESSION_DIR, regressionCases, withoutProvenance } from './evtx-helpers.js';

const cases = regressionCases();

describe.skipIf(REGRESSION_DIR === undefined)('evtx reader on the SigmaHQ regression corpus', () => {
  const dir = REGRESSION_DIR!;

  it.each(cases.map((c) => [c.rule_id, c] as const))('%s', async (_id, c) => {
    const { events, diagnostics } = await readEvtx(c.evtx, path.join(dir, c.evtx));
    expect(diagnostics).toEqual([]);
    expect(events.map(withoutProvenance)).toEqual(readNdjson(path.join(dir, c.events)));
    for (const event of events) expect(event['@source']).toEqual({ input: c.evtx, record: Number(event.EventRecordID) });
  });

  it('matches every file and event (summary)', async () => {
    let files = 0;
    let events = 0;
    let total = 0;
    for (const c of cases) {
      const got = (await readEvtx(c.evtx, path.join(dir, c.evtx))).events.map(withoutProvenance);
      const want = readNdjson(path.join(dir, c.events));
      total += want.length;
      const same = want.filter((event, i) => JSON.stringify(sorted(event)) === JSON.stringify(sorted(got[i] ?? {}))).length;
      events += same;
      if (same === want.length && got.length === want.length) files++;
    }
    console.log(`evtx regression: ${files}/${cases.length} files, ${events}/${total} events identical to the NDJSON`);
    expect(files).toBe(cases.length);
    expect(events).toBe(total);
  });
});

function sorted(event: object): Array<[string, unknown]> {
  return Object.entries(event).sort(([a], [b]) => (a < b ? -1 : 1));
}
