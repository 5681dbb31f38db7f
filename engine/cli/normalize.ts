/** `sigstream normalize`: read inputs of any supported format, write normalized events as NDJSON. */
import { parseArgs } from 'node:util';
import { formatDiagnostic } from '../diagnostics.js';
import { PROVENANCE_KEY } from '../events/event.js';
import { formatNames } from '../events/formats.js';
import { readEvents } from '../events/read-events.js';
import { formatStats } from '../events/read-stats.js';
import type { CliCommand, CliIo } from './command.js';

const usage = `usage: sigstream normalize [options] [input ...]

Reads events from files, directories (recursive), globs, gzip files or stdin ('-' or no input),
in any supported format, and writes each as one normalized JSON object per line to stdout.
The format of each input is sniffed from its first bytes unless --format names it.
Diagnostics (skipped records with input:line:col) and a per-input summary go to stderr.

options:
  -f, --format NAME   read every input as NAME: ${formatNames().join(', ')}
                      (ndjson detects the JSON shape per input; flat, evtx-json, ecs force one)
  -m, --map FILE      JSONata mapping from each JSON record to the normalized event
      --provenance    keep the '${PROVENANCE_KEY}' field (input, line, record) on each event
      --no-progress   no progress bar (it is only drawn when stderr is a terminal)
      --strict        exit 1 when any record or input was skipped
  -q, --quiet         no per-record diagnostics, only the summary
`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f' },
      map: { type: 'string', short: 'm' },
      provenance: { type: 'boolean', default: false },
      'no-progress': { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      quiet: { type: 'boolean', short: 'q', default: false },
    },
  });
  const stream = readEvents(positionals, {
    format: values.format,
    map: values.map,
    progress: !values['no-progress'],
    stdin: io.stdin,
    stderr: io.stderr as NodeJS.WritableStream & { isTTY?: boolean },
  });
  for await (const item of stream) {
    if (item.kind === 'event') {
      if (!values.provenance) delete item.event[PROVENANCE_KEY];
      if (!io.stdout.write(JSON.stringify(item.event) + '\n')) await new Promise((resolve) => io.stdout.once('drain', resolve));
    } else if (!values.quiet || stream.stats.problems.includes(item.diagnostic)) {
      stream.log(`sigstream: ${formatDiagnostic(item.diagnostic)}`);
    }
  }
  io.stderr.write(formatStats(stream.stats).replace(/^/gm, 'sigstream: ') + '\n');
  const { stats } = stream;
  if (stats.problems.some((d) => d.code === 'map-syntax' || d.code === 'map-unreadable' || d.where.file === '--format')) return 2;
  if (values.strict && (stats.skipped > 0 || stats.problems.length > 0)) return 1;
  return 0;
}

export const normalizeCommand: CliCommand = { summary: 'read events of any input format, write them normalized as NDJSON', usage, run };
