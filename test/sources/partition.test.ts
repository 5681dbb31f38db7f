/** The NATS partition function agrees with `run --workers` (speed's engine/partition.ts): 32-bit FNV-1a of the host. */
import { describe, expect, it } from 'vitest';
import { partitionOf, subjectToken } from '../../engine/sources/partition.js';

describe('partitionOf', () => {
  it.each([
    ['', 12, 0x811c9dc5 % 12],
    ['a', 1000, 0xe40c292c % 1000],
    ['WS-0412.corp.local', 1, 0],
  ])('%j over %i partitions', (host, partitions, expected) => {
    expect(partitionOf(host, partitions)).toBe(expected);
  });

  it('spreads 40 hosts over 12 partitions, every partition used', () => {
    const used = new Set(Array.from({ length: 40 }, (_, i) => partitionOf(`host-${String(i).padStart(2, '0')}.corp.example`, 12)));
    expect(used.size).toBe(12);
  });
});

describe('subjectToken', () => {
  it.each([
    ['WS-0412.corp.local', 'WS-0412_corp_local'],
    ['a b*c>d', 'a_b_c_d'],
    ['', '_'],
  ])('%j → %j', (host, token) => expect(subjectToken(host)).toBe(token));
});
