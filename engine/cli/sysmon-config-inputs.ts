/**
 * Events from the files named on a sysmon-config command line (`-` is stdin), through the NDJSON
 * reader; unreadable lines are reported on stderr with their location and counted, not fatal.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { formatDiagnostic } from '../diagnostics.js';
import type { NormalizedEvent } from '../events/event.js';
import { ndjsonReader } from '../events/ndjson.js';
import type { InputSource } from '../events/reader.js';
import type { CliIo } from './command.js';

export interface InputStats {
  skipped: number;
}

function source(name: string, io: CliIo): InputSource {
  return { name, open: () => (name === '-' ? Readable.from(io.stdin as AsyncIterable<Buffer>) : createReadStream(name)) };
}

export async function* readInputs(names: string[], io: CliIo, stats: InputStats): AsyncGenerator<NormalizedEvent> {
  for (const name of names.length > 0 ? names : ['-']) {
    try {
      for await (const item of ndjsonReader.read(source(name, io))) {
        if (item.kind === 'event') {
          yield item.event;
        } else {
          stats.skipped++;
          io.stderr.write(formatDiagnostic(item.diagnostic) + '\n');
        }
      }
    } catch (err) {
      stats.skipped++;
      io.stderr.write(`${name}: error: cannot read input: ${(err as Error).message} [input-read]\n`);
    }
  }
}
