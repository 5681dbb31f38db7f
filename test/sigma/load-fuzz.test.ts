/**
 * Fuzzing rule loading: a pack of rule files, some valid and some mutated or hostile (deep
 * conditions, alias bombs and cycles, huge literals, unknown modifiers, random edits of the
 * YAML). Loading, compiling and matching never throw; every rule document is either loaded or
 * rejected with a located error from the catalogue, and the valid rules beside it always load:
 *   documents in = rules loaded + documents rejected.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTICS } from '../../engine/diagnostics.js';
import { engineFromCollection } from '../../engine/pipeline/engine.js';
import { addRuleText, emptyCollection } from '../../engine/sigma/load.js';
import { breathe, FUZZ_SEED, FuzzTally, fuzzRuns } from '../helpers/fuzz.js';

const rule = (n: number, detection: string, extra = '') =>
  `title: rule ${n}\nid: 00000000-0000-4000-8000-${String(n).padStart(12, '0')}\nstatus: test\nlogsource:\n  product: windows\n  category: process_creation\n${extra}detection:\n${detection}\nlevel: high\n`;

const SELECTION = (n: number) => `  sel:\n    CommandLine|contains: 'evil${n}'\n    Image|endswith: '\\\\x${n}.exe'\n  filter:\n    User: 'SYSTEM'`;

const bomb = (levels: number) => {
  let text = 'b0: &b0 [x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i <= levels; i++) text += `b${i}: &b${i} [${Array(9).fill(`*b${i - 1}`).join(', ')}]\n`;
  return text;
};

/** Hostile rule bodies, each a whole document. */
const HOSTILE: Array<(n: number, size: number) => string> = [
  (n, size) => rule(n, `${SELECTION(n)}\n  condition: ${'('.repeat(size * 10)}sel${')'.repeat(size * 10)}`),
  (n, size) => rule(n, `${SELECTION(n)}\n  condition: ${'not '.repeat(size * 10)}sel`),
  (n) => rule(n, `${SELECTION(n)}\n  condition: sel`, bomb(8)),
  (n) => rule(n, `${SELECTION(n)}\n  condition: sel`, 'x: &c [1, *c]\n'),
  (n, size) => rule(n, `  sel:\n    CommandLine|contains: '${'A'.repeat(size * 200)}'\n  condition: sel`),
  (n, size) => rule(n, `  sel:\n    CommandLine|contains: '?${'B'.repeat(size * 200)}'\n  condition: sel`),
  (n) => rule(n, `  sel:\n    CommandLine|nosuchmodifier: 'x'\n  condition: sel`),
  (n) => rule(n, `  sel:\n    CommandLine|re: '(?=look)ahead'\n  condition: sel`),
  (n) => rule(n, `  sel:\n    constructor|exists: true\n    __proto__: x\n  condition: sel`),
  (n) => rule(n, `  sel:\n    CommandLine: !!js/function 'x'\n  condition: sel`),
  (n) => `${rule(n, `${SELECTION(n)}\n  condition: sel`)}---\n\t- not: [valid yaml`,
];

const MARKUP = [...':-|[]{}&*!%@`\'"#>?,\n\t '];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.array(fc.constantFrom(...MARKUP, 'x', '0'), { minLength: 1, maxLength: 6 }).map((a) => a.join('')) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 60 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, edits: Mutation[]): string {
  for (const edit of edits) {
    const at = edit.at % (text.length + 1);
    if (edit.kind === 'delete') text = text.slice(0, at) + text.slice(at + edit.length);
    else if (edit.kind === 'insert') text = text.slice(0, at) + edit.text + text.slice(at);
    else text = text.slice(0, at + edit.length) + text.slice(at);
  }
  return text;
}

const file = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: 'valid' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('mutated' as const), edits: fc.array(mutation, { minLength: 1, maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('hostile' as const), which: fc.nat({ max: HOSTILE.length - 1 }), size: fc.integer({ min: 1, max: 400 }) }) },
);

describe('fuzzing rule loading: no crash, every document loaded or rejected where it is', () => {
  it('a pack of valid, mutated and hostile rule files', async () => {
    const tally = new FuzzTally('rule loading');
    await fc.assert(
      fc.asyncProperty(fc.array(file, { minLength: 1, maxLength: 6 }), async (files) => {
        await breathe();
        const collection = emptyCollection();
        const names = files.map((_, i) => `r${i}.yml`);
        files.forEach((f, i) => {
          const valid = rule(i, `${SELECTION(i)}\n  condition: sel and not filter`);
          const text = f.kind === 'valid' ? valid : f.kind === 'mutated' ? mutate(valid, f.edits) : HOSTILE[f.which](i, f.size);
          addRuleText(collection, names[i], text);
        });
        const engine = engineFromCollection(collection);
        // Every problem names a catalogued code and one of the files, at a line where it can.
        for (const d of [...collection.diagnostics, ...engine.diagnostics]) {
          expect(Object.hasOwn(DIAGNOSTICS, d.code)).toBe(true);
          expect(names).toContain(d.where.file);
          if (d.code !== 'yaml-syntax') expect(d.where.line === undefined || d.where.line >= 1).toBe(true);
        }
        // The valid files always load, whatever is beside them ...
        // Loaded: compiled, or loaded but fed by no Sysmon stream (a warning, e.g. a mutated category).
        const loaded = new Set([...engine.compiled.compiled, ...engine.compiled.unrouted].map((c) => c.rule.file));
        files.forEach((f, i) => f.kind === 'valid' && expect(loaded).toContain(names[i]));
        // ... and a file that loaded nothing says why, with an error located in it.
        const errors = new Set([...collection.diagnostics, ...engine.diagnostics].filter((d) => d.severity === 'error').map((d) => d.where.file));
        for (const name of names) expect(loaded.has(name) || errors.has(name)).toBe(true);
        // Matching with whatever loaded never throws.
        for (const n of [0, 1, 2]) engine.detector.process({ EventID: 1, CommandLine: `run evil${n} now`, Image: `C:\\x${n}.exe`, User: 'bob' });
        tally.add('packs');
        tally.add('files', files.length);
        tally.add('rules loaded', loaded.size);
        tally.add('files with errors', errors.size);
      }),
      { numRuns: fuzzRuns(60), seed: FUZZ_SEED },
    );
    tally.report();
  });
});
