// SIGMA.md §9b correlation vectors (sliding windows, one group).
import { describe, expect, it } from 'vitest';
import { correlate, firedAtMin, hit, min } from '../helpers/hits.js';

const eventCount = `
title: three in five minutes
name: three
correlation:
  type: event_count
  rules: a
  timespan: 5m
  condition: {gte: 3}
`;

const ordered = (type: string, condition = '') => `
title: ordered
correlation:
  type: ${type}
  rules: [a, b]
  timespan: 5m
${condition}
`;

describe('SIGMA.md §9b correlation vectors', () => {
  it('event_count gte 3/5m: 0:00, 2:00, 4:00 fires at 4:00', () => {
    const { hits } = correlate(eventCount, [[min(0), hit('a')], [min(2), hit('a')], [min(4), hit('a')]]);
    expect(firedAtMin(hits)).toEqual([4]);
    expect(hits[0].correlation.value).toBe(3);
    expect(hits[0].hits).toHaveLength(3);
  });

  it('event_count gte 3/5m: 4:00, 6:00, 8:00 fires at 8:00 (sliding, where tumbling bins would not)', () => {
    const { hits } = correlate(eventCount, [[min(4), hit('a')], [min(6), hit('a')], [min(8), hit('a')]]);
    expect(firedAtMin(hits)).toEqual([8]);
    expect(hits[0].correlation.first).toBe(new Date(min(4)).toISOString());
  });

  it('temporal_ordered [A, B]: A@0, B@1 fires at 1:00', () => {
    expect(firedAtMin(correlate(ordered('temporal_ordered'), [[min(0), hit('a')], [min(1), hit('b')]]).hits)).toEqual([1]);
  });

  it('temporal_ordered [A, B]: B@0, A@1 does not fire; plain temporal does', () => {
    const steps: Array<[number, ReturnType<typeof hit>]> = [[min(0), hit('b')], [min(1), hit('a')]];
    expect(correlate(ordered('temporal_ordered'), steps).hits).toEqual([]);
    expect(firedAtMin(correlate(ordered('temporal'), steps).hits)).toEqual([1]);
  });

  it('temporal_ordered [A, B]: A@0, B@6 does not fire (span > 5m)', () => {
    expect(correlate(ordered('temporal_ordered'), [[min(0), hit('a')], [min(6), hit('b')]]).hits).toEqual([]);
  });

  it('temporal with condition gte 1 fires on any single referenced rule', () => {
    const { hits } = correlate(ordered('temporal', '  condition: {gte: 1}'), [[min(0), hit('b')]]);
    expect(firedAtMin(hits)).toEqual([0]);
  });
});
