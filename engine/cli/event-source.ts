/**
 * The investigation verbs' event source: the inputs' events, past the event filters
 * (`--eventid --computer --since --until`), as a plain async iterable, with each skipped record
 * reported as `run` reports it. The library verbs take any async iterable of events: with
 * `--store DB` the events come from an event store instead, the event filters pushed down into its
 * query (and still applied here, so globbed host names filter exactly as on files).
 */
import type { CliIo } from './command.js';
import { eventFilterFromFlags, leftOutText } from './filter-options.js';
import { inputOptions, inputOptionsUsage, openEventStream, reportInputProblem, type InputFlags } from './input-options.js';
import { UsageError } from './args.js';
import { createEventFilter, formatDiagnostic, openEventStore, storeEventStream, type EventFilter, type EventFilterOptions, type EventStore, type EventStream, type NormalizedEvent, type StoreCondition, type StoreQuery } from '../index.js';

/** The input flags of the investigation verbs: those of every reader, and `--store`. */
export const sourceOptions = { ...inputOptions, store: { type: 'string' } } as const;
export const sourceOptionsUsage = `      --store DB      read events from an event store (sigstream store) instead of inputs
${inputOptionsUsage}`;

/** The event filters a store query can apply itself: exact host names (globs stay with the filter). */
export function storeQuery(filter: EventFilterOptions): StoreQuery {
  const computers = filter.computers?.every((c) => !c.includes('*')) ? filter.computers : undefined;
  return { sinceMs: filter.sinceMs, untilMs: filter.untilMs, eventIds: filter.eventIds, computers };
}

/** True when the store query applies every event filter itself (no host glob left for the filter). */
export function storeQueryIsExact(filter: EventFilterOptions): boolean {
  return !filter.computers?.some((c) => c.includes('*'));
}

/** `--store DB` opened for reading; a store that cannot be opened is a usage error that says why. */
export async function openReadStore(path: string, inputs: string[]): Promise<EventStore> {
  if (inputs.length > 0) throw new UsageError('--store replaces inputs; give one or the other');
  const opened = await openEventStore(path, { readOnly: true });
  if (!opened.ok) throw new UsageError(formatDiagnostic(opened.diagnostic));
  return opened.store;
}

export interface EventSource {
  events: AsyncIterable<NormalizedEvent>;
  stream: EventStream;
  filter: EventFilter;
  /** `, events left out: since 12` when a filter left events out, else empty. */
  leftOut(): string;
}

/** `match`: what the verb itself selects (a search's criteria), pushed into the store query too. */
export async function openEventSource(
  inputs: string[],
  flags: InputFlags & { store?: string } & Parameters<typeof eventFilterFromFlags>[0],
  io: CliIo,
  match?: StoreCondition,
): Promise<EventSource> {
  const filterOptions = eventFilterFromFlags(flags);
  const filter = createEventFilter(filterOptions);
  const store = flags.store === undefined ? undefined : await openReadStore(flags.store, inputs);
  const stream = store ? storeEventStream(store, { ...storeQuery(filterOptions), match }, io.stderr) : openEventStream(inputs, flags, io);
  async function* events(): AsyncGenerator<NormalizedEvent> {
    try {
      for await (const item of stream) {
        if (item.kind !== 'event') reportInputProblem(stream, item.diagnostic, flags.quiet);
        else if (!filter.active || filter.keep(item.event)) yield item.event;
      }
    } finally {
      await store?.close();
    }
  }
  const leftOut = () => {
    const text = leftOutText(filter.leftOut);
    return text ? `, events left out: ${text}` : '';
  };
  return { events: events(), stream, filter, leftOut };
}
