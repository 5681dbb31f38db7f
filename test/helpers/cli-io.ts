/** Run a CLI command in-process with captured stdout/stderr. */
import { PassThrough, Readable } from 'node:stream';
import type { CliCommand } from '../../engine/cli/command.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(command: CliCommand, argv: string[], stdin = ''): Promise<CliRun> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  err.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await command.run(argv, { stdout: out, stderr: err, stdin: Readable.from([stdin]) });
  return { code, stdout, stderr };
}
