// Sequences: join keys, maxspan edges, until, runs, missing steps, ProcessTerminate, disorder.
import { describe, expect, it } from 'vitest';
import { correlate, firedAtSec, hit, sec, type Step } from '../helpers/hits.js';

const seq = (body: string) => `
title: s
name: s
sequence:
${body}
`;
const twoStep = seq(`
  maxspan: 30s
  by: ProcessGuid
  steps:
    - rule: exec
    - rule: connect
`);
const missing = seq(`
  maxspan: 30s
  by: ProcessGuid
  steps:
    - rule: exec
    - rule: connect
      missing: true
`);
const exec = (s: number, ProcessGuid = 'p1', extra = {}): Step => [sec(s), hit('exec', { ProcessGuid, ...extra })];
const connect = (s: number, ProcessGuid = 'p1'): Step => [sec(s), hit('connect', { ProcessGuid })];

describe('ordered steps with a join key', () => {
  it('fires on the second step, with the whole chain in order', () => {
    const { hits } = correlate(twoStep, [exec(0), connect(10)]);
    expect(firedAtSec(hits)).toEqual([10]);
    expect(hits[0].correlation.type).toBe('sequence');
    expect(hits[0].correlation.group).toEqual({ ProcessGuid: 'p1' });
    expect(hits[0].hits.map((h) => h.rule.name)).toEqual(['exec', 'connect']);
  });
  it('exactly at maxspan still fires; one millisecond later does not', () => {
    expect(firedAtSec(correlate(twoStep, [exec(0), connect(30)]).hits)).toEqual([30]);
    expect(correlate(twoStep, [exec(0), [sec(30) + 1, hit('connect', { ProcessGuid: 'p1' })]]).hits).toEqual([]);
  });
  it('wrong order or a different key does not fire', () => {
    expect(correlate(twoStep, [connect(0), exec(1)]).hits).toEqual([]);
    expect(correlate(twoStep, [exec(0, 'p1'), connect(1, 'p2')]).hits).toEqual([]);
  });
  it('interleaved keys each complete on their own', () => {
    const { hits } = correlate(twoStep, [exec(0, 'p1'), exec(1, 'p2'), connect(2, 'p2'), connect(40, 'p1'), connect(3, 'p3')]);
    expect(hits.map((h) => h.correlation.group.ProcessGuid)).toEqual(['p2']);
  });
  it('one event never advances two steps', () => {
    const same = seq(`
  maxspan: 30s
  by: ProcessGuid
  steps:
    - rule: exec
    - rule: exec
`);
    expect(correlate(same, [exec(0)]).hits).toEqual([]);
    expect(firedAtSec(correlate(same, [exec(0), exec(1)]).hits)).toEqual([1]);
  });
  it('a newer first step replaces the older partial (latest start wins)', () => {
    const { hits } = correlate(twoStep, [exec(0), exec(20), connect(45)]);
    expect(firedAtSec(hits)).toEqual([45]);
    expect(hits[0].correlation.first).toBe(new Date(sec(20)).toISOString());
  });
  it('per-step join keys: parent ProcessGuid = child ParentProcessGuid', () => {
    const parentChild = seq(`
  maxspan: 1m
  steps:
    - rule: exec
      by: ProcessGuid
    - rule: child
      by: ParentProcessGuid
`);
    const { hits } = correlate(parentChild, [
      exec(0, 'parent'),
      [sec(5), hit('child', { ProcessGuid: 'kid', ParentProcessGuid: 'other' })],
      [sec(6), hit('child', { ProcessGuid: 'kid2', ParentProcessGuid: 'parent' })],
    ]);
    expect(firedAtSec(hits)).toEqual([6]);
    expect(hits[0].correlation.group).toEqual({ ProcessGuid: 'parent' });
  });
});

describe('until', () => {
  const withUntil = seq(`
  maxspan: 30s
  by: ProcessGuid
  steps:
    - rule: exec
    - rule: connect
  until:
    rule: stop
`);
  it('cancels the pending sequence of its key', () => {
    expect(correlate(withUntil, [exec(0), [sec(5), hit('stop', { ProcessGuid: 'p1' })], connect(10)]).hits).toEqual([]);
  });
  it('leaves other keys alone', () => {
    const { hits } = correlate(withUntil, [exec(0, 'p1'), exec(0, 'p2'), [sec(5), hit('stop', { ProcessGuid: 'p1' })], connect(10, 'p2')]);
    expect(hits.map((h) => h.correlation.group.ProcessGuid)).toEqual(['p2']);
  });
});

describe('runs', () => {
  const repeated = seq(`
  maxspan: 10s
  by: ProcessGuid
  steps:
    - rule: exec
      runs: 3
    - rule: connect
`);
  it('a step repeated N times before the next', () => {
    expect(firedAtSec(correlate(repeated, [exec(0), exec(1), exec(2), connect(3)]).hits)).toEqual([3]);
    expect(correlate(repeated, [exec(0), exec(1), connect(3)]).hits).toEqual([]);
  });
  it('the runs of a first step slide: old runs beyond maxspan are forgotten', () => {
    const { hits } = correlate(repeated, [exec(0), exec(5), exec(11), exec(12), connect(14)]);
    expect(firedAtSec(hits)).toEqual([14]);
    expect(hits[0].hits).toHaveLength(4);
  });
  it('runs on a later step count matches of that step', () => {
    const later = seq(`
  maxspan: 10s
  by: ProcessGuid
  steps:
    - rule: exec
    - rule: connect
      runs: 2
`);
    expect(correlate(later, [exec(0), connect(1)]).hits).toEqual([]);
    expect(firedAtSec(correlate(later, [exec(0), connect(1), connect(10)]).hits)).toEqual([10]);
  });
});

describe('missing step', () => {
  it('fires once event time has passed start + maxspan without the step, at that deadline', () => {
    const { hits } = correlate(missing, [exec(0), [sec(31), hit('a')]]);
    expect(firedAtSec(hits)).toEqual([30]);
    expect(hits[0].hits.map((h) => h.rule.name)).toEqual(['exec']);
  });
  it('never early: not at the deadline itself, only after it', () => {
    const { correlator } = correlate(missing, []);
    expect(correlator.push({ timeMs: sec(0), hits: [hit('exec', { ProcessGuid: 'p1' })] })).toEqual([]);
    expect(correlator.push({ timeMs: sec(30), hits: [] })).toEqual([]);
    expect(firedAtSec(correlator.push({ timeMs: sec(30) + 1, hits: [] }))).toEqual([30]);
  });
  it('the step arriving exactly at the deadline cancels; one millisecond later does not', () => {
    expect(correlate(missing, [exec(0), connect(30)]).hits).toEqual([]);
    expect(firedAtSec(correlate(missing, [exec(0), [sec(30) + 1, hit('connect', { ProcessGuid: 'p1' })]]).hits)).toEqual([30]);
  });
  it('a pending missing step is resolved at end of input', () => {
    expect(firedAtSec(correlate(missing, [exec(0), exec(5, 'p2'), connect(6, 'p2')]).hits)).toEqual([30]);
  });
  it('a repeated first step does not fire twice within one span', () => {
    expect(firedAtSec(correlate(missing, [exec(0), exec(10)]).hits)).toEqual([30]);
  });
  it('several pending deadlines fire in deadline order, not in the order they were set', () => {
    const three = seq(`
  maxspan: 30s
  by: ProcessGuid
  steps:
    - rule: exec
    - rule: connect
    - rule: stop
      missing: true
`);
    const stop = (s: number, g: string): Step => [sec(s), hit('stop', { ProcessGuid: g })];
    const { hits } = correlate(three, [exec(0, 'p1'), exec(1, 'p2'), exec(2, 'p3'), connect(3, 'p3'), connect(4, 'p2'), connect(5, 'p1'), stop(6, 'p2')]);
    expect(hits.map((h) => [h.correlation.group.ProcessGuid, (Date.parse(h.time) - sec(0)) / 1000])).toEqual([
      ['p1', 30],
      ['p3', 32],
    ]);
  });
  it('with reordering tolerance, a step that arrives out of order still cancels', () => {
    const steps: Step[] = [exec(0), [sec(33), hit('a')], connect(29)];
    expect(correlate(missing, steps, { maxDelayMs: 5000 }).hits).toEqual([]);
    expect(firedAtSec(correlate(missing, steps, { maxDelayMs: 0 }).hits)).toEqual([30]);
  });
});

describe('ProcessTerminate', () => {
  it('ends a pending sequence keyed by the terminated ProcessGuid', () => {
    const { hits, correlator } = correlate(twoStep, [exec(0), { timeMs: sec(2), hits: [], processTerminated: 'p1' }, connect(3)]);
    expect(hits).toEqual([]);
    expect(correlator.stats.terminated).toBe(1);
    expect(correlator.stats.liveStates).toBe(0);
  });
  it('a pending missing step keeps its deadline (the absence is decided in event time)', () => {
    const { hits } = correlate(missing, [exec(0), { timeMs: sec(2), hits: [], processTerminated: 'p1' }]);
    expect(firedAtSec(hits)).toEqual([30]);
  });
});

describe('bounded state', () => {
  it('the cap evicts the key with the oldest activity and counts it', () => {
    const { hits, correlator } = correlate(twoStep, [exec(0, 'p1'), exec(1, 'p2'), exec(2, 'p3'), connect(3, 'p1'), connect(4, 'p3')], { maxStates: 2 });
    expect(hits.map((h) => h.correlation.group.ProcessGuid)).toEqual(['p3']);
    expect(correlator.stats.evictions).toBe(1);
  });
  it('pending keys expire once maxspan has passed since their last activity', () => {
    const { correlator } = correlate(twoStep, []);
    correlator.push({ timeMs: sec(0), hits: [hit('exec', { ProcessGuid: 'p1' })] });
    correlator.push({ timeMs: sec(30), hits: [] });
    expect(correlator.stats.liveStates).toBe(1);
    correlator.push({ timeMs: sec(30) + 1, hits: [] });
    expect(correlator.stats.liveStates).toBe(0);
  });
});
