/**
 * `report` and `stats` over the bench stream (issue 15), each as a ratio to `run` over the same
 * stream with the same rules, measured here in the same way: the built CLI in a child process, wall
 * time and peak RSS from the child, output size in bytes. The bench stream is written by bench/run.ts.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const cli = path.join(repoRoot, 'dist/engine/cli/main.js');

export interface VerbResult {
  seconds: number;
  peakRssMb: number;
  outputBytes: number;
}

/** The built CLI in a child process: wall time, the child's peak RSS, and the size of what it wrote. */
export function time(args: string[], outFile: string, redirect: boolean): VerbResult {
  // The child reports its own peak RSS from an exit hook (no /usr/bin/time needed).
  const hook = "process.on('exit',()=>process.stderr.write('BENCH_RSS '+process.resourceUsage().maxRSS+'\\n'))";
  const out = openSync(redirect ? outFile : '/dev/null', 'w');
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--max-semi-space-size=32', '--import', `data:text/javascript,${encodeURIComponent(hook)}`, cli, ...args], {
    stdio: ['ignore', out, 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const seconds = (performance.now() - started) / 1000;
  closeSync(out);
  if (child.status !== 0) throw new Error(`bench ${args[0]} failed: ${child.stderr.slice(-2000)}`);
  const rss = /BENCH_RSS (\d+)/.exec(child.stderr);
  return { seconds, peakRssMb: rss ? Number(rss[1]) / 1024 : NaN, outputBytes: statSync(outFile).size };
}

function best(runs: VerbResult[]): VerbResult {
  return runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
}

export async function bench(ctx: { sharedDir: string | undefined }): Promise<Record<string, unknown>> {
  const input = path.join(repoRoot, 'bench/out/synthetic.ndjson');
  if (!existsSync(input)) return { skipped: 'bench/out/synthetic.ndjson is missing (bench/run.ts writes it)' };
  const sigmahq = ctx.sharedDir && path.join(ctx.sharedDir, 'sigmahq/rules');
  const rules = sigmahq && existsSync(sigmahq) ? sigmahq : path.join(repoRoot, 'rules');
  const dir = mkdtempSync(path.join(tmpdir(), 'sigstream-bench-investigate-'));
  const RUNS = 2;
  try {
    const measure = (name: string, args: string[], redirect: boolean) =>
      best(Array.from({ length: RUNS }, () => time(args, path.join(dir, name), redirect)));
    const run = measure('run.ndjson', ['run', '-q', '--no-progress', '-r', rules, input], true);
    const stats = measure('stats.json', ['stats', '-q', '--no-progress', '--json', input], true);
    const report = measure('report.html', ['report', '-q', '--no-progress', '-r', rules, '-o', path.join(dir, 'report.html'), input], false);
    const ratio = (r: VerbResult) => ({ time: r.seconds / run.seconds, size: r.outputBytes / run.outputBytes, peakRss: r.peakRssMb / run.peakRssMb });
    return {
      input: path.relative(repoRoot, input),
      rules,
      runsEach: RUNS,
      run,
      stats,
      report,
      ratiosToRun: { stats: ratio(stats), report: ratio(report) },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
