/**
 * Bench section `nats` (issue 16): end-to-end throughput through a local nats-server, from the
 * first published event to the last worker done (`publish` and the workers run at once), with 1
 * and 2 workers, as a ratio to `sigstream run` over the same events from a file. Each figure is
 * wall time of whole processes (start-up and rule loading included on both sides).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { syntheticEvents } from './synthetic.js';

const EVENTS = 50_000;
const PARTITIONS = 12;

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

function exited(args: string[], cwd: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.resume();
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`${args.slice(1, 2).join(' ')} exited ${code}: ${stderr}`))));
  });
}

export async function bench(): Promise<Record<string, unknown>> {
  if (spawnSync('nats-server', ['--version']).status !== 0) return { skipped: 'nats-server is not installed (scripts/ensure-nats-server.sh)' };
  const repoRoot = resolve(import.meta.dirname, '../..');
  const cli = resolve(repoRoot, 'dist/engine/cli/main.js');
  const rules = resolve(repoRoot, 'rules');
  const dir = mkdtempSync(join(tmpdir(), 'sigstream-bench-nats-'));
  const input = join(dir, 'events.ndjson');
  writeFileSync(input, syntheticEvents(EVENTS).map((e) => JSON.stringify(e)).join('\n') + '\n');
  let started = Date.now();
  await exited([cli, 'run', '-r', rules, input], repoRoot);
  const fileSeconds = (Date.now() - started) / 1000;
  const out: Record<string, unknown> = { events: EVENTS, partitions: PARTITIONS, rules, file: { seconds: fileSeconds, eventsPerSecond: EVENTS / fileSeconds } };
  for (const workers of [1, 2]) {
    const port = await freePort();
    const store = join(dir, `store-${workers}`);
    const server = spawn('nats-server', ['-js', '-sd', store, '-p', String(port), '-a', '127.0.0.1'], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 1000));
    const url = `nats://127.0.0.1:${port}`;
    try {
      started = Date.now();
      const running = Array.from({ length: workers }, (_, i) =>
        exited([cli, 'run', '-r', rules, '--source', url, '--partitions', String(PARTITIONS), '--worker', `${i}/${workers}`, '--until-end', '--sink', url], repoRoot),
      );
      await exited([cli, 'publish', '--nats', url, '--partitions', String(PARTITIONS), input], repoRoot);
      await Promise.all(running);
      const seconds = (Date.now() - started) / 1000;
      out[`workers${workers}`] = { seconds, eventsPerSecond: EVENTS / seconds, ratioToFile: fileSeconds / seconds };
    } finally {
      server.kill('SIGTERM');
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return out;
}
