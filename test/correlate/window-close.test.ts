// Conditions decided when the window closes: upper bounds, eq/neq, ranges, `not` in string conditions.
import { describe, expect, it } from 'vitest';
import { correlate, firedAtSec, hit, hostCorrelation, sec, type Step } from '../helpers/hits.js';

const rule = (condition: string) => hostCorrelation('event_count', condition);
const a = (s: number, host = 'host1'): Step => [sec(s), hit('a', {}, host)];

describe('window-close conditions', () => {
  it('lt fires once the window (first event + timespan) has passed, at its close time', () => {
    const { hits } = correlate(rule('{lt: 3}'), [a(0), a(4), a(30)]);
    // window 0..10 holds 2 events (fires at 10); the event at 30 opens a new window, closed by flush
    expect(firedAtSec(hits)).toEqual([10, 40]);
    expect(hits[0].hits).toHaveLength(2);
  });
  it('never early: the window is not decided while event time has not passed its close', () => {
    const rules = rule('{lt: 3}');
    const { correlator } = correlate(rules, []);
    expect(correlator.push({ timeMs: sec(0), hits: [hit('a')] })).toEqual([]);
    expect(correlator.push({ timeMs: sec(10), hits: [] })).toEqual([]); // exactly at close: an event could still count
    expect(firedAtSec(correlator.push({ timeMs: sec(10) + 1, hits: [] }))).toEqual([10]);
  });
  it('an event exactly at the close time is inside the window', () => {
    expect(correlate(rule('{lt: 3}'), [a(0), a(5), a(10)]).hits).toEqual([]);
  });
  it('eq and neq', () => {
    expect(firedAtSec(correlate(rule('{eq: 2}'), [a(0), a(5)]).hits)).toEqual([10]);
    expect(correlate(rule('{eq: 2}'), [a(0), a(5), a(6)]).hits).toEqual([]);
    expect(correlate(rule('{neq: 2}'), [a(0), a(5)]).hits).toEqual([]);
  });
  it('a range (gt + lte) is decided at close', () => {
    const range = rule('{gt: 1, lte: 3}');
    expect(firedAtSec(correlate(range, [a(0), a(1), a(2)]).hits)).toEqual([10]);
    expect(correlate(range, [a(0), a(1), a(2), a(3)]).hits).toEqual([]);
    expect(correlate(range, [a(0)]).hits).toEqual([]);
  });
  it('groups close independently', () => {
    const { hits } = correlate(rule('{lt: 2}'), [a(0, 'h1'), a(3, 'h2'), a(4, 'h2'), a(20, 'h3')]);
    expect(hits.map((h) => [h.correlation.group.Computer, (Date.parse(h.time) - sec(0)) / 1000])).toEqual([
      ['h1', 10],
      ['h3', 30],
    ]);
  });
});

describe('extended temporal conditions', () => {
  const ext = (condition: string, rules = '[a, b, c]') => `
title: t
correlation:
  type: temporal
  rules: ${rules}
  group-by: [Computer]
  timespan: 10s
  condition: ${condition}
`;
  it('a and b (no not): fires on arrival', () => {
    expect(firedAtSec(correlate(ext("'a and b'", '[a, b]'), [[sec(0), hit('a')], [sec(3), hit('b')]]).hits)).toEqual([3]);
  });
  it('a and not b: fires at close when b stayed away', () => {
    expect(firedAtSec(correlate(ext("'a and not b'", '[a, b]'), [[sec(0), hit('a')]]).hits)).toEqual([10]);
    expect(correlate(ext("'a and not b'", '[a, b]'), [[sec(0), hit('a')], [sec(10), hit('b')]]).hits).toEqual([]);
  });
  it('keywords in any case, with parentheses and precedence', () => {
    const r = ext("'(a OR b) AND NOT c'");
    expect(firedAtSec(correlate(r, [[sec(0), hit('b')]]).hits)).toEqual([10]);
    expect(correlate(r, [[sec(0), hit('b')], [sec(2), hit('c')]]).hits).toEqual([]);
  });
  it('rules may be omitted and are taken from the expression', () => {
    const r = `
title: t
correlation: {type: temporal, group-by: [Computer], timespan: 10s, condition: 'a and b'}
`;
    expect(firedAtSec(correlate(r, [[sec(0), hit('b')], [sec(1), hit('a')]]).hits)).toEqual([1]);
  });
  it('temporal_ordered with a string condition: a rule counts only after the rules listed before it', () => {
    const r = `
title: t
correlation: {type: temporal_ordered, rules: [a, b], group-by: [Computer], timespan: 10s, condition: 'a and b'}
`;
    expect(correlate(r, [[sec(0), hit('b')], [sec(1), hit('a')]]).hits).toEqual([]);
    expect(firedAtSec(correlate(r, [[sec(0), hit('a')], [sec(1), hit('b')]]).hits)).toEqual([1]);
  });
});
