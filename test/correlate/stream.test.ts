// Stream behaviour: chaining, aliases, out-of-order input, late events, eviction, ProcessTerminate.
import { describe, expect, it } from 'vitest';
import { createCorrelator } from '../../engine/correlate/correlator.js';
import { correlate, firedAtMin, firedAtSec, hit, loadRules, min, sec, type Step } from '../helpers/hits.js';

// SIGMA.md §6.4: temporal_ordered over an event_count correlation and a base rule.
const chained = `
title: many failed logins
name: multiple_failed_login
correlation:
  type: event_count
  rules: login_fail
  group-by: [User]
  timespan: 10m
  condition: {gte: 3}
---
title: brute force success
name: brute_force_success
correlation:
  type: temporal_ordered
  rules: [multiple_failed_login, login_ok]
  group-by: [User]
  timespan: 10m
`;

describe('chaining', () => {
  it('an inner correlation hit is an event for the outer one, at its firing time', () => {
    const fail = (m: number): Step => [min(m), hit('login_fail', { User: 'bob' })];
    const { hits } = correlate(chained, [fail(0), fail(1), fail(2), [min(5), hit('login_ok', { User: 'bob' })]]);
    expect(hits.map((h) => h.rule.name)).toEqual(['multiple_failed_login', 'brute_force_success']);
    expect(firedAtMin(hits)).toEqual([2, 5]);
    expect(hits[1].hits[0]).toBe(hits[0]);
    expect(hits[1].correlation.group).toEqual({ User: 'bob' });
  });
  it('a success before the inner correlation fired does not complete the order', () => {
    const fail = (m: number): Step => [min(m), hit('login_fail', { User: 'bob' })];
    const { hits } = correlate(chained, [[min(0), hit('login_ok', { User: 'bob' })], fail(1), fail(2), fail(3)]);
    expect(hits.map((h) => h.rule.name)).toEqual(['multiple_failed_login']);
  });
  it('a window-close inner correlation feeds the outer at its close time', () => {
    const yaml = `
title: quiet
name: quiet
correlation: {type: event_count, rules: a, group-by: [Computer], timespan: 10s, condition: {lt: 2}}
---
title: quiet then b
correlation: {type: temporal_ordered, rules: [quiet, b], group-by: [Computer], timespan: 10s}
`;
    const { hits } = correlate(yaml, [[sec(0), hit('a')], [sec(15), hit('b')]]);
    expect(hits.map((h) => h.rule.title)).toEqual(['quiet', 'quiet then b']);
    expect(firedAtSec(hits)).toEqual([10, 15]);
  });
});

describe('aliases', () => {
  it('group-by an alias reads a different field per rule', () => {
    const yaml = `
title: same ip
correlation:
  type: temporal
  rules: [a, b]
  group-by: [ip]
  timespan: 1m
  aliases:
    ip:
      a: SourceIp
      b: DestinationIp
`;
    const { hits } = correlate(yaml, [
      [sec(0), hit('a', { SourceIp: '10.0.0.1' })],
      [sec(1), hit('b', { DestinationIp: '10.0.0.2' })],
      [sec(2), hit('b', { DestinationIp: '10.0.0.1' })],
    ]);
    expect(firedAtSec(hits)).toEqual([2]);
    expect(hits[0].correlation.group).toEqual({ ip: '10.0.0.1' });
  });
});

describe('event time and disorder', () => {
  const three = `
title: three
correlation: {type: event_count, rules: a, group-by: [Computer], timespan: 10s, condition: {gte: 3}}
`;
  const ordered = `
title: ab
correlation: {type: temporal_ordered, rules: [a, b], group-by: [Computer], timespan: 10s}
`;
  it('out of order within the tolerance is handled exactly (as if sorted)', () => {
    const steps: Step[] = [[sec(2), hit('b')], [sec(1), hit('a')], [sec(3), hit('c')]];
    expect(firedAtSec(correlate(ordered, steps, { maxDelayMs: 5000 }).hits)).toEqual([2]);
  });
  it('the same disorder without tolerance is late: counted, not applied', () => {
    const { hits, correlator } = correlate(ordered, [[sec(2), hit('b')], [sec(1), hit('a')]], { maxDelayMs: 0 });
    expect(hits).toEqual([]);
    expect(correlator.stats.late).toBe(1);
  });
  it('exactly at the tolerance is still in time; one millisecond more is late', () => {
    const inTime = correlate(ordered, [[sec(6), hit('b')], [sec(1), hit('a')]], { maxDelayMs: 5000 });
    expect(firedAtSec(inTime.hits)).toEqual([6]);
    const late = correlate(ordered, [[sec(6) + 1, hit('b')], [sec(1), hit('a')]], { maxDelayMs: 5000 });
    expect(late.hits).toEqual([]);
    expect(late.correlator.stats.late).toBe(1);
  });
  it('hits are emitted once the watermark passes them, and all of them at flush', () => {
    const rules = loadRules(three);
    const c = createCorrelator(rules, { maxDelayMs: 5000 });
    expect(c.push({ timeMs: sec(0), hits: [hit('a')] })).toEqual([]);
    expect(c.push({ timeMs: sec(1), hits: [hit('a')] })).toEqual([]);
    expect(c.push({ timeMs: sec(2), hits: [hit('a')] })).toEqual([]);
    expect(c.stats.buffered).toBe(3);
    expect(firedAtSec(c.push({ timeMs: sec(7), hits: [] }))).toEqual([2]);
    expect(c.flush()).toEqual([]);
  });
  it('an input without a time takes the latest time seen', () => {
    const { hits } = correlate(three, [[sec(0), hit('a')], [sec(10), hit('a')], [Number.NaN, hit('a')]]);
    expect(firedAtSec(hits)).toEqual([10]);
  });
  it('interleaved hosts out of order within tolerance give the same hits as sorted input', () => {
    const events: Step[] = [];
    for (let i = 0; i < 60; i++) events.push([sec(i), hit(i % 3 === 0 ? 'a' : 'b', {}, `h${i % 4}`)]);
    const shuffled = events.map((e, i) => [e, i + ((i * 7) % 5) - 2] as const).sort((x, y) => x[1] - y[1]).map((x) => x[0]);
    const sorted = correlate(three + '---' + ordered, events).hits;
    const disordered = correlate(three + '---' + ordered, shuffled, { maxDelayMs: 5000 }).hits;
    expect(sorted.length).toBeGreaterThan(0);
    expect(disordered.map((h) => [h.rule.title, h.time, h.correlation.group])).toEqual(
      sorted.map((h) => [h.rule.title, h.time, h.correlation.group]),
    );
  });
});

describe('bounded state', () => {
  const yaml = `
title: pairs
correlation: {type: event_count, rules: a, group-by: [ProcessGuid], timespan: 1m, condition: {gte: 2}}
`;
  const e = (s: number, g: string): Step => [sec(s), hit('a', { ProcessGuid: g })];
  it('the cap evicts the oldest group first and counts it', () => {
    const { hits, correlator } = correlate(yaml, [e(0, 'g1'), e(1, 'g2'), e(2, 'g3'), e(3, 'g2'), e(4, 'g1')], { maxStates: 2 });
    // g1 was evicted when g3 opened; g2 completes; the late g1 reopens a group of one
    expect(hits.map((h) => h.correlation.group.ProcessGuid)).toEqual(['g2']);
    expect(correlator.stats.evictions).toBe(1);
    expect(correlator.stats.liveStates).toBeLessThanOrEqual(2);
  });
  it('the oldest activity is evicted across rules', () => {
    const two = `${yaml}---
title: other
correlation: {type: event_count, rules: b, group-by: [ProcessGuid], timespan: 1m, condition: {gte: 2}}
`;
    const b = (s: number, g: string): Step => [sec(s), hit('b', { ProcessGuid: g })];
    // When b/g3 opens a fourth group, pairs/g1 (0 s) is older than other/g1 (1 s) and goes.
    const { hits, correlator } = correlate(two, [e(0, 'g1'), b(1, 'g1'), e(2, 'g2'), b(3, 'g3'), b(4, 'g1'), e(5, 'g1'), e(6, 'g2')], { maxStates: 3 });
    expect(hits.map((h) => [h.rule.title, h.correlation.group.ProcessGuid])).toEqual([
      ['other', 'g1'],
      ['pairs', 'g2'],
    ]);
    expect(correlator.stats.evictions).toBe(1);
  });
  it('groups expire with their window', () => {
    const { correlator } = correlate(yaml, []);
    correlator.push({ timeMs: sec(0), hits: [hit('a', { ProcessGuid: 'g1' })] });
    expect(correlator.stats.liveStates).toBe(1);
    correlator.push({ timeMs: sec(60), hits: [] });
    expect(correlator.stats.liveStates).toBe(1);
    correlator.push({ timeMs: sec(60) + 1, hits: [] });
    expect(correlator.stats.liveStates).toBe(0);
  });
  it('ProcessTerminate ends groups keyed by that ProcessGuid (and can be turned off)', () => {
    const steps = [e(0, 'g1'), { timeMs: sec(1), hits: [], processTerminated: 'g1' }, e(2, 'g1')];
    const on = correlate(yaml, steps);
    expect(on.hits).toEqual([]);
    expect(on.correlator.stats.terminated).toBe(1);
    expect(correlate(yaml, steps, { terminateOnProcessExit: false }).hits).toHaveLength(1);
  });
  it('ProcessTerminate also finds groups keyed by several fields', () => {
    const multi = `
title: pairs
correlation: {type: event_count, rules: a, group-by: [Computer, ProcessGuid], timespan: 1m, condition: {gte: 2}}
`;
    const steps = [e(0, 'g1'), e(0, 'g2'), { timeMs: sec(1), hits: [], processTerminated: 'g1' }, e(2, 'g1'), e(2, 'g2')];
    const { hits, correlator } = correlate(multi, steps);
    expect(hits.map((h) => h.correlation.group.ProcessGuid)).toEqual(['g2']);
    expect(correlator.stats.terminated).toBe(1);
  });
});
