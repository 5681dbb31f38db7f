/**
 * The event store on DuckDB (`@duckdb/node-api`, an optional dependency: only store commands load
 * this module). One file holds three tables: `events` (a column per common Sysmon field, the full
 * event as JSON, its provenance and event time), `hits` (rule, level, techniques, a reference to the
 * event, the full hit) and `meta`. Events are keyed by Computer + Channel + EventRecordID (or by
 * their content when a record has no id), so re-ingesting the same export adds nothing.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { diagnostic } from '../diagnostics.js';
import { eventTimeMs, PROVENANCE_KEY, type NormalizedEvent, type Provenance } from '../event.js';
import type { Hit } from '../hit.js';
import { STORE_COLUMNS } from './columns.js';
import type { EventStore, HostInfo, IngestResult, OpenStoreResult, StoreGroupColumn, StoreGroupCount, StoreInfo, StoreQuery } from './event-store.js';
import { whereClause } from './sql.js';

/** Bump when the tables change shape; an older store is refused with a message, not misread. */
const STORE_FORMAT = '1';
/** Events appended before each merge into `events` (a DuckDB vector is 2,048 rows). */
const BATCH = 65_536;
const DAY_MS = 86_400_000;

const columnDefs = STORE_COLUMNS.map((c) => `"${c}" VARCHAR`).join(', ');
const EVENTS_DDL = `CREATE TABLE IF NOT EXISTS events (event_key VARCHAR PRIMARY KEY, seq BIGINT, ts_ms BIGINT, "EventID" INTEGER, ${columnDefs}, source VARCHAR, event VARCHAR)`;
const STAGING_DDL = `CREATE OR REPLACE TEMP TABLE staging AS SELECT * FROM events LIMIT 0`;
const HITS_DDL = `CREATE TABLE IF NOT EXISTS hits (ts_ms BIGINT, "Computer" VARCHAR, "EventID" INTEGER, kind VARCHAR, rule_id VARCHAR, rule_title VARCHAR, level VARCHAR, techniques VARCHAR, tactics VARCHAR, event_key VARCHAR, hit VARCHAR)`;

function text(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The event without its provenance, as stored and as hashed. */
function eventJson(event: NormalizedEvent): string {
  if (!(PROVENANCE_KEY in event)) return JSON.stringify(event);
  const { [PROVENANCE_KEY]: _source, ...fields } = event;
  return JSON.stringify(fields);
}

/** The identity of a record: the same Computer, Channel and EventRecordID is the same record. */
export function eventKey(event: NormalizedEvent, json: string): string {
  const record = text(event.EventRecordID);
  if (record !== null && record !== '') return `${text(event.Computer) ?? ''}\u001f${text(event.Channel) ?? ''}\u001f${record}`;
  return `h:${createHash('sha1').update(json).digest('hex')}`;
}

const iso = (ms: unknown) => (ms === null || ms === undefined ? undefined : new Date(Number(ms)).toISOString());

class DuckDbEventStore implements EventStore {
  constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly db: DuckDBConnection,
  ) {}

  async ingest(events: AsyncIterable<NormalizedEvent> | Iterable<NormalizedEvent>): Promise<IngestResult> {
    const result: IngestResult = { offered: 0, inserted: 0, duplicates: 0 };
    const last = await this.db.runAndReadAll('SELECT coalesce(max(seq), 0) AS seq FROM events');
    let seq = Number(last.getRowObjectsJS()[0].seq);
    await this.db.run(STAGING_DDL);
    let appender: DuckDBAppender = await this.db.createAppender('staging', 'main', 'temp');
    let pending = 0;
    const merge = async () => {
      appender.closeSync();
      const inserted = (await this.db.run('INSERT OR IGNORE INTO events SELECT * FROM staging ORDER BY seq')).rowsChanged;
      result.inserted += inserted;
      result.duplicates += pending - inserted;
      await this.db.run('DELETE FROM staging');
      appender = await this.db.createAppender('staging', 'main', 'temp');
      pending = 0;
    };
    for await (const event of events) {
      const json = eventJson(event);
      appender.appendVarchar(eventKey(event, json));
      appender.appendBigInt(BigInt(++seq));
      const ms = eventTimeMs(event);
      if (ms === undefined) appender.appendNull();
      else appender.appendBigInt(BigInt(ms));
      if (typeof event.EventID === 'number' && Number.isInteger(event.EventID)) appender.appendInteger(event.EventID);
      else appender.appendNull();
      for (const column of STORE_COLUMNS) {
        const value = text(event[column]);
        if (value === null) appender.appendNull();
        else appender.appendVarchar(value);
      }
      const source = event[PROVENANCE_KEY];
      if (source === undefined) appender.appendNull();
      else appender.appendVarchar(JSON.stringify(source));
      appender.appendVarchar(json);
      appender.endRow();
      result.offered++;
      if (++pending >= BATCH) await merge();
    }
    await merge();
    appender.closeSync();
    await this.db.run('DROP TABLE staging');
    return result;
  }

  async *events(query: StoreQuery = {}): AsyncIterable<NormalizedEvent> {
    const where = whereClause(query);
    const limit = query.limit !== undefined ? ` LIMIT ${Math.max(0, Math.trunc(query.limit))}` : '';
    const result = await this.db.stream(`SELECT event, source FROM events ${where.sql} ORDER BY ts_ms NULLS LAST, seq${limit}`, where.params);
    for await (const rows of result.yieldRows()) {
      for (const [event, source] of rows) {
        const parsed = JSON.parse(event as string) as NormalizedEvent;
        if (typeof source === 'string') parsed[PROVENANCE_KEY] = JSON.parse(source) as Provenance;
        yield parsed;
      }
    }
  }

  async count(query: StoreQuery = {}): Promise<number> {
    const where = whereClause(query);
    const reader = await this.db.runAndReadAll(`SELECT count(*) AS n FROM events ${where.sql}`, where.params);
    return Number(reader.getRowObjectsJS()[0].n);
  }

  async countBy(query: StoreQuery, columns: readonly StoreGroupColumn[]): Promise<StoreGroupCount[]> {
    const where = whereClause(query);
    // Column names come from the fixed column list (the type), never from user text.
    const keys = columns.map((c, i) => `${c === 'day' ? `floor(ts_ms / ${DAY_MS})::BIGINT * ${DAY_MS}` : `"${c}"`} AS k${i}`);
    const group = columns.length ? ` GROUP BY ${columns.map((_, i) => `k${i}`).join(', ')}` : '';
    const sql = `SELECT ${[...keys, 'count(*) AS n', 'min(ts_ms) AS first', 'max(ts_ms) AS last'].join(', ')} FROM events ${where.sql}${group}`;
    const rows = (await this.db.runAndReadAll(sql, where.params)).getRowObjectsJS();
    return rows
      .filter((row) => Number(row.n) > 0)
      .map((row) => ({
        values: columns.map((_, i) => {
          const value = row[`k${i}`];
          return value === null || value === undefined ? null : typeof value === 'bigint' ? Number(value) : (value as string | number);
        }),
        events: Number(row.n),
        firstMs: row.first === null ? undefined : Number(row.first),
        lastMs: row.last === null ? undefined : Number(row.last),
      }));
  }

  async addHits(hits: readonly Hit[]): Promise<void> {
    if (hits.length === 0) return;
    const appender = await this.db.createAppender('hits');
    for (const hit of hits) {
      const event = hit.kind === 'detection' ? hit.event : undefined;
      const ms = hit.time === undefined ? undefined : Date.parse(hit.time);
      if (ms === undefined || Number.isNaN(ms)) appender.appendNull();
      else appender.appendBigInt(BigInt(ms));
      const fields: Array<string | null> = [hit.computer ?? null];
      for (const value of fields) value === null ? appender.appendNull() : appender.appendVarchar(value);
      if (event && typeof event.EventID === 'number') appender.appendInteger(event.EventID);
      else appender.appendNull();
      const rest = [
        hit.kind,
        hit.rule.id ?? null,
        hit.rule.title,
        hit.rule.level ?? null,
        hit.attack.techniques.map((t) => t.id).join(','),
        hit.attack.tactics.map((t) => t.shortname ?? t.name).join(','),
        event ? eventKey(event, eventJson(event)) : null,
        JSON.stringify(hit),
      ];
      for (const value of rest) value === null ? appender.appendNull() : appender.appendVarchar(value);
      appender.endRow();
    }
    appender.closeSync();
  }

  async *hits(query: StoreQuery = {}): AsyncIterable<Hit> {
    const where = whereClause({ sinceMs: query.sinceMs, untilMs: query.untilMs, computers: query.computers, eventIds: query.eventIds });
    const result = await this.db.stream(`SELECT hit FROM hits ${where.sql} ORDER BY ts_ms NULLS LAST`, where.params);
    for await (const rows of result.yieldRows()) for (const [hit] of rows) yield JSON.parse(hit as string) as Hit;
  }

  async info(): Promise<StoreInfo> {
    const totals = (await this.db.runAndReadAll('SELECT count(*) AS n, min(ts_ms) AS first, max(ts_ms) AS last FROM events')).getRowObjectsJS()[0];
    const hits = (await this.db.runAndReadAll('SELECT count(*) AS n FROM hits')).getRowObjectsJS()[0];
    const hosts = (
      await this.db.runAndReadAll('SELECT "Computer" AS computer, count(*) AS n, min(ts_ms) AS first, max(ts_ms) AS last FROM events GROUP BY 1 ORDER BY 2 DESC, 1')
    ).getRowObjectsJS();
    await this.db.run('CHECKPOINT');
    return {
      path: this.path,
      events: Number(totals.n),
      hits: Number(hits.n),
      bytes: statSync(this.path).size,
      first: iso(totals.first),
      last: iso(totals.last),
      hosts: hosts.map((h): HostInfo => ({ computer: (h.computer as string | null) ?? '', events: Number(h.n), first: iso(h.first), last: iso(h.last) })),
    };
  }

  async prune(beforeMs: number): Promise<number> {
    const before = BigInt(Math.floor(beforeMs));
    await this.db.run('DELETE FROM hits WHERE ts_ms < $1', [before]);
    return (await this.db.run('DELETE FROM events WHERE ts_ms < $1', [before])).rowsChanged;
  }

  async close(): Promise<void> {
    await this.db.run('CHECKPOINT');
    this.db.closeSync();
    this.instance.closeSync();
  }
}

export async function openDuckDbStore(path: string, options: { readOnly?: boolean } = {}): Promise<OpenStoreResult> {
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, options.readOnly ? { access_mode: 'READ_ONLY' } : {});
  } catch (err) {
    return { ok: false, diagnostic: diagnostic('error', 'store-open', `cannot open store: ${(err as Error).message}`, { file: path }) };
  }
  const db = await instance.connect();
  const fail = (message: string): OpenStoreResult => {
    db.closeSync();
    instance.closeSync();
    return { ok: false, diagnostic: diagnostic('error', 'store-open', message, { file: path }) };
  };
  try {
    if (!options.readOnly) {
      await db.run('CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)');
      await db.run(`INSERT OR IGNORE INTO meta VALUES ('format', '${STORE_FORMAT}')`);
      await db.run(EVENTS_DDL);
      await db.run(HITS_DDL);
    }
    const format = (await db.runAndReadAll(`SELECT value FROM meta WHERE key = 'format'`)).getRowObjectsJS()[0]?.value;
    if (format !== STORE_FORMAT) return fail(`not a sigstream store of format ${STORE_FORMAT} (found ${String(format ?? 'none')})`);
  } catch (err) {
    return fail(`not a sigstream store: ${(err as Error).message}`);
  }
  return { ok: true, store: new DuckDbEventStore(path, instance, db) };
}
