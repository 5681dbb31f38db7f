/**
 * Events of the benign corpus: each input read with the NDJSON reader, skipped records reported
 * through `onSkip` (located) and never stopping the stream.
 */
import { createReadStream } from 'node:fs';
import type { Diagnostic } from '../diagnostics.js';
import type { NormalizedEvent } from '../events/event.js';
import { ndjsonReader } from '../events/ndjson.js';

export async function* readInputEvents(inputs: readonly string[], onSkip: (d: Diagnostic) => void): AsyncGenerator<NormalizedEvent> {
  for (const input of inputs) {
    for await (const item of ndjsonReader.read({ name: input, open: () => createReadStream(input) })) {
      if (item.kind === 'event') yield item.event;
      else onSkip(item.diagnostic);
    }
  }
}
