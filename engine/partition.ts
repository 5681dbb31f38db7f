/**
 * The one partition function (DESIGN.md): events are sharded by their host (`Computer`), so every
 * event of a host is handled by the same worker (today `run --workers N` in one process; later
 * the consumers of a distributed deployment). Same host string → same partition, for any number of
 * partitions, in any process: a fixed 32-bit FNV-1a hash, never `Math.random` or insertion order.
 */
import type { NormalizedEvent } from './event.js';

/** The host an event belongs to; events without one share the empty key (and one partition). */
export function partitionKey(event: NormalizedEvent): string {
  return typeof event.Computer === 'string' ? event.Computer : '';
}

/** FNV-1a over the UTF-16 code units of `key`. */
function fnv1a(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Partition (0 … partitions-1) of any key: the same function shards events by host and re-keyed
 * correlation hits by their group key (pipeline/rekey.ts).
 */
export function partitionOfKey(key: string, partitions: number): number {
  return partitions <= 1 ? 0 : fnv1a(key) % partitions;
}

/** Partition (0 … partitions-1) of an event. */
export function partitionOf(event: NormalizedEvent, partitions: number): number {
  return partitionOfKey(partitionKey(event), partitions);
}
