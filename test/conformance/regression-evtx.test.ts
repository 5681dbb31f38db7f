/**
 * G2 from .evtx: SigmaHQ's 152 regression cases again, but with each case's events read by the
 * native .evtx reader from the original binary log (regression/evtx/<id>.evtx) instead of the
 * NDJSON. Each rule must give exactly `exact_matches` hits, every rule of the corpus loaded.
 * Prints "N/152".
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/pipeline/engine.js';
import { readEvtx, REGRESSION_DIR, regressionCases } from '../events/evtx-helpers.js';
import { hasShared, sharedDir, sharedNotice } from '../helpers/rules.js';

sharedNotice('SigmaHQ regression cases from .evtx (G2-evtx)');

describe.skipIf(!hasShared || REGRESSION_DIR === undefined)('SigmaHQ regression cases from .evtx (G2-evtx)', () => {
  it('every case gives exactly its expected hit count', async () => {
    const cases = regressionCases();
    const engine = await createEngine([resolve(sharedDir, 'sigmahq/rules')]);
    const failures: string[] = [];
    let events = 0;
    for (const c of cases) {
      const read = await readEvtx(c.evtx, resolve(REGRESSION_DIR!, c.evtx));
      for (const d of read.diagnostics) failures.push(`${c.evtx}: ${d.message}`);
      events += read.events.length;
      let hits = 0;
      for (const event of read.events) {
        for (const hit of engine.detector.process(event)) if (hit.rule.id === c.rule_id) hits++;
      }
      if (hits !== c.exact_matches) failures.push(`${c.rule_path}: ${hits} hits, expected ${c.exact_matches}`);
    }
    console.log(`SigmaHQ regression from .evtx: ${cases.length - failures.length}/${cases.length} (${events} events)`);
    for (const f of failures) console.log(`  FAIL ${f}`);
    expect(cases.length).toBe(152);
    expect(failures).toEqual([]);
  });
});
