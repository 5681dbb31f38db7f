/**
 * ATT&CK over the shared SigmaHQ corpus: every `attack.t*` tag of the 152 regression-case rules
 * resolves or is flagged (none dropped), names checked against the raw catalog file; and the
 * coverage of the whole rule set (3,025 files), printed and checked against the corpus notes.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { resolveAttack } from '../../engine/attack/resolve.js';
import { resolveTechnique } from '../../engine/attack/technique.js';
import { attackCoverage, coverageLayer, type RuleTags } from '../../engine/attack/report/coverage.js';
import { lintAttackTags } from '../../engine/attack/lint.js';
import { readdirSync } from 'node:fs';
import { expectValidLayer } from './layer-schema.js';

const root = path.resolve(import.meta.dirname, '../..');
const shared = path.resolve(root, '../shared');
const sigmahq = path.join(shared, 'sigmahq');
const present = existsSync(path.join(sigmahq, 'regression/index.json'));
if (!present) console.log(`SigmaHQ ATT&CK tests skipped: ${sigmahq} not present`);

/** The raw catalog, read independently of the engine's loader: id → name, tactic shortname → name. */
const raw = JSON.parse(readFileSync(path.join(root, 'attack/enterprise-techniques.json'), 'utf8')) as {
  tactics: Array<{ shortname: string; name: string }>;
  techniques: Array<{ id: string; name: string; tactics: string[] }>;
};
const rawTechnique = new Map(raw.techniques.map((t) => [t.id, t]));
const rawTacticName = new Map([
  ...raw.tactics.map((t) => [t.shortname, t.name] as const),
  ['stealth', 'Stealth'] as const,
  ['defense-impairment', 'Defense Impairment'] as const,
]);

/** The v19-only ids of the SigmaHQ snapshot, as listed in ../shared/attack/README.md, and their v19 data. */
const V19_IDS = ['T1685', 'T1685.001', 'T1685.004', 'T1685.005', 'T1685.006', 'T1686', 'T1686.003', 'T1689', 'T1690'];
const v19 = JSON.parse(readFileSync(path.join(root, 'attack/v19-additions.json'), 'utf8')) as { techniques: Array<{ id: string; name: string; tactics: string[] }> };
const v19Technique = new Map(v19.techniques.map((t) => [t.id, t]));
/** Tactic names as hits give them: ATT&CK v19's, where Defense Evasion (TA0005) is Stealth. */
const v19TacticName = (shortname: string) => (shortname === 'defense-evasion' ? 'Stealth' : rawTacticName.get(shortname));

const TECHNIQUE_TAG = /^attack\.t\d{4}(\.\d{3})?$/i;

describe.skipIf(!present)('SigmaHQ regression rules: every technique tag resolves or is flagged', () => {
  it('covers all 152 cases', () => {
    const cases = JSON.parse(readFileSync(path.join(sigmahq, 'regression/index.json'), 'utf8')) as Array<{ rule_path: string; title: string }>;
    expect(cases).toHaveLength(152);
    const tally = { rules: 0, techniqueTags: 0, resolved: 0, remapped: 0, deprecated: 0, unknown: 0, dropped: 0, tacticTags: 0 };
    const unknown = new Set<string>();
    for (const c of cases) {
      const doc = yaml.load(readFileSync(path.join(sigmahq, 'rules', c.rule_path), 'utf8')) as { title: string; tags?: string[] };
      const tags = doc.tags ?? [];
      tally.rules++;
      const info = resolveAttack(tags);
      for (const tag of tags.filter((t) => TECHNIQUE_TAG.test(t))) {
        tally.techniqueTags++;
        const id = tag.slice('attack.'.length).toUpperCase();
        const expected = resolveTechnique(id, 'tag');
        const found = info.techniques.find((t) => t.id === expected.id);
        if (!found) {
          tally.dropped++;
          continue;
        }
        if (found.status === 'unknown') {
          tally.unknown++;
          unknown.add(id);
        } else if (found.status === 'revoked') tally.remapped++;
        else if (found.status === 'deprecated') tally.deprecated++;
        else {
          tally.resolved++;
          // Names as the raw catalog (or, for v19 ids, the v19 data) has them; tactics as v19 names them.
          const entry = rawTechnique.get(id) ?? v19Technique.get(id);
          expect(entry, id).toBeDefined();
          expect(rawTechnique.has(id) || V19_IDS.includes(id), id).toBe(true);
          expect(found.name).toBe(entry?.name);
          expect(found.tactics.map((t) => t.name).sort()).toEqual(entry?.tactics.map(v19TacticName).sort());
          expect(found.url).toMatch(/^https:\/\/attack\.mitre\.org\/techniques\/T\d{4}(\/\d{3})?\/?$/);
        }
      }
      for (const tag of tags) {
        const shortname = tag.toLowerCase().slice('attack.'.length);
        if (!tag.toLowerCase().startsWith('attack.') || !rawTacticName.has(shortname)) continue;
        tally.tacticTags++;
        expect(info.tactics.map((t) => t.name), `${c.rule_path}: ${tag}`).toContain(rawTacticName.get(shortname));
      }
      // Lint agrees: nothing to say about these rules' tags, v19 ids included (issue 12.4).
      expect(lintAttackTags(tags, { file: c.rule_path })).toEqual([]);
    }
    console.log(`SigmaHQ regression rules: ${JSON.stringify(tally)}; flagged unknown ids: ${[...unknown].sort().join(' ') || 'none'}`);
    expect(tally.dropped).toBe(0);
    expect(tally.unknown).toBe(0);
    expect(tally.resolved + tally.remapped + tally.deprecated + tally.unknown).toBe(tally.techniqueTags);
    expect(tally.techniqueTags).toBeGreaterThan(150);
  });
});

describe.skipIf(!present)('SigmaHQ rule set coverage', () => {
  it('covers the technique ids the corpus notes list', () => {
    // Titles and tags straight from the YAML (the CLI goes through loadRules; the full loader's cost
    // is measured by the load conformance suite, not repeated here).
    const files = (readdirSync(path.join(sigmahq, 'rules'), { recursive: true }) as string[]).filter((f) => f.endsWith('.yml'));
    expect(files).toHaveLength(3025);
    const rules: RuleTags[] = files.flatMap((f) =>
      (yaml.loadAll(readFileSync(path.join(sigmahq, 'rules', f), 'utf8')) as Array<{ title?: string; tags?: string[] } | null>).flatMap((doc) =>
        doc?.title ? [{ title: doc.title, tags: doc.tags ?? [] }] : [],
      ),
    );
    const coverage = attackCoverage(rules);
    const distinct = coverage.techniques.size;
    console.log(
      `SigmaHQ coverage: ${coverage.rules} rule documents, ${coverage.rulesWithTechniques} with technique tags; ` +
        `${distinct} distinct technique ids, ${coverage.catalogIds} resolved (ATT&CK 18.1 and known v19) ` +
        `(${coverage.topLevelTechniques} top-level techniques, directly or via a sub-technique); ` +
        `not in catalog: ${coverage.unknownIds.join(' ')}`,
    );
    expect(coverage.rules).toBeGreaterThanOrEqual(3025);
    // ../shared/attack/README.md: 337 distinct technique ids, 9 of them v19-only, none revoked or
    // deprecated; all 337 resolve (issue 12.4; before it, 328).
    expect(distinct).toBe(337);
    expect(coverage.catalogIds).toBe(337);
    expect(coverage.unknownIds).toEqual([]);
    for (const id of V19_IDS) expect(coverage.techniques.get(id)?.technique.tactics.map((t) => t.name), id).toEqual(['Defense Impairment']);
    expect([...coverage.techniques.values()].some((c) => c.technique.status === 'revoked' || c.technique.status === 'deprecated')).toBe(false);
    const layer = coverageLayer(rules, 'SigmaHQ');
    expectValidLayer(layer);
    expect(layer.techniques).toHaveLength(337);
    const top = [...layer.techniques].sort((a, b) => (b.score ?? 0) - (a.score ?? 0))[0];
    console.log(`SigmaHQ most covered: ${top.techniqueID} with ${top.score} rules`);
  });
});
