/**
 * The event store (issue 17) at 1M synthetic events: ingest rate (and as a ratio to `run` over the
 * same events), store bytes per event, and `search` / `stats` from the store against the same verbs
 * streaming the file (median of 3 each, as ratios). Each command is the built CLI in a child process
 * (bench/investigate.ts `time`). Skipped with BENCH_SKIP=store; BENCH_ONLY=store runs it alone.
 */
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { time, type VerbResult } from './investigate.js';
import { syntheticEvents } from './synthetic.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const EVENTS = Number(process.env.BENCH_STORE_EVENTS ?? 1_000_000);
const CHUNK = 100_000;
const ROUNDS = 3;

/** The synthetic stream written in chunks, so a million events never sit in memory at once. */
function writeSynthetic(file: string, events: number): void {
  const fd = openSync(file, 'w');
  try {
    for (let first = 0; first < events; first += CHUNK) {
      const chunk = syntheticEvents(Math.min(CHUNK, events - first), 42 + first / CHUNK, first);
      writeSync(fd, chunk.map((e) => JSON.stringify(e)).join('\n') + '\n');
    }
  } finally {
    closeSync(fd);
  }
}

function median(runs: VerbResult[]): VerbResult {
  return [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)];
}

export async function bench(ctx: { sharedDir: string | undefined }): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sigstream-bench-store-'));
  const sigmahq = ctx.sharedDir && path.join(ctx.sharedDir, 'sigmahq/rules');
  const rules = sigmahq ?? path.join(repoRoot, 'rules');
  try {
    const input = path.join(dir, 'events.ndjson');
    const db = path.join(dir, 'events.db');
    writeSynthetic(input, EVENTS);
    const out = (name: string) => path.join(dir, name);
    const ingest = time(['store', 'ingest', '-q', '--no-progress', db, input], out('ingest.txt'), true);
    const bytes = statSync(db).size;
    const run = time(['run', '-q', '--no-progress', '-r', rules, input], out('run.ndjson'), true);
    const searchArgs = ['search', '-q', '--no-progress', '--process', 'certutil.exe'];
    const statsArgs = ['stats', '-q', '--no-progress', '--json'];
    const rounds = (args: string[], name: string) => median(Array.from({ length: ROUNDS }, () => time(args, out(name), true)));
    const search = { file: rounds([...searchArgs, input], 'search-file.ndjson'), store: rounds([...searchArgs, '--store', db], 'search-store.ndjson') };
    const stats = { file: rounds([...statsArgs, input], 'stats-file.json'), store: rounds([...statsArgs, '--store', db], 'stats-store.json') };
    const matched = (file: string) => statSync(out(file)).size;
    if (matched('search-store.ndjson') === 0 || matched('stats-store.json') !== matched('stats-file.json')) throw new Error('store bench: the store and the file gave different output sizes');
    return {
      events: EVENTS,
      generator: 'bench/synthetic.ts (seeds 42.., chunks of 100k)',
      rules,
      ingest: { ...ingest, eventsPerSecond: EVENTS / ingest.seconds, ratioToRun: ingest.seconds / run.seconds },
      run: { ...run, eventsPerSecond: EVENTS / run.seconds },
      storeBytes: bytes,
      bytesPerEvent: bytes / EVENTS,
      inputBytesPerEvent: statSync(input).size / EVENTS,
      search: { args: searchArgs.slice(3), ...search, storeToFileTime: search.store.seconds / search.file.seconds },
      stats: { args: statsArgs.slice(3), ...stats, storeToFileTime: stats.store.seconds / stats.file.seconds },
      medianOf: ROUNDS,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
