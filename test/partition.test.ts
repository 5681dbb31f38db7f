/** The one partition function: by host, stable, and spread over the partitions. */
import { describe, expect, it } from 'vitest';
import { partitionKey, partitionOf } from '../engine/partition.js';

describe('partitionOf', () => {
  it.each([
    ['one partition', { EventID: 1, Computer: 'ws-01' }, 1, 0],
    ['no Computer: the empty key', { EventID: 1 }, 4, partitionOf({ EventID: 1, Computer: '' }, 4)],
    ['a non-string Computer counts as none', { EventID: 1, Computer: 7 }, 4, partitionOf({ EventID: 1 }, 4)],
  ])('%s', (_name, event, partitions, want) => {
    expect(partitionOf(event, partitions)).toBe(want);
  });

  it('every event of a host goes to one partition, whatever else the event holds', () => {
    for (const n of [2, 3, 8]) {
      const p = partitionOf({ EventID: 1, Computer: 'dc-01.corp.local' }, n);
      expect(partitionOf({ EventID: 3, Computer: 'dc-01.corp.local', Image: 'x' }, n)).toBe(p);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(n);
    }
  });

  it('spreads many hosts over all partitions (FNV-1a values pinned: a distributed deployment relies on them)', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 1000; i++) counts[partitionOf({ EventID: 1, Computer: `host-${i}` }, 4)]++;
    for (const c of counts) expect(c).toBeGreaterThan(180);
    expect(['a', 'host-1', 'DC-01'].map((h) => partitionOf({ EventID: 1, Computer: h }, 1000))).toMatchInlineSnapshot(`
      [
        220,
        741,
        92,
      ]
    `);
    expect(partitionKey({ EventID: 1, Computer: 'x' })).toBe('x');
  });
});
