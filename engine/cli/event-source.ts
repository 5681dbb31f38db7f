/**
 * The investigation verbs' event source: the inputs' events as a plain async iterable, with each
 * skipped record reported as `run` reports it. The library verbs take any async iterable of events,
 * so another source (a store) plugs in here without touching them.
 */
import type { CliIo } from './command.js';
import { openEventStream, reportInputProblem, type InputFlags } from './input-options.js';
import type { EventStream, NormalizedEvent } from '../index.js';

export interface EventSource {
  events: AsyncIterable<NormalizedEvent>;
  stream: EventStream;
}

export function openEventSource(inputs: string[], flags: InputFlags, io: CliIo): EventSource {
  const stream = openEventStream(inputs, flags, io);
  async function* events(): AsyncGenerator<NormalizedEvent> {
    for await (const item of stream) {
      if (item.kind === 'event') yield item.event;
      else reportInputProblem(stream, item.diagnostic, flags.quiet);
    }
  }
  return { events: events(), stream };
}
