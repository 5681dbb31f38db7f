/**
 * `sigstream run` under faults (issue 11): a slow live pipe (F12), output that fails or goes away or
 * was closed (F13), and an event from the far future (F11).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sigstream } from '../helpers/cli.js';
import { correlationStream } from '../helpers/correlation-stream.js';
import { whoamiRuleText } from '../helpers/rules.js';

const dir = mkdtempSync('/tmp/sigstream-faults-');
const rule = `${dir}/whoami.yml`;
writeFileSync(rule, whoamiRuleText('whoami run', '0b5a3c9e-1111-4a7b-9c1d-2e3f4a5b6c7d', 'low'));
const whoami = (i: number) => JSON.stringify({ EventID: 1, Computer: 'ws1', UtcTime: `2026-11-20 10:00:${String(i % 60).padStart(2, '0')}.000`, Image: 'C:\\Windows\\System32\\whoami.exe', CommandLine: 'whoami', User: 'u' });
const CLI = 'dist/engine/cli/main.js';

describe('run on a live pipe (F12)', () => {
  it('F12: a hit for the first line of a slow pipe arrives while the pipe is still open', async () => {
    const child = spawn('node', [CLI, 'run', '-r', rule], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.write(whoami(1) + '\n');
    const first = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (d: Buffer) => resolve(d.toString()));
      child.once('exit', () => reject(new Error('exited before any hit')));
    });
    expect(child.exitCode).toBeNull();
    expect(JSON.parse(first)).toMatchObject({ kind: 'detection', rule: { title: 'whoami run' } });
    child.stdin.end(whoami(2) + '\n');
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(0);
  }, 60_000);
});

describe('run when the output fails (F13)', () => {
  const input = `${dir}/stream.ndjson`;
  writeFileSync(input, Array.from({ length: 3000 }, (_, i) => whoami(i)).join('\n') + '\n');

  it('F13: a full device (/dev/full, ENOSPC) gives a located message, saves the state and exits 74', () => {
    const state = `${dir}/full.json`;
    const r = spawnSync('sh', ['-c', `node ${CLI} run -r ${rule} --state ${state} ${input} > /dev/full`], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(74);
    expect(r.stderr).toMatch(/<stdout>: error: cannot write hits: no space left on the output device \(ENOSPC\); hits from .*stream\.ndjson:1 on are not written; state saved to .*full\.json \[output-failed\]/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).toMatch(/events read 1,/);
    expect(JSON.parse(readFileSync(state, 'utf8')).inputs[0]).toMatchObject({ events: 1, line: 1 });
  });

  it('F13: a reader that goes away (EPIPE) is a quiet success that still saves the state and prints the summary', () => {
    const state = `${dir}/epipe.json`;
    const r = spawnSync('sh', ['-c', `node ${CLI} run -r ${rule} --state ${state} ${input} | head -n 1 > /dev/null; exit \${PIPESTATUS:-0}`], { encoding: 'utf8' });
    expect(r.stderr).toMatch(/sigstream: rules loaded 1, .*events read \d+/);
    expect(r.stderr).not.toMatch(/error/);
    expect(existsSync(state)).toBe(true);
    const status = spawnSync('bash', ['-c', `node ${CLI} run -r ${rule} ${input} | head -n 1 > /dev/null; echo \${PIPESTATUS[0]}`], { encoding: 'utf8' });
    expect(status.stdout.trim()).toBe('0');
  });

  it('F13: a closed stdout (>&-) is refused at start with exit 2, not discarded in silence', () => {
    const r = spawnSync('sh', ['-c', `node ${CLI} run -r ${rule} ${input} >&-`], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/standard output is closed: hits would be lost/);
    const discarded = spawnSync('sh', ['-c', `node ${CLI} run -r ${rule} ${input} > /dev/null`], { encoding: 'utf8' });
    expect(discarded.status).toBe(0);
  });
});

describe('run --max-future (F11)', () => {
  it('F11: one event dated 2099 does not cut the correlations of the stream; it is counted as future', () => {
    const lines = correlationStream(3000);
    // A discovery command, so the outlier reaches the correlator.
    const outlier = { EventID: 1, Computer: 'clockless', UtcTime: '2099-01-01 00:00:00.000', Image: 'C:\\Windows\\System32\\whoami.exe', CommandLine: 'whoami', User: 'u' };
    lines.splice(101, 0, JSON.stringify(outlier));
    const input = `${dir}/outlier.ndjson`;
    writeFileSync(input, lines.join('\n') + '\n');
    const rules = ['-r', 'rules/windows/correlation', '-r', 'rules/linux/seq_lnx_wget_download_connect.yml'];
    const count = (stdout: string) => stdout.split('\n').filter((l) => l.includes('"kind":"correlation"')).length;
    const unbounded = sigstream(['run', ...rules, input]);
    const bounded = sigstream(['run', ...rules, '--max-future', '1h', input]);
    expect(bounded.status, bounded.stderr).toBe(0);
    expect(count(bounded.stdout)).toBeGreaterThan(count(unbounded.stdout) * 10);
    expect(unbounded.stderr).toMatch(/late [1-9]\d*, future 0,/);
    expect(bounded.stderr).toMatch(/late 0, future 1 \(clockless 1\),/);
  }, 60_000);
});
