/** Run the built CLI (dist/) as a user would, with stdin and captured output. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { repoRoot } from './rules.js';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function sigstream(args: string[], input = ''): CliResult {
  const out = spawnSync('node', [resolve(repoRoot, 'dist/engine/cli/main.js'), ...args], { cwd: repoRoot, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
}
