/** Run a CLI command in-process with captured stdout/stderr. */
import { PassThrough, Readable } from 'node:stream';
import type { CliCommand, CliIo } from '../../engine/cli/command.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `body` with captured stdout and stderr streams and the given stdin text. */
async function captured(stdin: string, body: (io: CliIo) => Promise<number>): Promise<CliRun> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  err.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await body({ stdout: out, stderr: err, stdin: Readable.from([stdin]) });
  return { code, stdout, stderr };
}

export async function runCli(command: CliCommand, argv: string[], stdin = ''): Promise<CliRun> {
  return captured(stdin, (io) => command.run(argv, io));
}

/** The whole CLI (`sigstream ARGV`) in-process, with environment variables set for the run. */
export async function runMain(argv: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  const { main } = await import('../../engine/cli/dispatch.js');
  const saved = Object.fromEntries(Object.keys(options.env ?? {}).map((k) => [k, process.env[k]]));
  Object.assign(process.env, options.env);
  try {
    return await captured(options.stdin ?? '', (io) => main(argv, io));
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
