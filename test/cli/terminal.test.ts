/**
 * A real terminal (issue 13 "Must show"): `run` in tmux, as a person runs it. Hits on the terminal
 * are whole (no progress bar tears them, wrap stays on), and a bar drawn while hits go to a file
 * leaves no remnant on the screen. tmux comes from scripts/ensure-apt-tool.sh (npm test runs it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/rules.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const socket = `sigstream-test-${process.pid}`;
const cli = resolve(repoRoot, 'dist/engine/cli/main.js');
const BAR_REMNANTS = /[░█]|\d+% \||MB \|/;

/**
 * Run a shell command in a fresh tmux pane 100 columns wide; the screen once it printed DONE.
 * `history`: with the scrollback, wrapped lines joined. Without it only the visible rows, since
 * tmux moves a screen cleared from the top into the history (scroll-on-clear), bar and all.
 */
function screen(command: string, history: boolean): string {
  const session = `s${Math.random().toString(36).slice(2, 8)}`;
  execFileSync('tmux', ['-L', socket, 'new-session', '-d', '-s', session, '-x', '100', '-y', '150', `cd ${repoRoot} && ${command}; echo DONE; sleep 60`]);
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const text = execFileSync('tmux', ['-L', socket, 'capture-pane', '-p', ...(history ? ['-J', '-S', '-5000'] : []), '-t', session], { encoding: 'utf8' });
      if (/^DONE$/m.test(text) || Date.now() > deadline) return text;
      spawnSync('sleep', ['0.3']);
    }
  } finally {
    spawnSync('tmux', ['-L', socket, 'kill-session', '-t', session]);
  }
}

describe.skipIf(!hasTmux)('run in a real terminal (tmux)', () => {
  it('hits on the terminal are whole JSON lines, with no bar remnants; wrap stays on after the run', { timeout: 180_000 }, () => {
    const longLine = 'x'.repeat(250);
    // High-level hits only: tmux keeps 2,000 rows of history, and each hit takes a dozen at 100 columns.
    const text = screen(`node ${cli} run -r rules --min-level high samples/demo.ndjson 2>/dev/null; echo ${longLine}`, true);
    const hits = text.split('\n').filter((line) => line.startsWith('{'));
    const expected = execFileSync('node', [cli, 'run', '-r', 'rules', '--min-level', 'high', 'samples/demo.ndjson'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n');
    expect(hits).toHaveLength(expected.length);
    for (const line of hits) expect(() => JSON.parse(line)).not.toThrow();
    expect(text).not.toMatch(BAR_REMNANTS);
    const raw = screen(`node ${cli} run -r rules samples/demo.ndjson >/dev/null 2>&1; echo ${longLine}`, false);
    // Wrap on: the 250 characters take three rows of 100 (with wrap off they would be cut to one).
    expect(raw).toMatch(/^x{100}$/m);
    expect(raw.match(/x+/g)?.join('')).toBe(longLine);
  });

  it('with hits going to a file the bar is drawn on stderr and cleared; the summary stays last', { timeout: 120_000 }, () => {
    const out = `${mkdtempSync('/tmp/sigstream-tty-')}/hits.ndjson`;
    const text = screen(`node ${cli} run -r rules samples/demo.ndjson samples/benign/baseline.ndjson > ${out}`, false);
    expect(text).not.toMatch(BAR_REMNANTS);
    // The one-line summary is last: it wraps at 100 columns, so look at what precedes DONE.
    expect(text.slice(0, text.indexOf('\nDONE'))).toMatch(/\nsigstream: rules loaded \d+[^\n]*\n[^\n]*ended by process exit 0$/);
    expect(readFileSync(out, 'utf8').trim().split('\n').length).toBeGreaterThan(0);
  });
});
