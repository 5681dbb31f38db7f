/**
 * Which correlations and sequences are host-local (issue 14 deliverable 4; reused by the NATS
 * re-keying of issue 16): a table of group-by keys, aliases, sequence join keys and chaining.
 */
import { describe, expect, it } from 'vitest';
import { classifyLocality, isHostLocalField, isHostLocalKey } from '../../engine/correlate/locality.js';
import { loadRules } from '../helpers/hits.js';

describe('host-local fields', () => {
  it.each([
    ['Computer', true],
    ['ProcessGuid', true],
    ['ParentProcessGuid', true],
    ['SourceProcessGUID', true],
    ['TargetProcessGuid', true],
    ['LogonGuid', true],
    ['LogonId', false],
    ['ProcessId', false],
    ['User', false],
    ['SourceIp', false],
  ])('%s → %s', (field, local) => expect(isHostLocalField(field)).toBe(local));
});

describe('host-local keys', () => {
  it.each<[string, string[][], boolean]>([
    ['no group-by (one global group)', [[]], false],
    ['Computer', [['Computer']], true],
    ['User', [['User']], false],
    ['User and Computer', [['User', 'Computer']], true],
    ['a GUID for one source, an IP for the other', [['ProcessGuid'], ['DestinationIp']], false],
    ['a GUID per source, under different names', [['ProcessGuid'], ['ParentProcessGuid']], true],
    ['host-local at different positions only', [['Computer', 'User'], ['User', 'Computer']], false],
  ])('%s', (_, fields, local) => expect(isHostLocalKey(fields)).toBe(local));
});

const correlation = (name: string, rules: string, groupBy: string, extra = '') => `
title: ${name}
name: ${name}
correlation:
  type: event_count
  rules: ${rules}
  group-by: ${groupBy}
  timespan: 1m
  condition: {gte: 2}
${extra}`;

const sequence = (name: string, by: string) => `
title: ${name}
name: ${name}
sequence:
  maxspan: 20s
  by: ${by}
  steps:
    - rule: exec
    - rule: connect
`;

describe('classifyLocality', () => {
  it.each<[string, string, Record<string, 'host' | 'global'>]>([
    ['grouped by host', correlation('c', 'a', '[Computer]'), { c: 'host' }],
    ['grouped by user across hosts', correlation('c', 'a', '[User]'), { c: 'global' }],
    ['one global group', correlation('c', 'a', '[]'), { c: 'global' }],
    ['an alias that is a GUID for every rule', correlation('c', '[a, b]', '[proc]', '  aliases:\n    proc: {a: ProcessGuid, b: ParentProcessGuid}\n'), { c: 'host' }],
    ['an alias that is a GUID for one rule only', correlation('c', '[a, b]', '[proc]', '  aliases:\n    proc: {a: ProcessGuid, b: User}\n'), { c: 'global' }],
    ['a sequence by ProcessGuid', sequence('s', 'ProcessGuid'), { s: 'host' }],
    ['a sequence by User', sequence('s', 'User'), { s: 'global' }],
    ['chained: host over host', correlation('inner', 'a', '[Computer]') + '---' + correlation('outer', 'inner', '[Computer]'), { inner: 'host', outer: 'host' }],
    ['chained: host over a cross-host inner', correlation('inner', 'a', '[User]') + '---' + correlation('outer', 'inner', '[Computer]'), { inner: 'global', outer: 'global' }],
  ])('%s', (_, yaml, expected) => {
    const set = loadRules(yaml);
    const found = Object.fromEntries([...classifyLocality(set)].map(([rule, locality]) => [rule.name, locality]));
    expect(found).toEqual(expected);
  });
});
