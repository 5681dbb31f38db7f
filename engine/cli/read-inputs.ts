/** Event inputs for the CLI: NDJSON files, or stdin for `-` / no input. */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { diagnostic } from '../diagnostics.js';
import { ndjsonReader } from '../events/ndjson.js';
import type { ReadItem } from '../events/reader.js';
import type { CliIo } from './command.js';

export async function* readInputs(inputs: string[], io: CliIo): AsyncGenerator<ReadItem> {
  const names = inputs.length === 0 ? ['-'] : inputs;
  for (const name of names) {
    const open = (): Readable => (name === '-' ? Readable.from(io.stdin) : createReadStream(name));
    try {
      yield* ndjsonReader.read({ name, open });
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      yield { kind: 'skip', diagnostic: diagnostic('error', 'unreadable-input', `cannot read input: ${reason}`, { file: name }) };
    }
  }
}
