// Parsing and validating Sigma correlation documents (SIGMA.md §6, K1-K4, K7), with located errors.
import { describe, expect, it } from 'vitest';
import { parseCorrelationDocument } from '../../engine/sigma/correlation/parse.js';
import { parseTimespan } from '../../engine/sigma/correlation/timespan.js';
import { yamlDocuments } from '../helpers/documents.js';

const parse = (yaml: string) => parseCorrelationDocument(yamlDocuments(yaml)[0]);
const errors = (yaml: string) =>
  parse(yaml).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.where.line}:${d.where.col} ${d.code}`);

const base = (correlation: string, top = '') => `title: t
${top}correlation:
${correlation}`;

describe('timespan', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1w', 604_800_000],
    ['1M', 2_629_746_000],
    ['1y', 31_556_952_000],
  ])('%s = %d ms', (text, ms) => expect(parseTimespan(text)).toBe(ms));
  it.each(['5', 'm', '5 m', '1.5h', '5S', '5H', '-1m', '0s', '5min'])('rejects %s', (text) => expect(parseTimespan(text)).toBeUndefined());
  it('is located in the rule', () => {
    expect(errors(base('  type: event_count\n  rules: a\n  timespan: 5x\n  condition: {gte: 1}\n'))).toEqual(['5:13 bad-timespan']);
  });
});

describe('structure', () => {
  it('parses every type with its parts', () => {
    const { rule, diagnostics } = parse(`title: Brute force
id: 0e95725d-7320-415d-80f7-004da920fc11
name: brute
level: HIGH
tags: [attack.t1110]
correlation:
  type: value_count
  rules:
    - login_fail
    - 5638f7c0-ac70-491d-8465-2a65075e0d86
  group-by:
    - ComputerName
    - ip
  timespan: 15m
  condition:
    gte: 4
    lt: 10
    field: TargetUserName
  aliases:
    ip:
      login_fail: IpAddress
  generate: true
`);
    expect(diagnostics).toEqual([]);
    expect(rule).toMatchObject({
      kind: 'correlation',
      title: 'Brute force',
      name: 'brute',
      level: 'high',
      tags: ['attack.t1110'],
      type: 'value_count',
      rules: ['login_fail', '5638f7c0-ac70-491d-8465-2a65075e0d86'],
      groupBy: ['ComputerName', 'ip'],
      timespanMs: 900_000,
      condition: { kind: 'threshold', comparisons: [{ op: 'gte', value: 4 }, { op: 'lt', value: 10 }], fields: ['TargetUserName'] },
      aliases: { ip: { login_fail: 'IpAddress' } },
      generate: true,
    });
    expect(rule!.ruleLocations.map((l) => l.line)).toEqual([9, 10]);
  });
  it('accepts all eight types', () => {
    for (const [type, condition] of [
      ['event_count', '{gte: 1}'],
      ['value_count', '{gte: 1, field: X}'],
      ['temporal', '{gte: 1}'],
      ['temporal_ordered', '{gte: 1}'],
      ['value_sum', '{gte: 1, field: X}'],
      ['value_avg', '{gte: 1.5, field: X}'],
      ['value_percentile', '{gte: 1, field: X, percentile: 95}'],
      ['value_median', '{gte: 1, field: X}'],
    ]) {
      expect(errors(base(`  type: ${type}\n  rules: a\n  timespan: 1m\n  condition: ${condition}\n`)), type).toEqual([]);
    }
  });
  it('rules may be a single string; group-by is optional', () => {
    const { rule } = parse(base('  type: event_count\n  rules: a\n  timespan: 1m\n  condition: {gte: 1}\n'));
    expect(rule).toMatchObject({ rules: ['a'], groupBy: [] });
  });
  it('temporal types default to all rules', () => {
    const { rule } = parse(base('  type: temporal\n  rules: [a, b, c]\n  timespan: 1m\n'));
    expect(rule!.condition).toEqual({ kind: 'threshold', comparisons: [{ op: 'gte', value: 3 }], fields: [] });
  });
  it('generate is read at the top level or under correlation', () => {
    expect(parse(base('  type: temporal\n  rules: a\n  timespan: 1m\n', 'generate: true\n')).rule!.generate).toBe(true);
    expect(parse(base('  type: temporal\n  rules: a\n  timespan: 1m\n  generate: true\n')).rule!.generate).toBe(true);
    expect(parse(base('  type: temporal\n  rules: a\n  timespan: 1m\n')).rule!.generate).toBe(false);
  });
  it('a group_by typo is an error, not silently ignored', () => {
    expect(errors(base('  type: temporal\n  rules: a\n  group_by: [User]\n  timespan: 1m\n'))).toEqual(['5:13 correlation-schema']);
  });
  it('reports missing and unknown parts where they are', () => {
    expect(errors('title: t\ncorrelation:\n  rules: a\n  timespan: 1m\n')).toEqual(['3:3 correlation-schema']);
    expect(errors(base('  type: event_counts\n  rules: a\n  timespan: 1m\n  condition: {gte: 1}\n'))).toEqual(['3:9 correlation-schema']);
    expect(errors(base('  type: event_count\n  rules: a\n  timespan: 1m\n'))).toEqual(['3:9 missing-condition']);
    expect(errors(base('  type: event_count\n  rules: a\n  timespan: 1m\n  condition: {over: 1}\n'))).toEqual(['6:21 correlation-schema']);
    expect(errors(base('  type: event_count\n  rules: a\n  timespan: 1m\n  condition: {gte: many}\n'))).toEqual(['6:20 correlation-schema']);
    expect(errors(base('  type: event_count\n  rules: a\n  timespan: 1m\n  condition: {field: X}\n'))).toEqual(['6:14 bad-condition']);
  });
  it('checks condition fields per type', () => {
    expect(errors(base('  type: value_count\n  rules: a\n  timespan: 1m\n  condition: {gte: 1}\n'))).toEqual(['6:14 bad-condition']);
    expect(errors(base('  type: event_count\n  rules: a\n  timespan: 1m\n  condition: {gte: 1, field: X}\n'))).toEqual(['6:30 bad-condition']);
    expect(errors(base('  type: value_sum\n  rules: a\n  timespan: 1m\n  condition: {gte: 1, field: [X, Y]}\n'))).toEqual(['6:30 bad-condition']);
    expect(errors(base('  type: value_percentile\n  rules: a\n  timespan: 1m\n  condition: {gte: 1, field: X}\n'))).toEqual(['6:14 bad-condition']);
    expect(errors(base('  type: value_avg\n  rules: a\n  timespan: 1m\n  condition: {gte: 1, field: X, percentile: 5}\n'))).toEqual(['6:45 bad-condition']);
  });
  it('a bad level is located', () => {
    expect(errors('title: t\nlevel: severe\ncorrelation: {type: temporal, rules: a, timespan: 1m}\n')).toEqual(['2:8 bad-level']);
  });
});

describe('extended temporal conditions', () => {
  const ext = (condition: string, rules = '  rules: [a, b]\n', type = 'temporal') =>
    base(`  type: ${type}\n${rules}  timespan: 1m\n  condition: ${condition}\n`);
  it('parses and/or/not with precedence, in any case', () => {
    const { rule } = parse(ext("'a AND NOT b or c'", '  rules: [a, b, c]\n'));
    expect(rule!.condition).toEqual({
      kind: 'expression',
      text: 'a AND NOT b or c',
      expression: {
        kind: 'or',
        operands: [
          { kind: 'and', operands: [{ kind: 'ref', ref: 'a' }, { kind: 'not', operand: { kind: 'ref', ref: 'b' } }] },
          { kind: 'ref', ref: 'c' },
        ],
      },
    });
  });
  it('takes rules from the expression when rules is omitted', () => {
    expect(parse(ext("'x and not (y or z)'", '')).rule!.rules).toEqual(['x', 'y', 'z']);
  });
  it('every rule must be in the expression and vice versa', () => {
    expect(errors(ext("'a and c'"))).toEqual(['6:14 bad-condition', '4:14 bad-condition']);
  });
  it('syntax errors and non-temporal types are reported', () => {
    expect(errors(ext("'a and (b'"))).toEqual(['6:14 bad-condition']);
    expect(errors(ext("'a and'"))).toEqual(['6:14 bad-condition']);
    expect(errors(ext("'a and b'", '  rules: [a, b]\n', 'event_count'))).toEqual(['6:14 bad-condition']);
  });
});
