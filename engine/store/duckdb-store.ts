/**
 * The event store on DuckDB (`@duckdb/node-api`, an optional dependency: only store commands load
 * this module). One file holds three tables: `events` (a column per common Sysmon field, the full
 * event as JSON, its provenance and event time), `hits` (rule, level, techniques, a reference to the
 * event, the full hit) and `meta`. Events are keyed by Computer + Channel + EventRecordID (or by
 * their content when a record has no id), so re-ingesting the same export adds nothing.
 */
import { statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { diagnostic } from '../diagnostics.js';
import { eventTimeMs, PROVENANCE_KEY, type NormalizedEvent, type Provenance } from '../event.js';
import type { Hit } from '../hit.js';
import { STORE_COLUMNS } from './columns.js';
import { eventJson, eventKey, storedText } from './event-key.js';
import type { EventStore, HostInfo, IngestResult, OpenStoreResult, StoreGroupColumn, StoreGroupCount, StoreHitCount, StoreHitDimension, StoreInfo, StoreQuery } from './event-store.js';
import { whereClause } from './sql.js';

/** Bump when the tables change shape; an older store is refused with a message, not misread. */
const STORE_FORMAT = '1';
/** Events appended before each merge into `events` (a DuckDB vector is 2,048 rows). */
const BATCH = 65_536;
const DAY_MS = 86_400_000;

const columnDefs = STORE_COLUMNS.map((c) => `"${c}" VARCHAR`).join(', ');
const EVENTS_DDL = `CREATE TABLE IF NOT EXISTS events (event_key VARCHAR PRIMARY KEY, seq BIGINT, ts_ms BIGINT, "EventID" INTEGER, ${columnDefs}, source VARCHAR, event VARCHAR)`;
const STAGING_DDL = `CREATE OR REPLACE TEMP TABLE staging AS SELECT * FROM events LIMIT 0`;
const HITS_DDL = `CREATE TABLE IF NOT EXISTS hits (ts_ms BIGINT, "Computer" VARCHAR, "EventID" INTEGER, kind VARCHAR, rule_id VARCHAR, rule_title VARCHAR, level VARCHAR, techniques VARCHAR, tactics VARCHAR, event_key VARCHAR, hit VARCHAR, hit_id VARCHAR, "Channel" VARCHAR, "EventRecordID" VARCHAR)`;
/**
 * Stores made before hits had an id and a full event reference get the columns, filled from the
 * kept hit JSON (the columns are appended, so old and new stores have the same column order).
 */
const HITS_UPGRADE = [
  `ALTER TABLE hits ADD COLUMN IF NOT EXISTS hit_id VARCHAR`,
  `ALTER TABLE hits ADD COLUMN IF NOT EXISTS "Channel" VARCHAR`,
  `ALTER TABLE hits ADD COLUMN IF NOT EXISTS "EventRecordID" VARCHAR`,
  `UPDATE hits SET hit_id = coalesce(json_extract_string(hit, '$.id'), 'h:' || sha256(hit)), "Channel" = json_extract_string(hit, '$.event.Channel'), "EventRecordID" = json_extract_string(hit, '$.event.EventRecordID') WHERE hit_id IS NULL`,
];
/** What `countHits` groups by: the SQL of each dimension (techniques and tactics are comma lists, one row per item). */
const HIT_DIMENSIONS: Record<StoreHitDimension, string[]> = {
  rule: ['rule_title', 'level', 'rule_id'],
  level: ['level'],
  technique: [`unnest(string_split(nullif(techniques, ''), ','))`],
  tactic: [`unnest(string_split(nullif(tactics, ''), ','))`],
  host: ['"Computer"'],
  day: [`floor(ts_ms / ${DAY_MS})::BIGINT * ${DAY_MS}`],
};

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
        const value = storedText(event[column]);
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

  async addHits(hits: readonly Hit[]): Promise<number> {
    if (hits.length === 0) return 0;
    await this.db.run(`CREATE OR REPLACE TEMP TABLE hit_staging AS SELECT * FROM hits LIMIT 0`);
    const appender = await this.db.createAppender('hit_staging', 'main', 'temp');
    const append = (value: string | null) => (value === null ? appender.appendNull() : appender.appendVarchar(value));
    for (const hit of hits) {
      const event = hit.kind === 'detection' ? hit.event : undefined;
      const json = JSON.stringify(hit);
      const ms = hit.time === undefined ? undefined : Date.parse(hit.time);
      if (ms === undefined || Number.isNaN(ms)) appender.appendNull();
      else appender.appendBigInt(BigInt(ms));
      append(hit.computer ?? null);
      if (event && typeof event.EventID === 'number' && Number.isInteger(event.EventID)) appender.appendInteger(event.EventID);
      else appender.appendNull();
      append(hit.kind);
      append(hit.rule.id ?? null);
      append(hit.rule.title);
      append(hit.rule.level ?? null);
      append(hit.attack.techniques.map((t) => t.id).join(','));
      append(hit.attack.tactics.map((t) => t.shortname ?? t.name).join(','));
      append(event ? eventKey(event) : null);
      append(json);
      // The hit id names the same rule on the same event in every run; a hit without one is named by its content.
      append(hit.id ?? `h:${createHash('sha256').update(json).digest('hex')}`);
      append(event ? storedText(event.Channel) : null);
      append(event ? storedText(event.EventRecordID) : null);
      appender.endRow();
    }
    appender.closeSync();
    // A hit already kept (a re-run over the same events) is not kept twice.
    const inserted = await this.db.run(
      `INSERT INTO hits SELECT * FROM hit_staging s WHERE NOT EXISTS (SELECT 1 FROM hits h WHERE h.hit_id = s.hit_id) QUALIFY row_number() OVER (PARTITION BY s.hit_id) = 1`,
    );
    await this.db.run('DROP TABLE hit_staging');
    return inserted.rowsChanged;
  }

  async countHits(query: StoreQuery, by: StoreHitDimension): Promise<StoreHitCount[]> {
    const where = whereClause({ sinceMs: query.sinceMs, untilMs: query.untilMs, computers: query.computers, eventIds: query.eventIds });
    const keys = HIT_DIMENSIONS[by].map((sql, i) => `${sql} AS k${i}`);
    const group = HIT_DIMENSIONS[by].map((_, i) => `k${i}`).join(', ');
    const sql = `SELECT ${group}, count(*) AS n FROM (SELECT ${keys.join(', ')} FROM hits ${where.sql}) GROUP BY ${group} ORDER BY n DESC, ${group}`;
    return (await this.db.runAndReadAll(sql, where.params)).getRowObjectsJS().map((row) => ({
      values: HIT_DIMENSIONS[by].map((_, i) => {
        const value = row[`k${i}`];
        return value === null || value === undefined ? null : typeof value === 'bigint' ? Number(value) : (value as string | number);
      }),
      hits: Number(row.n),
    }));
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
      for (const statement of HITS_UPGRADE) await db.run(statement);
    }
    const format = (await db.runAndReadAll(`SELECT value FROM meta WHERE key = 'format'`)).getRowObjectsJS()[0]?.value;
    if (format !== STORE_FORMAT) return fail(`not a sigstream store of format ${STORE_FORMAT} (found ${String(format ?? 'none')})`);
  } catch (err) {
    return fail(`not a sigstream store: ${(err as Error).message}`);
  }
  return { ok: true, store: new DuckDbEventStore(path, instance, db) };
}
