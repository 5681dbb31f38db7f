/** The input flags `run` and `normalize` share, and the one way both report input problems. */
import type { CliIo } from './command.js';
import { formatDiagnostic, MAPPING_FAILURES, formatNames, readEvents, type EventStream, formatStats } from '../index.js';

export const inputOptionsUsage = `  -f, --format NAME   read every input as NAME: ${formatNames().join(', ')}
                      (default: sniffed per input; ndjson detects the JSON shape per input)
  -m, --map FILE      JSONata mapping from each JSON record to the normalized event
      --no-progress   no progress bar (it is only drawn when stderr is a terminal)
      --strict        exit 1 when any record or input was skipped
  -q, --quiet         no per-record diagnostics, only the summary`;

export const inputOptions = {
  format: { type: 'string', short: 'f' },
  map: { type: 'string', short: 'm' },
  'no-progress': { type: 'boolean', default: false },
  strict: { type: 'boolean', default: false },
  quiet: { type: 'boolean', short: 'q', default: false },
} as const;

export interface InputFlags {
  format?: string;
  map?: string;
  'no-progress'?: boolean;
  quiet?: boolean;
}

export function openEventStream(inputs: string[], flags: InputFlags, io: CliIo): EventStream {
  return readEvents(inputs, {
    format: flags.format,
    map: flags.map,
    progress: !flags['no-progress'],
    stdin: io.stdin,
    stderr: io.stderr as NodeJS.WritableStream & { isTTY?: boolean },
  });
}

/** A skipped record or a warning: printed above the progress bar unless --quiet (input-level problems always). */
export function reportInputProblem(stream: EventStream, diagnostic: Parameters<typeof formatDiagnostic>[0], quiet: boolean | undefined): void {
  if (!quiet || stream.stats.problems.includes(diagnostic)) stream.log(`sigstream: ${formatDiagnostic(diagnostic)}`);
}

export function printInputStats(stream: EventStream, io: CliIo): void {
  io.stderr.write(formatStats(stream.stats).replace(/^/gm, 'sigstream: ') + '\n');
}

/** Exit status 2: the inputs could not be read as asked (bad --format, a mapping that does not compile). */
export function inputUsageError(stream: EventStream): boolean {
  return stream.stats.problems.some((d) => MAPPING_FAILURES.has(d.code) || d.where.file === '--format');
}
