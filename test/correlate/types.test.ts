// Each correlation type at its boundaries: exactly at the threshold, exactly at the span edge, one late.
import { describe, expect, it } from 'vitest';
import { correlate, firedAtSec, hit, hostCorrelation, sec } from '../helpers/hits.js';

const rule = hostCorrelation;

describe('event_count', () => {
  const r = rule('event_count', '{gte: 3}');
  it('fires exactly at the threshold', () => {
    expect(firedAtSec(correlate(r, [[sec(0), hit('a')], [sec(1), hit('b')], [sec(2), hit('a')]]).hits)).toEqual([2]);
  });
  it('one below the threshold does not fire', () => {
    expect(correlate(r, [[sec(0), hit('a')], [sec(1), hit('b')]]).hits).toEqual([]);
  });
  it('an event exactly at the span edge is inside the window', () => {
    expect(firedAtSec(correlate(r, [[sec(0), hit('a')], [sec(5), hit('a')], [sec(10), hit('a')]]).hits)).toEqual([10]);
  });
  it('one millisecond beyond the edge is outside', () => {
    expect(correlate(r, [[sec(0), hit('a')], [sec(5), hit('a')], [sec(10) + 1, hit('a')]]).hits).toEqual([]);
  });
  it('gt is strict', () => {
    const gt = rule('event_count', '{gt: 2}');
    expect(firedAtSec(correlate(gt, [[sec(0), hit('a')], [sec(1), hit('a')], [sec(2), hit('a')]]).hits)).toEqual([2]);
    expect(correlate(gt, [[sec(0), hit('a')], [sec(1), hit('a')]]).hits).toEqual([]);
  });
  it('groups are separate: interleaved hosts each need their own events', () => {
    const h1 = (s: number) => [sec(s), hit('a', {}, 'h1')] as [number, ReturnType<typeof hit>];
    const h2 = (s: number) => [sec(s), hit('a', {}, 'h2')] as [number, ReturnType<typeof hit>];
    const { hits } = correlate(r, [h1(0), h2(1), h1(2), h2(3), h1(4), h2(20)]);
    expect(hits.map((h) => h.correlation.group)).toEqual([{ Computer: 'h1' }]);
    expect(hits[0].hits.every((x) => x.computer === 'h1')).toBe(true);
  });
  it('after firing the group resets: the next firing needs fresh events', () => {
    const steps = [0, 1, 2, 3, 4, 5].map((s) => [sec(s), hit('a')] as [number, ReturnType<typeof hit>]);
    expect(firedAtSec(correlate(r, steps).hits)).toEqual([2, 5]);
  });
  it('events lacking a group-by field do not count', () => {
    const noHost = { ...hit('a'), event: { EventID: 1 } };
    expect(correlate(r, [[sec(0), noHost], [sec(1), noHost], [sec(2), noHost]]).hits).toEqual([]);
  });
  it('without group-by, all events share one group', () => {
    const global = `
title: g
correlation: {type: event_count, rules: [a], timespan: 10s, condition: {gte: 2}}
`;
    const { hits } = correlate(global, [[sec(0), hit('a', {}, 'h1')], [sec(1), hit('a', {}, 'h2')]]);
    expect(hits).toHaveLength(1);
    expect(hits[0].correlation.group).toEqual({});
  });
});

describe('value_count', () => {
  const r = rule('value_count', '{gte: 3, field: User}');
  const u = (s: number, User?: string) => [sec(s), hit('a', User === undefined ? {} : { User })] as [number, ReturnType<typeof hit>];
  it('counts distinct values, fires at the third distinct one', () => {
    expect(firedAtSec(correlate(r, [u(0, 'x'), u(1, 'x'), u(2, 'y'), u(3, 'y'), u(4, 'z')]).hits)).toEqual([4]);
  });
  it('events without the field are not counted', () => {
    expect(correlate(r, [u(0, 'x'), u(1), u(2, 'y'), u(3)]).hits).toEqual([]);
  });
  it('a value that left the window no longer counts', () => {
    expect(correlate(r, [u(0, 'x'), u(5, 'y'), u(11, 'z')]).hits).toEqual([]);
  });
  it('a field list counts distinct tuples', () => {
    const tuple = rule('value_count', '{gte: 2, field: [User, Host]}');
    const e = (s: number, User: string, Host: string) => [sec(s), hit('a', { User, Host })] as [number, ReturnType<typeof hit>];
    expect(correlate(tuple, [e(0, 'x', '1'), e(1, 'x', '1')]).hits).toEqual([]);
    expect(firedAtSec(correlate(tuple, [e(0, 'x', '1'), e(1, 'x', '2')]).hits)).toEqual([1]);
  });
});

describe('numeric aggregates', () => {
  const n = (s: number, Bytes: string) => [sec(s), hit('a', { Bytes })] as [number, ReturnType<typeof hit>];
  it('value_sum fires when the sum reaches the threshold; non-numeric values are ignored', () => {
    const r = rule('value_sum', '{gte: 100, field: Bytes}');
    expect(firedAtSec(correlate(r, [n(0, '40'), n(1, 'lots'), n(2, '59'), n(3, '1')]).hits)).toEqual([3]);
  });
  it('value_sum: values leaving the window are subtracted', () => {
    const r = rule('value_sum', '{gte: 100, field: Bytes}');
    expect(correlate(r, [n(0, '60'), n(11, '40')]).hits).toEqual([]);
  });
  it('value_avg (a float threshold)', () => {
    const r = rule('value_avg', '{gt: 10.5, field: Bytes}');
    const { hits } = correlate(r, [n(0, '10'), n(1, '11'), n(2, '12')]);
    expect(firedAtSec(hits)).toEqual([2]);
    expect(hits[0].correlation.value).toBe(11);
  });
  it('value_percentile uses linear interpolation', () => {
    const r = rule('value_percentile', '{gte: 19, field: Bytes, percentile: 90}');
    // values 0,10,20: p90 = 10 + 0.8*10 = 18 (no fire); add 30: 0,10,20,30: p90 = 27
    const { hits } = correlate(r, [n(0, '0'), n(1, '10'), n(2, '20'), n(3, '30')]);
    expect(firedAtSec(hits)).toEqual([3]);
    expect(hits[0].correlation.value).toBeCloseTo(27);
  });
  it('value_median', () => {
    const r = rule('value_median', '{gte: 5, field: Bytes}');
    const { hits } = correlate(r, [n(0, '1'), n(1, '9'), n(2, '4')]);
    expect(firedAtSec(hits)).toEqual([1]); // median of 1,9 = 5; then the group resets and 4 alone is below
  });
});

describe('temporal', () => {
  const r = (type: string, condition?: string) => `
title: t
name: t
correlation:
  type: ${type}
  rules: [a, b, c]
  group-by: Computer
  timespan: 10s
${condition ? `  condition: ${condition}` : ''}
`;
  it('default condition: all referenced rules within the span, in any order', () => {
    expect(firedAtSec(correlate(r('temporal'), [[sec(0), hit('c')], [sec(5), hit('a')], [sec(10), hit('b')]]).hits)).toEqual([10]);
    expect(correlate(r('temporal'), [[sec(0), hit('c')], [sec(5), hit('a')], [sec(10) + 1, hit('b')]]).hits).toEqual([]);
  });
  it('repeats of one rule do not count as distinct rules', () => {
    expect(correlate(r('temporal'), [[sec(0), hit('a')], [sec(1), hit('a')], [sec(2), hit('b')]]).hits).toEqual([]);
  });
  it('temporal_ordered needs the order of rules; equal timestamps count as ordered', () => {
    expect(firedAtSec(correlate(r('temporal_ordered'), [[sec(0), hit('a')], [sec(1), hit('b')], [sec(1), hit('c')]]).hits)).toEqual([1]);
    expect(correlate(r('temporal_ordered'), [[sec(0), hit('a')], [sec(1), hit('c')], [sec(2), hit('b')]]).hits).toEqual([]);
  });
  it('temporal_ordered finds the chain among repeats (a c a b c)', () => {
    const steps = ['a', 'c', 'a', 'b', 'c'].map((name, i) => [sec(i), hit(name)] as [number, ReturnType<typeof hit>]);
    expect(firedAtSec(correlate(r('temporal_ordered'), steps).hits)).toEqual([4]);
  });
  it('a threshold on temporal_ordered counts the ordered chain from the first rule', () => {
    expect(firedAtSec(correlate(r('temporal_ordered', '{gte: 2}'), [[sec(0), hit('b')], [sec(1), hit('a')], [sec(2), hit('b')]]).hits)).toEqual([2]);
  });
});
