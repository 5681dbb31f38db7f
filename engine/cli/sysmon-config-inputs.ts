/**
 * Events for the sysmon-config commands, through the shared input reader (every format, sniffed
 * per input): unreadable records are reported on stderr with their location and counted.
 */
import type { CliIo } from './command.js';
import { openEventStream, reportInputProblem } from './input-options.js';
import { type NormalizedEvent } from '../index.js';

export interface InputStats {
  skipped: number;
}

export async function* eventsFromInputs(names: string[], io: CliIo, stats: InputStats): AsyncGenerator<NormalizedEvent> {
  const stream = openEventStream(names, { 'no-progress': true }, io);
  for await (const item of stream) {
    if (item.kind === 'event') yield item.event;
    else {
      if (item.kind === 'skip') stats.skipped += item.records ?? 1;
      reportInputProblem(stream, item.diagnostic, false);
    }
  }
  stats.skipped += stream.stats.problems.filter((d) => d.severity === 'error').length;
}
