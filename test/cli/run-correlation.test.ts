/** `sigstream run` with correlations and sequences: the wget sample, and --state across two runs (signals saving the state: run-checkpoint.test.ts). */
import { mkdtempSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli-io.js';

const events = readFileSync('samples/linux-wget.ndjson', 'utf8').trim().split('\n');
const correlationHits = (stdout: string) =>
  stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { kind: string; time: string; computer: string }).filter((h) => h.kind === 'correlation');

describe('sigstream run with sequences', () => {
  it('fires the wget download → connect sequence of the bundled sample', async () => {
    const r = await runMain(['run', '-r', 'rules/linux/seq_lnx_wget_download_connect.yml', 'samples/linux-wget.ndjson']);
    expect(r.code).toBe(0);
    expect(correlationHits(r.stdout).map((h) => [h.computer, h.time])).toEqual([
      ['web01', '2026-11-20T10:00:02.300Z'],
      ['db01', '2026-11-20T10:02:29.900Z'],
    ]);
    expect(r.stderr).toMatch(/hits 2 \(2 correlation\); late 0, future 0, evicted 0/);
  });

  it('--state: a stream stopped halfway and restarted gives the same hits as one uninterrupted run', async () => {
    const dir = mkdtempSync('/tmp/sigstream-state-');
    const rule = 'rules/linux/seq_lnx_wget_download_connect.yml';
    const whole = correlationHits((await runMain(['run', '-r', rule], { stdin: events.join('\n') })).stdout);
    for (const cut of [3, Math.floor(events.length / 2), events.length - 4]) {
      const state = `${dir}/state-${cut}.json`;
      const first = await runMain(['run', '-r', rule, '--state', state], { stdin: events.slice(0, cut).join('\n') });
      // The last run of the series decides what is still pending, as an uninterrupted run does at its end.
      const second = await runMain(['run', '-r', rule, '--state', state, '--finish'], { stdin: events.slice(cut).join('\n') + '\n' });
      expect(first.code).toBe(0);
      expect(second.code).toBe(0);
      const resumed = [...correlationHits(first.stdout), ...correlationHits(second.stdout)];
      expect(resumed.map((h) => h.time)).toEqual(whole.map((h) => h.time));
    }
  });

  it('rejects a bad --max-delay', async () => {
    const r = await runMain(['run', '-r', 'rules', '--max-delay', 'soon'], { stdin: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--max-delay: 'soon' is not a duration/);
  });
});
