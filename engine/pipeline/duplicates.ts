/**
 * Records read twice (overlapping exports of one log, a file given twice) are dropped before
 * evaluation and counted: the same Computer, Channel and EventRecordID is the same record. An event
 * without an EventRecordID is never taken for a duplicate. Memory is bounded: a key is forgotten once
 * the stream's event time has moved `retainMs` past it, and the oldest keys go first past `maxKeys`.
 * In time order (the default for several inputs) the two copies arrive close together.
 */
import { eventTimeMs, type NormalizedEvent } from '../event.js';

export interface DuplicateFilterOptions {
  retainMs?: number;
  maxKeys?: number;
}

export const DUPLICATE_DEFAULTS = { retainMs: 60 * 60_000, maxKeys: 1_000_000 } as const;

export interface DuplicateFilter {
  /** True for the first copy of a record; later copies return false and are counted. */
  first(event: NormalizedEvent): boolean;
  readonly dropped: number;
}

export function createDuplicateFilter(options: DuplicateFilterOptions = {}): DuplicateFilter {
  const retainMs = options.retainMs ?? DUPLICATE_DEFAULTS.retainMs;
  const maxKeys = options.maxKeys ?? DUPLICATE_DEFAULTS.maxKeys;
  // Insertion order is time order when the stream is: the Map's first keys are the oldest.
  const seen = new Map<string, number>();
  let newest = -Infinity;
  let dropped = 0;
  const forget = () => {
    for (const [key, ms] of seen) {
      if (seen.size <= maxKeys && ms >= newest - retainMs) break;
      seen.delete(key);
    }
  };
  return {
    get dropped() {
      return dropped;
    },
    first(event) {
      const record = event.EventRecordID;
      if (record === undefined || record === null || record === '') return true;
      const key = `${String(event.Computer ?? '')}\u0000${String(event.Channel ?? '')}\u0000${String(record)}`;
      if (seen.has(key)) {
        dropped++;
        return false;
      }
      const ms = eventTimeMs(event) ?? newest;
      newest = Math.max(newest, ms);
      seen.set(key, ms);
      if (seen.size > maxKeys || (seen.size & 1023) === 0) forget();
      return true;
    },
  };
}
