/** `sigstream normalize`: read inputs of any supported format, write normalized events as NDJSON. */
import { parseCommandArgs } from './args.js';
import type { CliCommand, CliIo } from './command.js';
import { inputOptions, inputOptionsUsage, inputUsageError, openEventStream, printInputStats, reportInputProblem } from './input-options.js';
import { PROVENANCE_KEY } from '../index.js';

const usage = `usage: sigstream normalize [options] [input ...]

Reads events from files, directories (recursive), globs, gzip files or stdin ('-' or no input),
in any supported format, and writes each as one normalized JSON object per line to stdout.
The format of each input is sniffed from its first bytes unless --format names it.
Diagnostics (skipped records with input:line:col) and a per-input summary go to stderr.

options:
      --provenance    keep the '${PROVENANCE_KEY}' field (input, line, record) on each event
${inputOptionsUsage}
`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { ...inputOptions, provenance: { type: 'boolean', default: false } });
  const stream = openEventStream(positionals, values, io);
  for await (const item of stream) {
    if (item.kind === 'event') {
      if (!values.provenance) delete item.event[PROVENANCE_KEY];
      if (!io.stdout.write(JSON.stringify(item.event) + '\n')) await new Promise((resolve) => io.stdout.once('drain', resolve));
    } else reportInputProblem(stream, item.diagnostic, values.quiet);
  }
  printInputStats(stream, io);
  const { stats } = stream;
  if (inputUsageError(stream)) return 2;
  if (values.strict && (stats.skipped > 0 || stats.problems.length > 0)) return 1;
  return 0;
}

export const normalizeCommand: CliCommand = { summary: 'read events of any input format, write them normalized as NDJSON', usage, run };
