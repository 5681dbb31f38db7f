/**
 * The investigation verbs' event source: the inputs' events, past the event filters
 * (`--eventid --computer --since --until`), as a plain async iterable, with each skipped record
 * reported as `run` reports it. The library verbs take any async iterable of events, so another
 * source (a store) plugs in here without touching them.
 */
import type { CliIo } from './command.js';
import { eventFilterFromFlags, leftOutText } from './filter-options.js';
import { openEventStream, reportInputProblem, type InputFlags } from './input-options.js';
import { createEventFilter, type EventFilter, type EventStream, type NormalizedEvent } from '../index.js';

export interface EventSource {
  events: AsyncIterable<NormalizedEvent>;
  stream: EventStream;
  filter: EventFilter;
  /** `, events left out: since 12` when a filter left events out, else empty. */
  leftOut(): string;
}

export function openEventSource(inputs: string[], flags: InputFlags & Parameters<typeof eventFilterFromFlags>[0], io: CliIo): EventSource {
  const filter = createEventFilter(eventFilterFromFlags(flags));
  const stream = openEventStream(inputs, flags, io);
  async function* events(): AsyncGenerator<NormalizedEvent> {
    for await (const item of stream) {
      if (item.kind !== 'event') reportInputProblem(stream, item.diagnostic, flags.quiet);
      else if (!filter.active || filter.keep(item.event)) yield item.event;
    }
  }
  const leftOut = () => {
    const text = leftOutText(filter.leftOut);
    return text ? `, events left out: ${text}` : '';
  };
  return { events: events(), stream, filter, leftOut };
}
