/**
 * What one input may do to the correlator (issue 11): an event far in the future cannot move the
 * watermark alone (F11), and the reorder buffer is bounded by the state cap (F14).
 */
import { describe, expect, it } from 'vitest';
import { createCorrelator } from '../../engine/correlate/correlator.js';
import { correlate, hit, hostCorrelation, loadRules, min, sec, type Step } from '../helpers/hits.js';

const count3 = hostCorrelation('event_count', '{gte: 3}').replace('rules: [a, b]', 'rules: [a]');
/** Three `a` hits per minute on host1, minutes 0..9: one window of 3 each. */
const steady = (): Step[] => Array.from({ length: 30 }, (_, i) => [min(Math.floor(i / 3)) + (i % 3) * 1000, hit('a')] as Step);
const YEAR_2099 = Date.parse('2099-01-01T00:00:00Z');

describe('--max-future (F11)', () => {
  it('F11: without a bound, one event dated 2099 makes every later event late', () => {
    const steps = steady();
    steps.splice(3, 0, [YEAR_2099, hit('a', {}, 'clockless')]);
    const { hits, correlator } = correlate(count3, steps, { maxDelayMs: 5000 });
    expect(hits.length).toBeLessThanOrEqual(2);
    expect(correlator.stats.late).toBe(27);
  });

  it('F11: with a bound, the outlier is dropped and counted as future, per host; every window still fires', () => {
    const steps = steady();
    steps.splice(3, 0, [YEAR_2099, hit('a', {}, 'clockless')]);
    const { hits, correlator } = correlate(count3, steps, { maxDelayMs: 5000, maxFutureMs: 3_600_000 });
    const base = correlate(count3, steady(), { maxDelayMs: 5000 }).hits;
    expect(hits.map((h) => h.time)).toEqual(base.map((h) => h.time));
    expect(correlator.stats).toMatchObject({ future: 1, futureByHost: { clockless: 1 }, late: 0 });
  });

  it('F11: a jump that the next event confirms (a clock that moved on) is taken, with no event lost', () => {
    const later = min(60 * 24);
    const steps: Step[] = [[min(0), hit('a')], [min(0) + 1, hit('a')], [later, hit('a')], [later + 1, hit('a')], [later + 2, hit('a')]];
    const { hits, correlator } = correlate(count3, steps, { maxDelayMs: 5000, maxFutureMs: 3_600_000 });
    expect(correlator.stats.future).toBe(0);
    expect(hits).toHaveLength(1);
    expect(hits[0].hits).toHaveLength(3);
  });

  it('F11: an outlier held at a snapshot survives the restore', () => {
    const rules = loadRules(count3);
    const first = createCorrelator(rules, { maxDelayMs: 0, maxFutureMs: 60_000 });
    first.push({ timeMs: sec(0), hits: [hit('a')] });
    first.push({ timeMs: YEAR_2099, hits: [hit('a', {}, 'clockless')] });
    const second = createCorrelator(rules, { maxDelayMs: 0, maxFutureMs: 60_000 });
    expect(second.restore(JSON.parse(JSON.stringify(first.snapshot())))).toEqual([]);
    second.push({ timeMs: sec(1), hits: [hit('a')] });
    expect(second.stats).toMatchObject({ future: 1, futureByHost: { clockless: 1 } });
  });
});

describe('bounded reorder buffer (F14)', () => {
  it('F14: the buffer never holds more inputs than maxStates; the oldest leave early and are counted', () => {
    const rules = loadRules(count3);
    const correlator = createCorrelator(rules, { maxDelayMs: 3_600_000, maxStates: 10 });
    let most = 0;
    for (let i = 0; i < 1000; i++) {
      correlator.push({ timeMs: sec(i), hits: [hit('a', { User: `u${i}` }, `h${i}`)] });
      most = Math.max(most, correlator.stats.buffered);
    }
    expect(most).toBe(10);
    expect(correlator.stats.forced).toBe(990);
    expect(correlator.stats.liveStates).toBeLessThanOrEqual(10);
  });

  it('F14: an input older than one released early is late, not applied out of order', () => {
    const rules = loadRules(count3);
    const correlator = createCorrelator(rules, { maxDelayMs: 3_600_000, maxStates: 2 });
    for (const s of [10, 11, 12]) correlator.push({ timeMs: sec(s), hits: [hit('a')] });
    expect(correlator.stats.forced).toBe(1);
    correlator.push({ timeMs: sec(5), hits: [hit('a')] });
    expect(correlator.stats.late).toBe(1);
  });

  it('F14: within the cap, disorder is still handled exactly', () => {
    const steps: Step[] = [[sec(2), hit('a')], [sec(0), hit('a')], [sec(1), hit('a')]];
    const { hits, correlator } = correlate(count3, steps, { maxDelayMs: 5000, maxStates: 100 });
    expect(hits).toHaveLength(1);
    expect(correlator.stats).toMatchObject({ late: 0, forced: 0 });
  });
});
