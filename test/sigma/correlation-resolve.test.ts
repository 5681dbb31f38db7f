// Resolving references: id before name, chaining, cycles, unknown references, aliases, generate.
import { describe, expect, it } from 'vitest';
import { parseCorrelationDocument } from '../../engine/sigma/correlation/parse.js';
import { resolveReferences } from '../../engine/sigma/correlation/resolve.js';
import type { CorrelationRule } from '../../engine/sigma/correlation/model.js';
import { parseSequenceDocument } from '../../engine/sigma/sequence/parse.js';
import { yamlDocuments } from '../helpers/documents.js';

const correlations = (yaml: string, file = 'corr.yml') =>
  yamlDocuments(yaml, file).map((doc) => {
    const { rule, diagnostics } = parseCorrelationDocument(doc);
    if (!rule) throw new Error(diagnostics.map((d) => d.message).join('; '));
    return rule;
  });
const corr = (name: string, rules: string, extra = '') =>
  `title: ${name}\nname: ${name}\ncorrelation: {type: event_count, rules: ${rules}, timespan: 1m, condition: {gte: 1}${extra}}\n`;

describe('resolveReferences', () => {
  const UUID = '5638f7c0-ac70-491d-8465-2a65075e0d86';
  it('resolves by id first, then by name', () => {
    const rules = [
      { id: UUID, name: 'first', file: 'r.yml' },
      { id: 'other-id', name: UUID, file: 'r.yml' },
      { name: 'byname', file: 'r.yml' },
    ];
    const out = resolveReferences({ correlations: correlations(corr('c', `[${UUID}, byname]`)) }, rules);
    expect(out.diagnostics).toEqual([]);
    expect(out.correlations[0].targets).toEqual([`id:${UUID}`, 'name:byname']);
  });
  it('an unknown reference is a located error and drops the correlation and those built on it', () => {
    const rules = correlations(`${corr('inner', '[nope]')}---\n${corr('outer', '[inner]')}`);
    const out = resolveReferences({ correlations: rules }, []);
    expect(out.correlations).toEqual([]);
    expect(out.diagnostics.map((d) => [d.code, d.where.line])).toEqual([
      ['unknown-rule-reference', 3],
      ['invalid-rule-reference', 7],
    ]);
  });
  it('chains correlations and detects cycles', () => {
    const ok = resolveReferences({ correlations: correlations(`${corr('inner', '[base]')}---\n${corr('outer', '[inner, base]')}`) }, [{ name: 'base' }]);
    expect(ok.diagnostics).toEqual([]);
    expect(ok.correlations.map((c) => c.targets)).toEqual([['name:base'], ['name:inner', 'name:base']]);

    const cyclic = resolveReferences({ correlations: correlations(`${corr('x', '[y]')}---\n${corr('y', '[z]')}---\n${corr('z', '[x]')}`) }, []);
    expect(cyclic.correlations).toEqual([]);
    expect(cyclic.diagnostics.some((d) => d.code === 'reference-cycle')).toBe(true);
    const self = resolveReferences({ correlations: correlations(corr('me', '[me]')) }, []);
    expect(self.diagnostics.map((d) => d.code)).toEqual(['reference-cycle']);
  });
  it('rewrites alias keys to the references as written in rules', () => {
    const yaml = `title: t
correlation:
  type: temporal
  rules: [${UUID}]
  group-by: [ip]
  timespan: 1m
  aliases: {ip: {failed: IpAddress}}
`;
    const out = resolveReferences({ correlations: correlations(yaml) }, [{ id: UUID, name: 'failed' }]);
    expect(out.correlations[0].aliases).toEqual({ ip: { [UUID]: 'IpAddress' } });
  });
  it('generate: false silences the referenced rules of the same file only', () => {
    const rules = [
      { name: 'here', file: 'corr.yml' },
      { name: 'elsewhere', file: 'other.yml' },
    ];
    const silent = resolveReferences({ correlations: correlations(corr('c', '[here, elsewhere]')) }, rules);
    expect([...silent.suppressed]).toEqual(['name:here']);
    const loud = resolveReferences({ correlations: correlations(corr('c', '[here, elsewhere]', ', generate: true')) }, rules);
    expect([...loud.suppressed]).toEqual([]);
  });
  it('sequences resolve their steps and until; inline steps are hidden rules', () => {
    const [doc] = yamlDocuments(`title: s
name: s
sequence:
  maxspan: 1m
  steps:
    - rule: exec
    - {logsource: {product: linux}, detection: {sel: {EventID: 3}, condition: sel}}
  until: {rule: corr}
`);
    const { rule } = parseSequenceDocument(doc, () => ({ rule: {}, diagnostics: [] }));
    const out = resolveReferences({ correlations: correlations(corr('corr', '[exec]')), sequences: [rule!] }, [{ name: 'exec' }]);
    expect(out.diagnostics).toEqual([]);
    expect(out.sequences[0].steps.map((s) => s.target)).toEqual(['name:exec', 'name:s/step2']);
    expect(out.sequences[0].until!.target).toBe('name:corr');
    expect([...out.suppressed]).toEqual(['name:s/step2']);
  });
  it('keeps the input untouched', () => {
    const input: CorrelationRule[] = correlations(corr('c', '[base]'));
    resolveReferences({ correlations: input }, [{ name: 'base' }]);
    expect(input[0].targets).toBeUndefined();
  });
});
