/**
 * Hits of the 152 SigmaHQ regression cases, produced by the engine on their own events, carry the
 * right ATT&CK: every technique tag of the rule (resolved or flagged), names and tactic names as in
 * the raw catalog file, the rule's tactic tags named; and they validate against the hit schema.
 * Then the same hits feed the hits layer (schema-valid) and the summary.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/pipeline/engine.js';
import type { DetectionHit } from '../../engine/hit.js';
import { hitsLayer } from '../../engine/attack/report/hits-layer.js';
import { attackSummary } from '../../engine/attack/report/summary.js';
import { hasShared, repoRoot, sharedDir, sharedNotice } from '../helpers/rules.js';
import { expectValidLayer } from './layer-schema.js';

sharedNotice('ATT&CK on SigmaHQ regression hits');

const raw = JSON.parse(readFileSync(path.join(repoRoot, 'attack/enterprise-techniques.json'), 'utf8')) as {
  tactics: Array<{ shortname: string; name: string }>;
  techniques: Array<{ id: string; name: string; tactics: string[] }>;
};
const rawTechnique = new Map(raw.techniques.map((t) => [t.id, t]));
const tacticName = new Map<string, string>([...raw.tactics.map((t) => [t.shortname, t.name] as [string, string]), ['stealth', 'Stealth'], ['defense-impairment', 'Defense Impairment']]);
const v19 = JSON.parse(readFileSync(path.join(repoRoot, 'attack/v19-additions.json'), 'utf8')) as { techniques: Array<{ id: string; name: string; tactics: string[] }> };
const v19Technique = new Map(v19.techniques.map((t) => [t.id, t]));
/** Hits name tactics as ATT&CK v19 does: Defense Evasion (TA0005) is Stealth. */
const v19TacticName = (shortname: string) => (shortname === 'defense-evasion' ? 'Stealth' : tacticName.get(shortname));
const hitSchema = JSON.parse(readFileSync(path.join(repoRoot, 'engine/hit.schema.json'), 'utf8')) as object;

interface RegressionCase {
  rule_id: string;
  rule_path: string;
  events: string;
}

describe.skipIf(!hasShared)('ATT&CK on hits of the SigmaHQ regression cases', () => {
  it('every hit names its techniques and tactics', async () => {
    const regression = path.join(sharedDir, 'sigmahq/regression');
    const cases = JSON.parse(readFileSync(path.join(regression, 'index.json'), 'utf8')) as RegressionCase[];
    const engine = await createEngine(cases.map((c) => path.join(sharedDir, 'sigmahq/rules', c.rule_path)));
    const validateHit = new Ajv({ strict: false, logger: false }).compile(hitSchema);
    const hits: DetectionHit[] = [];
    const tally = { cases: 0, casesWithHits: 0, hits: 0, techniqueTags: 0, named: 0, flaggedUnknown: 0, missing: 0 };
    for (const c of cases) {
      tally.cases++;
      const own: DetectionHit[] = [];
      for (const line of readFileSync(path.join(regression, c.events), 'utf8').split('\n')) {
        if (line.trim() === '') continue;
        for (const hit of engine.detector.process(JSON.parse(line))) {
          if (hit.kind === 'detection' && hit.rule.id === c.rule_id) own.push(hit);
        }
      }
      if (own.length > 0) tally.casesWithHits++;
      for (const hit of own) {
        tally.hits++;
        expect(validateHit(hit), JSON.stringify(validateHit.errors)).toBe(true);
        for (const tag of hit.rule.tags) {
          const lower = tag.toLowerCase();
          if (/^attack\.t\d{4}(\.\d{3})?$/.test(lower)) {
            tally.techniqueTags++;
            const id = lower.slice(7).toUpperCase();
            const ref = hit.attack.techniques.find((t) => t.id === id || t.originalId === id);
            if (!ref) {
              tally.missing++;
              continue;
            }
            expect(ref.source).toBe('tag');
            const entry = rawTechnique.get(id) ?? v19Technique.get(id);
            if (entry) {
              tally.named++;
              expect(ref.name).toBe(entry.name);
              expect(ref.tactics.map((t) => t.name).sort()).toEqual(entry.tactics.map(v19TacticName).sort());
            } else {
              tally.flaggedUnknown++;
              expect(ref.status).toBe('unknown');
            }
          } else if (lower.startsWith('attack.') && tacticName.has(lower.slice(7))) {
            expect(hit.attack.tactics.map((t) => t.name)).toContain(tacticName.get(lower.slice(7)));
          }
        }
      }
      hits.push(...own);
    }
    console.log(`ATT&CK on regression hits: ${JSON.stringify(tally)}`);
    expect(tally.cases).toBe(152);
    expect(tally.missing).toBe(0);
    expect(tally.named + tally.flaggedUnknown).toBe(tally.techniqueTags);
    expect(tally.hits).toBeGreaterThan(0);

    const layer = await hitsLayer(hits, 'SigmaHQ regression hits');
    expectValidLayer(layer);
    const summary = await attackSummary(hits);
    expect(summary.hits).toBe(hits.length);
    console.log(`regression hits layer: ${layer.techniques.length} techniques; summary: ${summary.tactics.map((t) => `${t.name} ${t.hits}`).join(', ')}`);
  });
});
