import { describe, expect, it } from 'vitest';
import { explainRule, type ItemExplanation } from '../../engine/match/explain.js';
import { conditionReason, explanationText } from '../../engine/match/explain-text.js';
import { collectionFromText } from '../helpers/rules.js';

const RULE = `
title: Explain me
id: 0b9a1b8e-2f6e-4c55-9d3e-5f1e6a7b8c9d
logsource: {category: process_creation, product: windows}
detection:
  selection:
    Image|endswith: '\\tool.exe'
    CommandLine|contains|all: [' -a ', ' -b ']
  filter_main:
    User|neq: 'CORP\\admin'
  condition: selection and not filter_main
level: high
`;
const rule = collectionFromText(RULE).rules[0];
const base = { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Image: 'C:\\x\\tool.exe', CommandLine: 'tool -a -b x', User: 'CORP\\admin' };

const item = (ex: ReturnType<typeof explainRule>, search: string, field: string) => {
  const tree = ex.searches.find((s) => s.name === search)!.tree;
  const items = tree.kind === 'item' ? [tree] : (tree.children as ItemExplanation[]);
  return items.find((i) => i.field === field)!;
};

describe('explainRule', () => {
  it('reports each value of an |all item and the event value it was tested on', () => {
    const ex = explainRule(rule, { ...base, CommandLine: 'tool -a x' });
    const cmd = item(ex, 'selection', 'CommandLine');
    expect(cmd.actual).toBe('tool -a x');
    expect(cmd.linking).toBe('and');
    expect(cmd.values).toEqual([{ value: '* -a *', matched: true }, { value: '* -b *', matched: false }]);
    expect(cmd.matched).toBe(false);
    expect(cmd.where.line).toBe(8);
    expect(ex.matched).toBe(false);
    expect(conditionReason(ex.conditions[0].tree)).toBe('selection did not match');
  });

  it('explains a negated item and the condition it decides', () => {
    const admin = explainRule(rule, base);
    expect(item(admin, 'filter_main', 'User')).toMatchObject({ negated: true, matched: false });
    expect(admin.matched).toBe(true);
    const other = explainRule(rule, { ...base, User: 'CORP\\eve' });
    expect(other.matched).toBe(false);
    expect(conditionReason(other.conditions[0].tree)).toBe('filter_main matched, so its negation is false');
  });

  it('says when the log source does not cover the event', () => {
    const ex = explainRule(rule, { ...base, EventID: 3 });
    expect(ex.logsource.applies).toBe(false);
    expect(ex.logsource.reason).toContain('EventID 3');
    expect(ex.matched).toBe(false);
    expect(explanationText(ex)).toContain('NO MATCH (log source does not apply)');
  });

  it('renders a readable text with marks per value', () => {
    const text = explanationText(explainRule(rule, { ...base, CommandLine: 'tool -a x' }));
    expect(text).toContain('condition: selection and not filter_main');
    expect(text).toMatch(/✗ CommandLine\|contains\|all \(all of\) {3}event: CommandLine = "tool -a x"/);
    expect(text).toContain('✓ * -a *');
    expect(text).toContain('✗ * -b *');
    expect(text).toContain('result: NO MATCH (condition is false)');
  });
});

describe('matchedSearches', () => {
  it('names the searches that matched, for run --explain', async () => {
    const { matchedSearches } = await import('../../engine/match/explain.js');
    expect(matchedSearches(rule, base)).toEqual(['selection']);
    expect(matchedSearches(rule, { ...base, User: 'CORP\\eve' })).toEqual(['selection', 'filter_main']);
  });
});
