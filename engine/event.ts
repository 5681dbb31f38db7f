/**
 * The normalized event: the contract between readers and everything downstream (DESIGN.md), on
 * the ground floor beside the hit that carries it.
 *
 * A flat object keyed by Sysmon's own field names. Every EventData value stays the string Sysmon
 * wrote, except `EventID`, which is a number. Readers put nothing else at the top level except
 * provenance, under the one reserved key `PROVENANCE_KEY`.
 */

/** Where an event came from. Kept under one reserved key so rules never see it as a field. */
export interface Provenance {
  /** Input name: a file path, `-` for stdin. */
  input: string;
  /** 1-based line for line-oriented inputs (NDJSON, syslog). */
  line?: number;
  /** Record number for record-oriented inputs (.evtx EventRecordID order, n-th XML <Event>). */
  record?: number;
  /** The event was cut before its end: only the fields complete before the cut are there. */
  truncated?: true;
}

export const PROVENANCE_KEY = '@source';

export type EventValue = string | number | boolean | null | EventValue[] | { [key: string]: EventValue };

export interface NormalizedEvent {
  EventID?: number;
  [field: string]: unknown;
}

/**
 * A field's own value. Events and JSON records are plain objects, so `record[key]` would also find
 * `Object.prototype`'s members (`constructor`, `toString`, `__proto__`) in every event.
 */
export function ownField(record: object, key: string): unknown {
  return Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

/**
 * Store a field as an own property, `__proto__` included: plainly assigned, that name would set
 * the object's prototype (or, for a string, be dropped) instead of becoming a field.
 */
export function setField(record: object, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
  else (record as Record<string, unknown>)[key] = value;
}

export function provenanceOf(event: NormalizedEvent): Provenance | undefined {
  return event[PROVENANCE_KEY] as Provenance | undefined;
}

/**
 * The event's time in epoch milliseconds: Sysmon's `UtcTime` (`2024-01-02 03:04:05.678`, UTC),
 * else the system timestamp `@timestamp` / `TimeCreated` (ISO 8601). `undefined` when absent or unparseable.
 */
export function eventTimeMs(event: NormalizedEvent): number | undefined {
  const utc = event.UtcTime;
  if (typeof utc === 'string' && utc.length >= 19) {
    const ms = Date.parse(utc.replace(' ', 'T') + (utc.endsWith('Z') ? '' : 'Z'));
    if (!Number.isNaN(ms)) return ms;
  }
  for (const key of ['@timestamp', 'TimeCreated', 'TimeCreated_SystemTime']) {
    const value = event[key];
    if (typeof value === 'string') {
      const ms = Date.parse(value);
      if (!Number.isNaN(ms)) return ms;
    }
  }
  return undefined;
}
