/**
 * One place for many hosts' events: the store interface that `store ingest`, `run --store`,
 * `run --to-store` and the investigation verbs use. The implementation (DuckDB, a columnar engine
 * that counts and scans millions of events in well under a second) is an optional dependency,
 * loaded only when a store is opened; without it, opening says how to install it and nothing else
 * in sigstream is affected.
 */
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { NormalizedEvent } from '../event.js';
import type { Hit } from '../hit.js';
import type { StoreColumn } from './columns.js';

/** What to read from the store. Every criterion is pushed down into the query, as parameters. */
export interface StoreQuery {
  /** Event time bounds, epoch ms: at or after `sinceMs`, before `untilMs` (as the event filters). */
  sinceMs?: number;
  untilMs?: number;
  computers?: readonly string[];
  eventIds?: readonly number[];
  /** A test on the events' fields (a search's criteria), joined to the bounds above by AND. */
  match?: StoreCondition;
  limit?: number;
}

/**
 * A test on stored events, pushed down into SQL. Wildcard patterns use `*` and `?`, every other
 * character is literal; both patterns and regular expressions (RE2) compare case-insensitively.
 * An empty `all` is true, an empty `any` false.
 */
export type StoreCondition =
  | { all: readonly StoreCondition[] }
  | { any: readonly StoreCondition[] }
  | { eventIds: readonly number[] }
  /** Does `field` match one of the wildcard patterns? */
  | { field: string; like: readonly string[] }
  /** Does `field` match one of the regular expressions? */
  | { field: string; regex: readonly string[] };

/** What events can be counted by in the store: a column, the EventID, or the event's UTC day (`day`: epoch ms of its start). */
export type StoreGroupColumn = StoreColumn | 'EventID' | 'day';

/** One group of `countBy`: the values of its columns (in the order asked), its events and their time range. */
export interface StoreGroupCount {
  values: Array<string | number | null>;
  events: number;
  /** Epoch ms of the group's first and last event, when any has a time. */
  firstMs?: number;
  lastMs?: number;
}

/** What stored hits can be counted by: rule (title, level, id), level, ATT&CK technique or tactic, host, day (epoch ms of its start). */
export type StoreHitDimension = 'rule' | 'level' | 'technique' | 'tactic' | 'host' | 'day';

export interface StoreHitCount {
  /** The dimension's values: one, or for `rule` its title, level and id. */
  values: Array<string | number | null>;
  hits: number;
}

export interface IngestResult {
  /** Events read from the inputs and offered to the store. */
  offered: number;
  /** New events stored. */
  inserted: number;
  /** Events already present (same Computer, Channel and EventRecordID, or the same content without one). */
  duplicates: number;
}

export interface HostInfo {
  computer: string;
  events: number;
  first?: string;
  last?: string;
}

export interface StoreInfo {
  path: string;
  events: number;
  hits: number;
  bytes: number;
  first?: string;
  last?: string;
  hosts: HostInfo[];
}

export interface EventStore {
  readonly path: string;
  /** Add events; ones already present are counted, not stored twice. Events are batched internally. */
  ingest(events: AsyncIterable<NormalizedEvent> | Iterable<NormalizedEvent>): Promise<IngestResult>;
  /** Events matching the query in event-time order (then ingest order), provenance as first read. */
  events(query?: StoreQuery): AsyncIterable<NormalizedEvent>;
  /** How many events match the query (counted in the store, nothing read out). */
  count(query?: StoreQuery): Promise<number>;
  /** Events matching the query counted per distinct combination of `columns` (a GROUP BY in the store). */
  countBy(query: StoreQuery, columns: readonly StoreGroupColumn[]): Promise<StoreGroupCount[]>;
  /**
   * Keep hits beside events, each with a reference to its event (Computer, Channel, EventRecordID)
   * and its hit id; a hit whose id is already kept (a re-run) is not kept twice. Returns how many were new.
   */
  addHits(hits: readonly Hit[]): Promise<number>;
  /** Stored hits matching the query's time, host and event id bounds, counted per value of one dimension, most first. */
  countHits(query: StoreQuery, by: StoreHitDimension): Promise<StoreHitCount[]>;
  /** Stored hits matching the query's time, host and event id bounds, in time order. */
  hits(query?: StoreQuery): AsyncIterable<Hit>;
  info(): Promise<StoreInfo>;
  /** Delete events (and their hits) older than `beforeMs`; returns how many events went. */
  prune(beforeMs: number): Promise<number>;
  close(): Promise<void>;
}

export type OpenStoreResult = { ok: true; store: EventStore } | { ok: false; diagnostic: Diagnostic };

/** The npm package behind the store, named in the message when it is missing. */
export const STORE_PACKAGE = '@duckdb/node-api';

/** Open (or create) a store file. `readOnly` opens an existing store for reading. */
export async function openEventStore(path: string, options: { readOnly?: boolean } = {}): Promise<OpenStoreResult> {
  let implementation: typeof import('./duckdb-store.js');
  try {
    implementation = await import('./duckdb-store.js');
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND';
    const message = missing
      ? `the event store needs the optional package ${STORE_PACKAGE}: install it with 'npm install ${STORE_PACKAGE}'`
      : `the event store could not be loaded: ${(err as Error).message}`;
    return { ok: false, diagnostic: diagnostic('error', 'store-unavailable', message, { file: path }) };
  }
  return implementation.openDuckDbStore(path, options);
}
