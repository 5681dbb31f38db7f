/** `run --follow` (issue 16): appended lines and rotated files are read once each; restarts resume at the checkpoint. */
import { spawn } from 'node:child_process';
import { appendFileSync, closeSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { followSource } from '../../engine/sources/follow.js';
import type { SourceBatch } from '../../engine/sources/source.js';
import { hasShared, repoRoot, sharedDir } from '../helpers/rules.js';
import type { NormalizedEvent } from '../../engine/event.js';
import { crc32 } from '../../engine/events/evtx/crc32.js';
import { readEvents } from '../../engine/events/read-events.js';
import { fileCheckpoints } from '../../engine/pipeline/state-file.js';
import { writeRules } from './nats-fixture.js';

const line = (n: number, host = 'h1') => JSON.stringify({ EventID: 1, Computer: host, UtcTime: `2025-03-01 00:00:${String(n % 60).padStart(2, '0')}.000`, Image: n % 2 ? 'C:\\x\\whoami.exe' : 'C:\\x\\cmd.exe', N: n }) + '\n';

/** Consume a follow source while `steps` change the files; returns the N (or `key`) of every event read. */
async function follow<K = number>(paths: string[], steps: Array<() => void>, resume?: unknown, key = (e: NormalizedEvent) => e.N as K): Promise<{ read: K[]; last?: SourceBatch }> {
  const source = followSource(paths, { pollMs: 20 });
  const read: K[] = [];
  let last: SourceBatch | undefined;
  const consuming = (async () => {
    for await (const batch of source.open(new Map(resume ? [[0, resume]] : []))) {
      for (const item of batch.items) if (item.kind === 'event') read.push(key(item.event));
      last = batch;
    }
  })();
  for (const step of steps) {
    step();
    await new Promise((r) => setTimeout(r, 120));
  }
  source.stop();
  await consuming;
  return { read, last };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('follow source', () => {
  it.each([
    ['appended lines', (f: string) => [() => appendFileSync(f, range(3, 6).map((n) => line(n)).join('')), () => appendFileSync(f, line(6))], range(0, 7)],
    ['a line written in two parts is read once, whole', (f: string) => [() => appendFileSync(f, line(3).slice(0, 10)), () => appendFileSync(f, line(3).slice(10))], range(0, 4)],
    ['rotation: the rest of the old file, then the new one', (f: string) => [() => (appendFileSync(f, line(3)), renameSync(f, f + '.1'), writeFileSync(f, line(4) + line(5))), () => appendFileSync(f, line(6))], range(0, 7)],
    ['truncation (copytruncate) starts the file again', (f: string) => [() => (truncateSync(f, 0), writeFileSync(f, line(10)))], [0, 1, 2, 10]],
  ])('%s', async (_name, steps, expected) => {
    const file = join(mkdtempSync(join(tmpdir(), 'sigstream-follow-')), 'events.ndjson');
    writeFileSync(file, line(0) + line(1) + line(2));
    const { read } = await follow([file], steps(file));
    expect(read).toEqual(expected);
  });

  it('resumes at the saved position, and finishes a file rotated while it was down', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sigstream-follow-')), 'events.ndjson');
    writeFileSync(file, line(0) + line(1));
    const first = await follow([file], [() => appendFileSync(file, line(2))]);
    expect(first.read).toEqual([0, 1, 2]);
    appendFileSync(file, line(3));
    renameSync(file, file + '.1');
    writeFileSync(file, line(4));
    const second = await follow([file], [() => undefined], first.last!.position);
    expect(second.read).toEqual([3, 4]);
  });

  it('line numbers continue across batches (provenance and diagnostics)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sigstream-follow-')), 'events.ndjson');
    writeFileSync(file, line(0) + line(1));
    const source = followSource([file], { pollMs: 20 });
    const seen: Array<number | undefined> = [];
    const consuming = (async () => {
      for await (const batch of source.open(new Map()))
        for (const item of batch.items) seen.push(item.kind === 'event' ? (item.event['@source'] as { line: number }).line : -(item.diagnostic.where.line ?? 0));
    })();
    await new Promise((r) => setTimeout(r, 100));
    appendFileSync(file, '{bad json\n' + line(3));
    await new Promise((r) => setTimeout(r, 150));
    source.stop();
    await consuming;
    expect(seen).toEqual([1, 2, -3, 4]);
  });
});

describe.skipIf(!hasShared)('follow a growing .evtx (chunks from real logs in ../shared, never copied into the repository)', () => {
  const HEADER = 4096;
  const CHUNK = 65536;
  // The first chunk of five single-chunk regression logs, as the chunks of one growing log.
  const dir = join(sharedDir, 'sigmahq/regression/evtx');
  const logs = hasShared ? readdirSync(dir).filter((f) => f.endsWith('.evtx')).sort().slice(0, 5).map((f) => readFileSync(join(dir, f))) : [];
  const chunks = logs.map((log) => log.subarray(HEADER, HEADER + CHUNK));

  /** The writer: the header (count of chunks written and its checksum) at the front, `chunks` after it. */
  function setHeader(file: string, count: number): void {
    const header = Buffer.from(logs[0].subarray(0, HEADER));
    header.writeUInt16LE(count, 42);
    header.writeUInt32LE(crc32(header, 0, 120), 124);
    const fd = openSync(file, 'r+');
    writeSync(fd, header, 0, HEADER, 0);
    closeSync(fd);
  }
  const content = (e: NormalizedEvent) => JSON.stringify({ ...e, '@source': undefined });
  async function expected(count: number): Promise<string[]> {
    const file = join(mkdtempSync(join(tmpdir(), 'sigstream-evtx-')), 'whole.evtx');
    writeFileSync(file, Buffer.concat([logs[0].subarray(0, HEADER), ...chunks.slice(0, count)]));
    setHeader(file, count);
    const out: string[] = [];
    for await (const item of readEvents([file])) if (item.kind === 'event') out.push(content(item.event));
    return out;
  }
  function growing(count: number): string {
    const file = join(mkdtempSync(join(tmpdir(), 'sigstream-evtx-')), 'live.evtx');
    writeFileSync(file, Buffer.concat([logs[0].subarray(0, HEADER), ...chunks.slice(0, count)]));
    setHeader(file, count);
    return file;
  }

  it('reads each record once as chunks are appended, and a chunk only once the header declares it', async () => {
    const file = growing(1);
    const { read, last } = await follow([file], [
      () => (appendFileSync(file, chunks[1]), setHeader(file, 2)),
      () => (appendFileSync(file, Buffer.concat(chunks.slice(2, 4))), setHeader(file, 4)),
      // Appended, not yet declared: a writer between its two steps.
      () => appendFileSync(file, chunks[4]),
    ], undefined, content);
    const four = await expected(4);
    expect(four.length).toBeGreaterThanOrEqual(4);
    expect(read).toEqual(four);
    // Declared: read from where the first run stopped, and only it.
    const { read: rest } = await follow([file], [() => setHeader(file, 5)], last!.position, content);
    expect(rest).toEqual((await expected(5)).slice(four.length));
    expect(rest.length).toBeGreaterThan(0);
  });

  it('a restart from the --state checkpoint resumes at the next chunk: the records after the last one read', async () => {
    const file = growing(2);
    const state = join(mkdtempSync(join(tmpdir(), 'sigstream-evtx-')), 'state.json');
    const first = await follow([file], [() => undefined], undefined, content);
    const store = fileCheckpoints(state);
    await store.save(0, { checkpoint: 2, position: first.last!.position });
    const saved = JSON.parse(readFileSync(state, 'utf8')).inputs[0];
    expect(saved).toMatchObject({ input: file, identity: { size: HEADER + 2 * CHUNK }, record: expect.any(Number) });
    appendFileSync(file, Buffer.concat(chunks.slice(2, 4)));
    setHeader(file, 4);
    const loaded = (await store.load(0)).checkpoint!.position as Record<string, { record: number }>;
    expect(loaded[file].record).toBe(saved.record);
    const second = await follow([file], [() => undefined], loaded, content);
    const all = await expected(4);
    expect([...first.read, ...second.read]).toEqual(all);
    expect(second.read).toEqual(all.slice(first.read.length));
  });
});

describe('run --follow --state: kill -9 and restart', () => {
  it('resumes at the checkpointed position: every event is read once over both runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sigstream-follow-cli-'));
    const rules = join(dir, 'rules');
    writeRules(rules);
    const file = join(dir, 'events.ndjson');
    const state = join(dir, 'state.json');
    writeFileSync(file, range(0, 50).map((n) => line(n)).join(''));
    const cli = resolve(repoRoot, 'dist/engine/cli/main.js');
    const start = () => {
      const child = spawn('node', [cli, 'run', '-r', rules, '--follow', '--poll', '20ms', '--state', state, '--checkpoint-every', '50ms', file], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const exit = new Promise<void>((done) => child.once('exit', () => done()));
      return { child, exit, stderr: () => stderr };
    };
    const waitFor = async (check: () => boolean) => {
      for (let i = 0; i < 600 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
      expect(check()).toBe(true);
    };
    const saved = () => {
      try {
        return ((JSON.parse(readFileSync(state, 'utf8')).inputs as Array<{ input: string; line?: number }>).find((i) => i.input === file)?.line ?? 0);
      } catch {
        return 0;
      }
    };
    const first = start();
    await waitFor(() => saved() === 50);
    appendFileSync(file, range(50, 80).map((n) => line(n)).join(''));
    await waitFor(() => saved() === 80);
    first.child.kill('SIGKILL');
    await first.exit;
    appendFileSync(file, range(80, 100).map((n) => line(n)).join(''));
    const second = start();
    await waitFor(() => saved() === 100);
    second.child.kill('SIGTERM');
    await second.exit;
    // The restart read only what came after the checkpoint.
    expect(second.stderr()).toMatch(/events read 20,/);
  }, 60_000);
});
