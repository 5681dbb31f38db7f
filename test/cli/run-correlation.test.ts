/** `sigstream run` with correlations and sequences: the wget sample, and --state across two runs. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sigstream } from '../helpers/cli.js';

const events = readFileSync('samples/linux-wget.ndjson', 'utf8').trim().split('\n');
const correlationHits = (stdout: string) =>
  stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { kind: string; time: string; computer: string }).filter((h) => h.kind === 'correlation');

describe('sigstream run with sequences', () => {
  it('fires the wget download → connect sequence of the bundled sample', () => {
    const r = sigstream(['run', '-r', 'rules/linux/seq_lnx_wget_download_connect.yml', 'samples/linux-wget.ndjson']);
    expect(r.status).toBe(0);
    expect(correlationHits(r.stdout).map((h) => [h.computer, h.time])).toEqual([
      ['web01', '2026-11-20T10:00:02.300Z'],
      ['db01', '2026-11-20T10:02:29.900Z'],
    ]);
    expect(r.stderr).toMatch(/hits 2 \(2 correlation\); late 0, future 0, evicted 0/);
  });

  it('--state: a stream stopped halfway and restarted gives the same hits as one uninterrupted run', () => {
    const dir = mkdtempSync('/tmp/sigstream-state-');
    const rule = 'rules/linux/seq_lnx_wget_download_connect.yml';
    const whole = correlationHits(sigstream(['run', '-r', rule], events.join('\n')).stdout);
    for (const cut of [3, Math.floor(events.length / 2), events.length - 4]) {
      const state = `${dir}/state-${cut}.json`;
      const first = sigstream(['run', '-r', rule, '--state', state], events.slice(0, cut).join('\n'));
      // The last run of the series decides what is still pending, as an uninterrupted run does at its end.
      const second = sigstream(['run', '-r', rule, '--state', state, '--finish'], events.slice(cut).join('\n') + '\n');
      expect(first.status).toBe(0);
      expect(second.status).toBe(0);
      const resumed = [...correlationHits(first.stdout), ...correlationHits(second.stdout)];
      expect(resumed.map((h) => h.time)).toEqual(whole.map((h) => h.time));
    }
  });

  it('rejects a bad --max-delay', () => {
    const r = sigstream(['run', '-r', 'rules', '--max-delay', 'soon'], '');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--max-delay: 'soon' is not a duration/);
  });
});

describe('sigstream run --state on SIGTERM', () => {
  it('saves the correlation state when terminated mid-stream', async () => {
    const { spawn } = await import('node:child_process');
    const { existsSync } = await import('node:fs');
    const state = `${mkdtempSync('/tmp/sigstream-term-')}/state.json`;
    const child = spawn('node', ['dist/engine/cli/main.js', 'run', '-r', 'rules/linux/seq_lnx_wget_download_connect.yml', '--state', state], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Feed the events and keep stdin open, as a live stream would; signal once the first hit shows
    // they are being processed (a fixed wait loses the race on a loaded machine).
    child.stdin.write(events.join('\n') + '\n');
    await new Promise((r) => child.stdout.once('data', r));
    child.kill('SIGTERM');
    const code = await new Promise((r) => child.on('exit', (c, signal) => r(c ?? signal)));
    expect(code, stderr).toBe(143);
    expect(existsSync(state)).toBe(true);
    expect(JSON.parse(readFileSync(state, 'utf8'))).toBeTypeOf('object');
  });
});
