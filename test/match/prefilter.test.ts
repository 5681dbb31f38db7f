/**
 * The literal prefilter may over-approximate, never drop (issue 14, deliverable 2; after rsigma's
 * engine/diff_tests.rs): for every event, `Matcher.match` (route → prefilter → full evaluation)
 * must equal the routed candidates filtered by full evaluation alone, with the prefilter bypassed.
 * Checked on a table of small edge cases and, with fast-check, on events generated from the
 * shared regression events and the literals of every SigmaHQ rule (read from ../shared).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NormalizedEvent } from '../../engine/event.js';
import type { CompiledRule } from '../../engine/match/compile.js';
import { EventView } from '../../engine/match/event-access.js';
import { Matcher } from '../../engine/match/matcher.js';
import { ANY_FIELD, NON_ASCII } from '../../engine/match/needles.js';
import { RuleIndex } from '../../engine/match/rule-index.js';
import { createEngine } from '../../engine/pipeline/engine.js';
import { engineFromText, hasShared, sharedDir, sharedNotice } from '../helpers/rules.js';

/** Full evaluation of every routed candidate: the reference the prefilter must never fall below. */
function reference(rules: CompiledRule[]): (event: NormalizedEvent) => string[] {
  const index = new RuleIndex(rules);
  return (event) => index.candidates(event).filter((r) => r.matches(new EventView(event))).map((r) => r.summary.path + '#' + r.order);
}

function viaPrefilter(rules: CompiledRule[]): (event: NormalizedEvent) => string[] {
  const matcher = new Matcher(rules);
  return (event) => matcher.match(event).map((r) => r.summary.path + '#' + r.order);
}

const SYSMON = { Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1 };

const edgeCases: Array<[string, string, Record<string, unknown>]> = [
  ['upper-case value, lower-case needle', 'sel:\n  CommandLine|contains: mimikatz\ncondition: sel', { CommandLine: 'C:\\MIMIKATZ.EXE' }],
  ['mixed case, needle at the very end', 'sel:\n  Image|endswith: \\Cmd.exe\ncondition: sel', { Image: 'C:\\WINDOWS\\system32\\cMD.EXE' }],
  ['Kelvin sign lower-cases to an ASCII k', 'sel:\n  CommandLine|contains: kerberos\ncondition: sel', { CommandLine: 'x \u212Aerberos y' }],
  ['dotted capital I lengthens when lower-cased (contains)', 'sel:\n  CommandLine|contains: xi\u0307y\ncondition: sel', { CommandLine: 'aX\u0130Y' }],
  ['dotted capital I lengthens when lower-cased (equals)', 'sel:\n  User: i\u0307i\u0307\ncondition: sel', { User: '\u0130\u0130' }],
  ['non-ASCII value and needle', 'sel:\n  CommandLine|contains: \u00e9t\u00e9s\ncondition: sel', { CommandLine: 'PR\u00c9T\u00c9S' }],
  ['Latin-1 letters fold in the scan itself', 'sel:\n  Product|contains: \u00ae windows\u00ae op\ncondition: sel', { Product: 'Microsoft\u00ae WINDOWS\u00ae Operating System' }],
  ['Latin-1 value, needle beyond Latin-1 (\u00ff upper-cases out of Latin-1)', 'sel:\n  CommandLine|contains: a\u00ffb\ncondition: sel', { CommandLine: 'xA\u0178B' }],
  ['equality on a number', 'sel:\n  ProcessId: 4\ncondition: sel', { ProcessId: 4 }],
  ['equality on an upper-case value', 'sel:\n  IntegrityLevel: high\ncondition: sel', { IntegrityLevel: 'HIGH' }],
  ['keyword in a nested value', 'keywords:\n  - secretdump\ncondition: keywords', { Data: { Inner: ['x', 'SecretDump.py'] } }],
  ['keyword and field clause', 'sel:\n  Image|endswith: \\a.exe\nkeywords:\n  - payload\ncondition: sel and keywords', { Image: 'C:\\A.EXE', CommandLine: 'x PAYLOAD' }],
  ['keyword with a wildcard', 'keywords:\n  - \'abc*xyz\'\ncondition: keywords', { A: 'q', B: 'x ABC-q-XYZ' }],
  ['regex with a required literal', "sel:\n  CommandLine|re: '(?i)invoke-[a-z]+shell'\ncondition: sel", { CommandLine: 'INVOKE-PowerShell' }],
  ['emoji rule on a value with non-ASCII', 'sel:\n  CommandLine|contains: \u{1F600}\ncondition: sel', { CommandLine: 'x \u{1F600} y' }],
  ['array-valued field', 'sel:\n  Tags|contains: evil\ncondition: sel', { Tags: ['ok', 'EVIL thing'] }],
  ['long OR-list of contains (needle set over 400)', `sel:\n  CommandLine|contains:\n${Array.from({ length: 450 }, (_, i) => `    - tool${i}x`).join('\n')}\ncondition: sel`, { CommandLine: 'run TOOL449X now' }],
];

describe('prefilter never drops a rule full evaluation matches: edge cases', () => {
  it.each(edgeCases)('%s', (_name, detection, fields) => {
    const body = detection.split('\n').map((l) => '  ' + l).join('\n');
    const engine = engineFromText(`title: t\nlogsource:\n  product: windows\ndetection:\n${body}\n`);
    expect(engine.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const rules = engine.compiled.compiled;
    const event = { ...SYSMON, ...fields } as NormalizedEvent;
    const want = reference(rules)(event);
    expect(want).toHaveLength(1); // the case is meaningful: full evaluation matches it
    expect(viaPrefilter(rules)(event)).toEqual(want);
  });
});

describe('prefilter: a remembered value selects what its scan selected', () => {
  const tools = Array.from({ length: 40 }, (_, i) => `    - tool${i}x`).join('\n');
  const engine = engineFromText(`title: t\nlogsource:\n  product: windows\n  category: process_creation\ndetection:\n  sel:\n    CommandLine|contains:\n${tools}\n  condition: sel\n`);
  const rules = engine.compiled.compiled;
  const hit = { ...SYSMON, CommandLine: 'run TOOL7X now' } as NormalizedEvent;
  const miss = { ...SYSMON, CommandLine: 'run tool7 now' } as NormalizedEvent;

  it.each([
    ['the same value again', [hit, hit, miss, miss, hit]],
    ['after 600 values that never repeat (the field stops remembering)', [hit, ...Array.from({ length: 600 }, (_, i) => ({ ...SYSMON, CommandLine: `x${i}` }) as NormalizedEvent), hit, miss]],
  ])('%s', (_name, events) => {
    const prefiltered = viaPrefilter(rules);
    const full = reference(rules);
    const got = events.map((e) => prefiltered(e).length);
    expect(got).toEqual(events.map((e) => full(e).length));
    expect(got.filter((n) => n > 0)).toHaveLength(events.filter((e) => e === hit).length);
  });
});

sharedNotice('prefilter property test over the SigmaHQ rules');

describe.skipIf(!hasShared)('prefilter never drops a rule full evaluation matches: SigmaHQ rules, generated events', () => {
  let rules: CompiledRule[];
  let base: NormalizedEvent[];
  let literals: Array<{ field: string; text: string }>;
  beforeAll(async () => {
    rules = (await createEngine([resolve(sharedDir, 'sigmahq/rules')])).compiled.compiled;
    const dir = resolve(sharedDir, 'sigmahq/regression');
    base = readdirSync(dir).filter((f) => f.endsWith('.ndjson')).sort()
      .flatMap((f) => readFileSync(resolve(dir, f), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as NormalizedEvent));
    literals = rules.flatMap((r) => r.literals.flat()).filter((n) => n.text !== NON_ASCII && n.text !== '');
  }, 60_000);

  it('on regression events edited with rule literals in any case, Unicode look-alikes and noise', async () => {
    const prefiltered = viaPrefilter(rules);
    const full = reference(rules);
    const recase = (text: string, how: number) => (how === 0 ? text : how === 1 ? text.toUpperCase() : [...text].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join(''));
    const fragment = fc.oneof(
      fc.tuple(fc.nat(literals.length - 1), fc.nat(2)).map(([i, how]) => recase(literals[i].text, how)),
      fc.constantFrom('\u0130', '\u212A', '\u017F', '\u00C9', '\u00AE', '\u00B5', '\u00FF', '\u0178', '\u03A3', '\u{1F600}', '\u0000', ' ', '\\', '"'),
      fc.string({ maxLength: 8 }),
    );
    const value = fc.array(fragment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));
    const fieldName = fc.oneof(
      fc.nat(literals.length - 1).map((i) => literals[i].field),
      fc.constantFrom('CommandLine', 'Image', 'ParentImage', 'TargetFilename', 'TargetObject', 'Details', 'QueryName', 'EventType'),
    ).filter((f) => f !== ANY_FIELD);
    const event = fc.record({
      at: fc.nat(10_000),
      edits: fc.array(fc.tuple(fieldName, value), { maxLength: 4 }),
    }).map(({ at, edits }) => {
      const e: Record<string, unknown> = { ...base[at % base.length] };
      for (const [field, text] of edits) e[field] = text;
      return e as NormalizedEvent;
    });
    let matched = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(event, async (e) => {
        // Let the test runner's messages through now and then: a long synchronous run on a loaded
        // machine makes vitest time out its own worker RPC ("Timeout calling onTaskUpdate").
        if (++runs % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
        const want = full(e);
        matched += want.length;
        expect(prefiltered(e)).toEqual(want);
      }),
      { numRuns: 1500, seed: 14 },
    );
    // The generated events do make hits, so the property is not vacuous.
    expect(matched).toBeGreaterThan(300);
  }, 120_000);

  it('on every shared regression event as it is', () => {
    const prefiltered = viaPrefilter(rules);
    const full = reference(rules);
    for (const e of base) expect(prefiltered(e)).toEqual(full(e));
  });
});
