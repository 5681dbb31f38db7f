/**
 * `sigstream run --state --checkpoint-every --resume` (issue 11 F9, F10): killed with SIGKILL at
 * several points of a correlation stream and restarted with the same command, the union of hits by
 * hit id equals an uninterrupted run; stop signals save the state; bad state files are refused.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sigstream } from '../helpers/cli.js';
import { correlationStream } from '../helpers/correlation-stream.js';

/** The correlation rules of the generated stream (fewer rules load faster than the whole pack). */
const RULES = ['rules/windows/correlation', 'rules/linux/seq_lnx_wget_download_connect.yml'];
const withRules = (args: string[]) => ['run', '-r', RULES[0], '-r', RULES[1], ...args];

/** Ids of the complete hit lines: a line that a kill -9 cut in the middle of a write is no hit. */
const ids = (stdout: string): string[] =>
  stdout
    .slice(0, stdout.lastIndexOf('\n') + 1)
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { id: string }).id);

/** Runs the CLI until it ends, or kills it with SIGKILL once `killAfterHits` hit lines were read. */
function runUntil(args: string[], killAfterHits?: number): Promise<{ stdout: string; stderr: string; signal: string | null; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn('node', ['dist/engine/cli/main.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (killAfterHits !== undefined && stdout.split('\n').length > killAfterHits) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code, signal) => resolve({ stdout, stderr, signal, code }));
  });
}

describe('run --state --checkpoint-every --resume', () => {
  const dir = mkdtempSync('/tmp/sigstream-checkpoint-');
  const input = `${dir}/stream.ndjson`;
  writeFileSync(input, correlationStream(12_000).join('\n') + '\n');

  it('F9: killed with SIGKILL at several points and restarted, the union of hits by id equals an uninterrupted run', async () => {
    const whole = sigstream(withRules([input]));
    expect(whole.status).toBe(0);
    const expected = new Set(ids(whole.stdout));
    expect(expected.size).toBeGreaterThan(1000);
    const state = `${dir}/state.json`;
    // --finish: each run decides what is pending at the end of its input, as the uninterrupted run does.
    const command = withRules(['--state', state, '--checkpoint-every', '500', '--resume', '--finish', input]);
    const seen: string[] = [];
    for (const killAfter of [150, 400, 250]) {
      const killed = await runUntil(command, killAfter);
      expect(killed.signal, killed.stderr).toBe('SIGKILL');
      seen.push(...ids(killed.stdout));
    }
    const last = await runUntil(command);
    expect(last.code, last.stderr).toBe(0);
    expect(last.stderr).toMatch(/resumed past [1-9]\d* covered events/);
    seen.push(...ids(last.stdout));
    const union = new Set(seen);
    expect([...union].filter((id) => !expected.has(id))).toEqual([]);
    expect([...expected].filter((id) => !union.has(id))).toEqual([]);
    // Hits after each run's last checkpoint are written again by the next run, under the same id.
    expect(seen.length).toBeGreaterThanOrEqual(union.size);
  }, 120_000);

  it('F9: the state records, per input, the events, line and file identity it covers', () => {
    const state = `${dir}/positions.json`;
    const r = sigstream(withRules(['--state', state, input]));
    expect(r.status, r.stderr).toBe(0);
    const saved = JSON.parse(readFileSync(state, 'utf8')) as { format: string; version: number; inputs: Array<Record<string, unknown>> };
    expect(saved.format).toBe('sigstream-state');
    expect(saved.inputs).toEqual([{ input, identity: { size: expect.any(Number), mtimeMs: expect.any(Number), ino: expect.any(Number) }, events: expect.any(Number), line: expect.any(Number) }]);
    const again = sigstream(withRules(['--state', state, '--resume', input]));
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/events read 0.*resumed past \d+ covered events/);
  });

  for (const signal of ['SIGINT', 'SIGHUP', 'SIGTERM'] as const) {
    it(`F9: ${signal} saves the state and the position it covers`, async () => {
      const state = `${dir}/signal-${signal}.json`;
      const child = spawn('node', ['dist/engine/cli/main.js', ...withRules(['--state', state])], { stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      // stdin stays open, as a live stream's would; the signal comes once hits show the events were read.
      const lines = correlationStream(200);
      child.stdin.write(lines.join('\n') + '\n');
      await new Promise((r) => child.stdout.once('data', r));
      child.kill(signal);
      const code = await new Promise((r) => child.on('exit', (c) => r(c)));
      expect(code, stderr).toBe({ SIGHUP: 129, SIGINT: 130, SIGTERM: 143 }[signal]);
      expect(stderr).toMatch(new RegExp(`${signal}: stopped; state saved`));
      const saved = JSON.parse(readFileSync(state, 'utf8')) as { inputs: Array<{ input: string; events: number }> };
      expect(saved.inputs).toEqual([expect.objectContaining({ input: '-', events: expect.any(Number) })]);
      // Hits leave as each event is done (with a state file the writer flushes per event), so the
      // signal may come anywhere in the stream (a busy machine may read all of it first): the state
      // covers those read, no more.
      expect(saved.inputs[0].events).toBeGreaterThan(0);
      expect(saved.inputs[0].events).toBeLessThanOrEqual(lines.length);
    });
  }
});

describe('run --state: state files are validated (F10)', () => {
  const dir = mkdtempSync('/tmp/sigstream-badstate-');

  it('F10: a corrupt state file is refused with exit 2 and a located message, and left as it was', () => {
    const file = `${dir}/corrupt.json`;
    const text = JSON.stringify({ format: 'sigstream-state', version: 2, inputs: [], correlator: { version: 1, maxSeenMs: 1e300, buffer: [], stores: {}, counters: { evictions: 0, late: 0, terminated: 0 } } });
    writeFileSync(file, text);
    const r = sigstream(['run', '-r', RULES[0], '-r', RULES[1], '--state', file], '');
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${file}: error: not a sigstream state: /correlator/maxSeenMs`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('F10: an unwritable --state path is refused at start, before any input is read (exit 2)', () => {
    const r = sigstream(['run', '-r', RULES[0], '--state', `${dir}/no/such/dir/state.json`, 'samples/linux-wget.ndjson']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot write the state file.*\[state-unwritable\]/);
    expect(r.stderr).not.toMatch(/events read/);
  });
});
