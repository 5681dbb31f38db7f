/**
 * G2: SigmaHQ's regression cases (../shared/sigmahq/regression/index.json, 152 cases): each rule
 * must give exactly `exact_matches` hits on its own events, with every rule of the corpus loaded
 * (so routing and other rules cannot hide a miss). Prints "N/152".
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/pipeline/engine.js';
import { hasShared, sharedDir, sharedNotice } from '../helpers/rules.js';

sharedNotice('SigmaHQ regression cases (G2)');

interface RegressionCase {
  rule_id: string;
  rule_path: string;
  events: string;
  exact_matches: number;
}

describe.skipIf(!hasShared)('SigmaHQ regression cases (G2)', () => {
  it('every case gives exactly its expected hit count', async () => {
    const regression = resolve(sharedDir, 'sigmahq/regression');
    const cases = JSON.parse(readFileSync(resolve(regression, 'index.json'), 'utf8')) as RegressionCase[];
    const engine = await createEngine([resolve(sharedDir, 'sigmahq/rules')]);
    const failures: string[] = [];
    for (const c of cases) {
      const lines = readFileSync(resolve(regression, c.events), 'utf8').split('\n').filter((l) => l.trim() !== '');
      let hits = 0;
      for (const line of lines) {
        for (const hit of engine.detector.process(JSON.parse(line))) if (hit.rule.id === c.rule_id) hits++;
      }
      if (hits !== c.exact_matches) failures.push(`${c.rule_path}: ${hits} hits, expected ${c.exact_matches}`);
    }
    console.log(`SigmaHQ regression: ${cases.length - failures.length}/${cases.length}`);
    for (const f of failures) console.log(`  FAIL ${f}`);
    expect(cases.length).toBe(152);
    expect(failures).toEqual([]);
  });
});
