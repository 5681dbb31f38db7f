/** Rule selection at load (issue 13 deliverable 2): each criterion, the default status policy, counts. */
import { describe, expect, it } from 'vitest';
import { globToRegExp, selectRules, type SelectableRule } from '../../engine/pipeline/rule-selection.js';
import { engineFromCollection, emptyCollection, addRuleText } from '../../engine/index.js';

const rule = (title: string, extra: Partial<SelectableRule> = {}): SelectableRule => ({ title, tags: [], file: `rules/windows/${title}.yml`, ...extra });
const rules = [
  rule('a', { level: 'low', status: 'stable', tags: ['attack.execution', 'attack.t1059.001'], id: 'id-a' }),
  rule('b', { level: 'high', status: 'test', tags: ['attack.persistence', 'attack.t1547'] }),
  rule('c', { level: 'critical', status: 'deprecated', tags: ['attack.t1059'] }),
  rule('d', { level: 'medium', tags: ['cve.2021-44228'], file: 'rules/linux/d.yml' }),
  rule('e', { status: 'unsupported' }),
];
const titles = (r: SelectableRule[]) => r.map((x) => x.title).join('');

describe('selectRules', () => {
  it.each([
    ['default leaves out deprecated and unsupported', {}, 'abd', { status: 2 }],
    ['--status lists what is kept', { statuses: ['deprecated', 'test'] }, 'bc', { status: 3 }],
    ['--min-level high', { minLevel: 'high' as const }, 'b', { status: 2, 'min-level': 2 }],
    ['--level low,medium', { levels: ['low', 'MEDIUM'] }, 'ad', { status: 2, level: 1 }],
    ['--tag', { tags: ['CVE.2021-44228'] }, 'd', { status: 2, tag: 2 }],
    ['--tactic without prefix', { tactics: ['persistence'] }, 'b', { status: 2, tactic: 2 }],
    ['--technique keeps sub-techniques', { techniques: ['T1059'], statuses: ['stable', 'deprecated'] }, 'ac', { status: 3 }],
    ['--technique sub-technique only itself', { techniques: ['t1059.001'], statuses: ['stable', 'deprecated'] }, 'a', { status: 3, technique: 1 }],
    ['--rule by id', { include: ['ID-A'] }, 'a', { status: 2, rule: 2 }],
    ['--rule by title', { include: ['b'] }, 'b', { status: 2, rule: 2 }],
    ['--rule by path glob', { include: ['linux/**'] }, 'd', { status: 2, rule: 2 }],
    ['--exclude-rule by glob', { exclude: ['rules/windows/*.yml'] }, 'd', { status: 2, 'exclude-rule': 2 }],
  ])('%s', (_name, selection, kept, leftOut) => {
    const result = selectRules(rules, selection);
    expect(titles(result.kept)).toBe(kept);
    expect(result.leftOut).toEqual(leftOut);
  });
});

describe('globToRegExp', () => {
  it.each([
    ['*.yml', 'rules/a.yml', true],
    ['windows/*.yml', 'rules/windows/a.yml', true],
    ['windows/*.yml', 'rules/windows/x/a.yml', false],
    ['rules/**/a.yml', 'rules/windows/x/a.yml', true],
    ['rules/**/a.yml', 'rules/a.yml', true],
    ['proc_?.yml', 'proc_1.yml', true],
  ])('%s on %s', (glob, path, matches) => expect(globToRegExp(glob).test(path)).toBe(matches));
});

describe('engine selection keeps what a kept correlation needs', () => {
  const collection = emptyCollection();
  addRuleText(collection, 'r.yml', `title: base
id: 11111111-1111-1111-1111-111111111111
name: base_rule
level: low
logsource: {product: windows, category: process_creation}
detection: {sel: {Image|endswith: x.exe}, condition: sel}
---
title: other
level: low
logsource: {product: windows, category: process_creation}
detection: {sel: {Image|endswith: y.exe}, condition: sel}
---
title: many x
level: high
correlation: {type: event_count, rules: [base_rule], group-by: [Computer], timespan: 5m, condition: {gte: 2}}
`);
  it('--min-level high keeps the correlation and its base rule, silent', () => {
    const engine = engineFromCollection(collection, { select: { minLevel: 'high' } });
    expect(engine.compiled.compiled.map((r) => r.summary.title)).toEqual(['base']);
    expect(engine.leftOut).toEqual({ 'min-level': 1 });
    const e = { EventID: 1, Image: 'C:\\x.exe', Computer: 'h', UtcTime: '2024-01-01 00:00:00.000' };
    const hits = [...engine.detector.process({ ...e }), ...engine.detector.process({ ...e }), ...engine.detector.flush()];
    expect(hits.map((h) => `${h.kind}:${h.rule.title}`)).toEqual(['correlation:many x']);
  });
});
