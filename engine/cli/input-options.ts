/** The input flags `run` and `normalize` share, and the one way both report input problems. */
import type { CliIo } from './command.js';
import { formatDiagnostic, MAPPING_FAILURES, formatNames, readEvents, type EventStream, type ReadOptions, formatStats } from '../index.js';

export const inputOptionsUsage = `  -f, --format NAME   read every input as NAME: ${formatNames().join(', ')}
                      (default: sniffed per input; ndjson detects the JSON shape per input)
  -m, --map FILE      JSONata mapping from each JSON record to the normalized event
      --no-progress   no progress bar (it is only drawn when stderr is a terminal and stdout is not)
      --strict        exit 1 when any record or input was skipped
  -q, --quiet         no per-record diagnostics or per-input lines, only the final summary`;

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

export interface OpenOptions {
  merge?: ReadOptions['merge'];
  /** The command writes nothing on stdout while it reads (store ingest, publish): the bar may share a terminal with it. */
  stdoutUnused?: boolean;
}

export function openEventStream(inputs: string[], flags: InputFlags, io: CliIo, options: OpenOptions = {}): EventStream {
  // A person who forgot the input would otherwise wait on a silent terminal.
  const stdin = io.stdin as NodeJS.ReadableStream & { isTTY?: boolean };
  if ((inputs.length === 0 || inputs.includes('-')) && stdin.isTTY) io.stderr.write('sigstream: reading events from stdin (end with Ctrl-D; give files or directories as arguments)\n');
  // The bar redraws its line in place: with hits on the same terminal it would tear them, so it
  // is only drawn when stdout goes elsewhere (a file, a pipe) or carries nothing.
  const stdoutIsTerminal = !options.stdoutUnused && (io.stdout as NodeJS.WritableStream & { isTTY?: boolean }).isTTY === true;
  return readEvents(inputs, {
    format: flags.format,
    map: flags.map,
    progress: !flags['no-progress'] && !stdoutIsTerminal,
    stdin: io.stdin,
    stderr: io.stderr as NodeJS.WritableStream & { isTTY?: boolean },
    merge: options.merge,
  });
}

/** A skipped record or a warning: printed above the progress bar unless --quiet (input-level problems always). */
export function reportInputProblem(stream: EventStream, diagnostic: Parameters<typeof formatDiagnostic>[0], quiet: boolean | undefined): void {
  if (!quiet || stream.stats.problems.includes(diagnostic)) stream.log(`sigstream: ${formatDiagnostic(diagnostic)}`);
}

export function printInputStats(stream: EventStream, io: CliIo): void {
  io.stderr.write(formatStats(stream.stats).replace(/^/gm, 'sigstream: ') + '\n');
}

/** Exit status 2: the inputs could not be read as asked (a missing input, bad --format, a mapping that does not compile). */
export function inputUsageError(stream: EventStream): boolean {
  return stream.stats.problems.some((d) => MAPPING_FAILURES.has(d.code) || d.code === 'no-input' || d.where.file === '--format');
}
