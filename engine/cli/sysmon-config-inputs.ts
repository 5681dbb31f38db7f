/**
 * Events for the sysmon-config commands, from the shared CLI input reader: unreadable records
 * are reported on stderr with their location and counted, never fatal.
 */
import { formatDiagnostic } from '../diagnostics.js';
import type { NormalizedEvent } from '../events/event.js';
import type { CliIo } from './command.js';
import { readInputs } from './read-inputs.js';

export interface InputStats {
  skipped: number;
}

export async function* eventsFromInputs(names: string[], io: CliIo, stats: InputStats): AsyncGenerator<NormalizedEvent> {
  try {
    for await (const item of readInputs(names, io)) {
      if (item.kind === 'event') {
        yield item.event;
      } else {
        stats.skipped++;
        io.stderr.write(formatDiagnostic(item.diagnostic) + '\n');
      }
    }
  } catch (err) {
    // An input that cannot be opened (missing file) ends the stream; say so instead of crashing.
    stats.skipped++;
    io.stderr.write(`sysmon-config: error: cannot read input: ${(err as Error).message} [input-read]\n`);
  }
}
