/**
 * The event store (issue 17) on real store files: ingest (incremental, no duplicates), run --store
 * giving the same hits as run over the files, hits kept with --to-store, prune, SQL injection attempts
 * through every query criterion, and the message when the optional DuckDB package is missing.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PassThrough, Readable } from 'node:stream';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReportFromHits, compileSearch, openEventStore, SEARCH_CRITERIA, searchEvents, searchStoreCondition, type EventStore, type NormalizedEvent, type SearchQuery } from '../../engine/index.js';
import { storeCommand } from '../../engine/cli/store.js';
import { runMain } from '../helpers/cli-io.js';
import { hasShared, repoRoot, sharedDir, sharedNotice } from '../helpers/rules.js';

const dir = mkdtempSync(join(tmpdir(), 'sigstream-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const demo = resolve(repoRoot, 'samples/demo.ndjson');
const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').length;
/** The summary line's counts, e.g. `stored 962, already present 0`. */
const stored = (stderr: string) => /stored (\d+), already present (\d+)/.exec(stderr)?.slice(1).map(Number);
/** Hits without their provenance, sorted: the same set from files and from a store. */
function hitSet(stdout: string): string[] {
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const hit = JSON.parse(line);
      delete hit.source;
      if (hit.event) delete hit.event['@source'];
      return JSON.stringify(hit);
    })
    .sort();
}

/** The CLI in-process, its exit code as `code`. */
const cli = (args: string[]) => runMain(args);

async function open(path: string): Promise<EventStore> {
  const opened = await openEventStore(path);
  if (!opened.ok) throw new Error(opened.diagnostic.message);
  return opened.store;
}

describe('sigstream store ingest / info / prune', () => {
  const db = join(dir, 'demo.db');

  it('ingests the bundled samples and, ingested again, stores nothing twice', async () => {
    const first = await cli(['store', 'ingest', db, demo, resolve(repoRoot, 'samples/benign')]);
    expect(first.code).toBe(0);
    const benign = readdirSync(resolve(repoRoot, 'samples/benign'))
      .filter((f) => f.endsWith('.ndjson'))
      .reduce((n, f) => n + lines(resolve(repoRoot, 'samples/benign', f)), 0);
    expect(stored(first.stderr)).toEqual([lines(demo) + benign, 0]);
    const again = await cli(['store', 'ingest', db, demo]);
    expect(stored(again.stderr)).toEqual([0, lines(demo)]);
    const info = JSON.parse((await cli(['store', 'info', db, '--json'])).stdout);
    expect(info.events).toBe(lines(demo) + benign);
    expect(info.hosts.reduce((n: number, h: { events: number }) => n + h.events, 0)).toBe(info.events);
  });

  it('prune deletes the events before a time and says how many', async () => {
    const db3 = join(dir, 'prune.db');
    await cli(['store', 'ingest', db3, demo]);
    const before = await cli(['store', 'info', db3, '--json']);
    const { first, last, events } = JSON.parse(before.stdout);
    const middle = new Date((Date.parse(first) + Date.parse(last)) / 2).toISOString();
    const pruned = await cli(['store', 'prune', db3, '--before', middle]);
    const removed = Number(/(\d+) events before/.exec(pruned.stderr)?.[1]);
    expect(removed).toBeGreaterThan(0);
    const after = JSON.parse((await cli(['store', 'info', db3, '--json'])).stdout);
    expect(after.events).toBe(events - removed);
    expect(Date.parse(after.first)).toBeGreaterThanOrEqual(Date.parse(middle));
  });

  it('ingest draws a progress bar on a terminal, also when stdout is that terminal (it writes nothing there)', async () => {
    const terminal = () => Object.assign(new PassThrough(), { isTTY: true, columns: 100 });
    const [stdout, stderr] = [terminal(), terminal()];
    let drawn = '';
    stderr.on('data', (chunk: Buffer) => (drawn += chunk.toString()));
    const code = await storeCommand.run(['ingest', join(dir, 'bar.db'), demo], { stdout, stderr, stdin: Readable.from([]) });
    expect(code).toBe(0);
    expect(drawn).toMatch(/100% \| [\d.]+\/[\d.]+ MB \| \d+ events, \d+\/s/);
    expect(drawn).toMatch(/stored \d+, already present 0/);
  });

  it('a missing store argument or a bad --before is a usage error (exit 2)', async () => {
    expect((await cli(['store', 'info'])).code).toBe(2);
    expect((await cli(['store', 'prune', join(dir, 'x.db'), '--before', 'yesterday-ish'])).code).toBe(2);
  });
});

sharedNotice('run --store over the SigmaHQ regression events');
describe.skipIf(!hasShared)('run --store with all SigmaHQ rules', () => {
  it('gives exactly the hits of run over the shared regression files', async () => {
    const regression = resolve(sharedDir, 'sigmahq/regression');
    const inputs = readdirSync(regression).filter((f) => f.endsWith('.ndjson')).map((f) => join(regression, f));
    const db = join(dir, 'regression.db');
    const ingest = await cli(['store', 'ingest', db, '-q', ...inputs]);
    expect(stored(ingest.stderr)).toEqual([171, 0]);
    const rules = resolve(sharedDir, 'sigmahq/rules');
    const files = await cli(['run', '-r', rules, '-q', ...inputs]);
    const fromStore = await cli(['run', '-r', rules, '-q', '--store', db]);
    expect(fromStore.code).toBe(0);
    expect(hitSet(files.stdout).length).toBeGreaterThan(150);
    expect(hitSet(fromStore.stdout)).toEqual(hitSet(files.stdout));
  }, 60_000);
});

describe('store queries are parameterised: injection attempts are inert', () => {
  const hostile = ["x' OR '1'='1", "'; DROP TABLE events; --", '/* comment */ *', 'a") OR 1=1 --', "%' UNION SELECT event FROM events --"];
  const evil = "C:\\evil'; DROP TABLE events; --.exe";
  const events: NormalizedEvent[] = [
    { EventID: 1, Computer: 'host-a', Channel: 'Microsoft-Windows-Sysmon/Operational', EventRecordID: '1', UtcTime: '2026-01-01 00:00:00.000', Image: evil, CommandLine: 'evil' },
    { EventID: 3, Computer: "host-b'--", Channel: 'Microsoft-Windows-Sysmon/Operational', EventRecordID: '2', UtcTime: '2026-01-01 00:00:01.000', Image: 'C:\\a.exe', DestinationIp: '10.0.0.1' },
  ];

  it('through every condition: field patterns, regexes, non-column fields, hosts, event ids, times', async () => {
    const store = await open(join(dir, 'hostile.db'));
    try {
      expect((await store.ingest(events)).inserted).toBe(2);
      for (const text of hostile) {
        expect(await store.count({ match: { any: [{ field: 'Image', like: [text] }, { field: 'CommandLine', like: [text] }] } })).toBe(0);
        expect(await store.count({ match: { field: text, like: ['*'] } })).toBe(0);
        expect(await store.count({ computers: [text] })).toBe(0);
        // As a substring the text is matched literally: only where an Image really contains it.
        const literal = events.filter((e) => String(e.Image).toLowerCase().includes(text.toLowerCase())).length;
        expect(await store.count({ match: { field: 'Image', like: [`*${text}*`] } })).toBe(literal);
        expect(await store.count({ match: { field: 'Image', regex: [text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')] } })).toBe(literal);
      }
      expect(await store.count({ eventIds: [Number.NaN, 1e20] })).toBe(0);
      // Quotes and comment markers are ordinary characters to match, and the tables are intact.
      expect(await store.count({ match: { field: 'Image', like: [evil] } })).toBe(1);
      expect(await store.count({ computers: ["host-b'--"] })).toBe(1);
      expect(await store.count({ match: { field: 'DestinationIp', like: ['10.0.0.*'] } })).toBe(1);
      expect(await store.count({ match: { field: 'Image', like: ['c:\\EVIL*'] } })).toBe(1);
      expect(await store.count({ match: { field: 'Image', like: ['%'] } })).toBe(0);
      expect(await store.count({ match: { field: 'Image', like: ['_:*'] } })).toBe(0);
      expect(await store.count({ match: { field: 'Image', like: ['\\'] } })).toBe(0);
      expect(await store.count({ match: { field: 'Image', like: ['*\\*'] } })).toBe(2);
      expect(await store.count({ match: { any: [] } })).toBe(0);
      expect(await store.count({ match: { all: [] } })).toBe(2);
      expect(await store.count()).toBe(2);
    } finally {
      await store.close();
    }
  });
});

describe('search criteria become SQL: the store selects what the search rule selects', () => {
  const hostile = ["x' OR '1'='1", "'; DROP TABLE events; --", '/* c */ --', '100%', 'a_b', 'back\\slash\\', "*'*", 'a") OR 1=1 --'];
  const channel = 'Microsoft-Windows-Sysmon/Operational';
  /** Events that carry each hostile text in every field some criterion reads, and some that do not. */
  const events: NormalizedEvent[] = hostile.flatMap((text, i) =>
    [
      { EventID: 3, SourceIp: text, DestinationIp: '10.0.0.1', SourcePort: text, DestinationPort: '445', SourceHostname: text, DestinationHostname: 'x.example', Image: `C:\\dir\\${text}` },
      { EventID: 22, QueryName: text, QueryResults: `::ffff:${text};${text};`, Image: `/usr/bin/${text}` },
      { EventID: 1, Image: `C:\\dir\\${text}`, ParentImage: text, Hashes: `SHA1=${text},MD5=ABC` },
      { EventID: 10, SourceImage: `C:\\a\\${text}.exe`, TargetImage: 'C:\\lsass.exe' },
      { EventID: 11, TargetFilename: `C:\\dir\\${text}`, Image: 'C:\\x.exe' },
      { EventID: 7, ImageLoaded: `/lib/${text}`, Hashes: `MD5=${text}` },
      { EventID: 13, TargetObject: `HKLM\\Run\\${text}`, Details: text },
      { EventID: 14, TargetObject: 'HKLM\\a', NewName: text },
      { EventID: 15, TargetFilename: 'C:\\f', Hash: `SHA256=${text}` },
    ].map((e, j) => ({ ...e, Computer: 'h', Channel: channel, EventRecordID: String(i * 100 + j), UtcTime: '2026-01-01 00:00:00.000' })),
  );
  async function* stream(): AsyncGenerator<NormalizedEvent> {
    yield* events.map((e) => structuredClone(e));
  }
  async function engineCount(query: SearchQuery): Promise<number> {
    const { search } = compileSearch(query);
    let n = 0;
    for await (const _ of searchEvents(search!, stream())) n++;
    return n;
  }

  it('every criterion, each hostile text (quotes, semicolons, comments, %, _, backslash): inert, and the same count as the engine', async () => {
    const store = await open(join(dir, 'criteria.db'));
    try {
      expect((await store.ingest(events)).inserted).toBe(events.length);
      for (const { name } of SEARCH_CRITERIA) {
        let found = 0;
        for (const values of [...hostile.map((text) => [text]), hostile.map((text) => `*${text}*`)]) {
          const query: SearchQuery = { terms: [{ criterion: name, values }], join: 'all' };
          const expected = await engineCount(query);
          expect(await store.count({ match: searchStoreCondition(query) }), `--${name} ${values.join(' ')}`).toBe(expected);
          found += expected;
        }
        expect(found, name).toBeGreaterThan(0);
        // The criterion finds its own events: the SQL is not trivially empty.
        expect(await store.count({ match: searchStoreCondition({ terms: [{ criterion: name, values: ['*'] }], join: 'all' }) }), name).toBeGreaterThan(0);
      }
      const raw: SearchQuery = { terms: [{ field: 'NewName', values: [hostile[0]] }, { criterion: 'ip', values: ['*'] }], join: 'any' };
      expect(await store.count({ match: searchStoreCondition(raw) })).toBe(await engineCount(raw));
      expect(await store.count()).toBe(events.length);
    } finally {
      await store.close();
    }
  });
});

describe('hits kept in the store (run --to-store) and read back: stats --hits, report --store', () => {
  const db = join(dir, 'hits.db');
  const hitsOf = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
  const tally = (values: string[]) => Object.fromEntries([...new Set(values)].map((v) => [v, values.filter((x) => x === v).length]));

  it('run --store gives the hits of run over the files, --to-store keeps them, a re-run keeps none twice; stats --hits counts them by rule, level, technique, tactic, host and day', async () => {
    const files = await runMain(['run', '-r', 'rules', demo]);
    expect((await runMain(['store', 'ingest', db, demo])).code).toBe(0);
    const first = await runMain(['run', '-r', 'rules', '--store', db, '--to-store', db]);
    expect(first.code, first.stderr).toBe(0);
    expect(hitSet(first.stdout)).toEqual(hitSet(files.stdout));
    const hits = hitsOf(first.stdout);
    expect(hits.some((h) => h.kind === 'correlation')).toBe(true);
    expect((await runMain(['run', '-r', 'rules', '--store', db, '--to-store', db])).code).toBe(0);
    expect(JSON.parse((await runMain(['store', 'info', db, '--json'])).stdout).hits).toBe(hits.length);
    const stats = await runMain(['stats', '--hits', '--store', db, '--json']);
    expect(stats.code, stats.stderr).toBe(0);
    const counted = JSON.parse(stats.stdout);
    expect(counted.hits).toBe(hits.length);
    expect(Object.fromEntries(counted.levels)).toEqual(tally(hits.map((h) => h.rule.level)));
    expect(Object.fromEntries(counted.rules.map((r: { title: string; hits: number }) => [r.title, r.hits]))).toEqual(tally(hits.map((h) => h.rule.title)));
    expect(Object.fromEntries(counted.techniques)).toEqual(tally(hits.flatMap((h) => h.attack.techniques.map((t: { id: string }) => t.id))));
    expect(Object.fromEntries(counted.hosts)).toEqual(tally(hits.map((h) => h.computer ?? '(no host)')));
    expect(Object.fromEntries(counted.days)).toEqual(tally(hits.map((h) => (h.time ? h.time.slice(0, 10) : '(no time)'))));
    const text = await runMain(['stats', '--hits', '--store', db, '--top', '2']);
    expect(text.stdout).toMatch(new RegExp(`^${hits.length} hits in the store\nby level:`));
    expect((await runMain(['stats', '--hits', demo])).code).toBe(2);
  });

  it('report --store without rules shows the kept hits, each with its stored event', async () => {
    const out = join(dir, 'hits.html');
    const report = await runMain(['report', '--store', db, '-o', out]);
    expect(report.code, report.stderr).toBe(0);
    const kept = JSON.parse((await runMain(['store', 'info', db, '--json'])).stdout);
    expect(report.stderr).toContain(`events read from the store ${kept.events}, embedded ${kept.events}; hits kept in the store ${kept.hits}`);
    const store = await open(db);
    try {
      const built = await buildReportFromHits(store.events(), store.hits());
      expect(built.data.totals).toMatchObject({ events: kept.events, hits: kept.hits });
      // Every hit found its event among the stored ones (none brought a copy of its own).
      expect(built.data.hits.every((h) => h.events.length > 0)).toBe(true);
    } finally {
      await store.close();
    }
    const day = await runMain(['report', '--store', db, '-o', out, '--until', '2000-01-01']);
    expect(day.stderr).toContain('events read from the store 0, embedded 0; hits kept in the store 0');
  });
});

describe('without the optional DuckDB package', () => {
  it('store commands say how to install it, and run still works', () => {
    // A copy of the package layout whose node_modules lacks @duckdb: what a user without it has.
    const root = join(dir, 'no-duckdb');
    mkdirSync(join(root, 'node_modules'), { recursive: true });
    // dist/ is copied, not linked: Node resolves packages from a module's real path.
    cpSync(resolve(repoRoot, 'dist'), join(root, 'dist'), { recursive: true });
    symlinkSync(resolve(repoRoot, 'attack'), join(root, 'attack'));
    writeFileSync(join(root, 'package.json'), readFileSync(resolve(repoRoot, 'package.json')));
    for (const name of readdirSync(resolve(repoRoot, 'node_modules'))) {
      if (name !== '@duckdb' && name !== '.bin') symlinkSync(resolve(repoRoot, 'node_modules', name), join(root, 'node_modules', name));
    }
    const cli = (args: string[]) => spawnSync('node', [join(root, 'dist/engine/cli/main.js'), ...args], { cwd: root, encoding: 'utf8' });
    const store = cli(['store', 'info', join(dir, 'x.db')]);
    expect(store.status).toBe(2);
    expect(store.stderr).toMatch(/needs the optional package @duckdb\/node-api: install it with 'npm install @duckdb\/node-api'/);
    expect(store.stderr).not.toMatch(/at .*\.js:\d+/);
    const run = cli(['run', '-r', resolve(repoRoot, 'rules'), demo]);
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n').length).toBeGreaterThan(10);
  });
});

describe('the investigation verbs read a store as they read files (--store)', () => {
  const db = join(dir, 'investigate.db');
  const wget = resolve(repoRoot, 'samples/linux-wget.ndjson');
  const WGET_GUID = '{5a6c5f3c-0020-6630-c8e5-0a0000000000}';
  /**
   * The events (with their provenance) behind search hits, sorted: a store gives events in time
   * order, files in file order, and each search names its rule afresh (a new rule id per run).
   */
  const lines = (stdout: string) =>
    stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const hit = JSON.parse(line);
        return JSON.stringify([hit.event, hit.source]);
      })
      .sort();
  const main = async (args: string[]) => runMain(args);

  it('ingests the samples once', async () => {
    expect((await main(['store', 'ingest', db, demo, wget])).code).toBe(0);
  });

  it.each([
    ['--ip', '10.*'],
    ['--port', '445'],
    ['--host', '*.example'],
    ['--process', 'svchost.exe'],
    ['--file', '*.ps1'],
    ['--registry-key', '*\\CurrentVersion\\Run*'],
    ['--registry-value', '*'],
    ['--hash', '*'],
  ])('search %s %s finds the same events in the store as in the file', async (flag, value) => {
    const files = await main(['search', flag, value, demo, wget]);
    const stored = await main(['search', flag, value, '--store', db, '--computer', '*']);
    expect(lines(files.stdout).length).toBeGreaterThan(0);
    expect(stored.code, stored.stderr).toBe(0);
    expect(lines(stored.stdout)).toEqual(lines(files.stdout));
    // The criteria ran as SQL: the store handed over only the matching events.
    expect(Number(/events read (\d+)/.exec(stored.stderr)?.[1])).toBe(lines(files.stdout).length);
  });

  it('search with pushed-down filters (--eventid, --computer, --since) gives what the files give', async () => {
    const args = ['--process', '*', '--eventid', '3', '--computer', 'WS042.corp.example', '--since', '2026-11-20T08:30:00Z'];
    const files = await main(['search', ...args, demo, wget]);
    const stored = await main(['search', ...args, '--store', db]);
    expect(lines(files.stdout).length).toBeGreaterThan(0);
    expect(lines(stored.stdout)).toEqual(lines(files.stdout));
  });

  it('stats views are the same counted in the store (GROUP BY) as streamed from the files, filters included', async () => {
    const filters = ['--eventid', '1,3,11,13,22', '--computer', 'WS042.corp.example', '--since', '2026-11-20T08:30:00Z', '--until', '2026-11-20T09:00:00Z'];
    for (const args of [['--by', 'host,day'], ['--by', 'eventid', '--top', '3'], ['--by', 'image,host'], ['--by', 'day', ...filters]]) {
      const files = JSON.parse((await main(['stats', ...args, '--json', demo, wget])).stdout);
      const stored = await main(['stats', ...args, '--json', '--store', db]);
      expect(stored.stderr, args.join(' ')).toMatch(/counted in the store/);
      expect(JSON.parse(stored.stdout), args.join(' ')).toEqual(files);
    }
    expect(JSON.parse((await main(['stats', ...filters, '--json', demo, wget])).stdout).events).toBeGreaterThan(0);
    // A host glob stays with the event filter: the store streams, the numbers are the same.
    const globbed = await main(['stats', '--computer', 'ws*', '--json', '--store', db]);
    expect(globbed.stderr).toMatch(/events read/);
    expect(JSON.parse(globbed.stdout)).toEqual(JSON.parse((await main(['stats', '--computer', 'ws*', '--json', demo, wget])).stdout));
  });

  it('tree around a ProcessGuid is the same from the store as from the file', async () => {
    const wgetDb = join(dir, 'wget.db');
    expect((await main(['store', 'ingest', wgetDb, wget])).code).toBe(0);
    const files = await main(['tree', '--guid', WGET_GUID, wget]);
    const stored = await main(['tree', '--guid', WGET_GUID, '--store', wgetDb, '--computer', '*']);
    expect(stored.code, stored.stderr).toBe(0);
    expect(stored.stdout).toContain('wget');
    expect(stored.stdout).toBe(files.stdout);
  });

  it('--store and inputs together are a usage error', async () => {
    expect((await main(['stats', '--store', db, demo])).code).toBe(2);
  });
});
