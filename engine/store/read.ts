/**
 * Stored events as an event stream, the same shape `readEvents` gives for files, so `run --store`
 * and the investigation verbs read a store exactly as they read inputs (one input named `store:PATH`).
 */
import type { NormalizedEvent } from '../event.js';
import type { EventStream } from '../events/read-events.js';
import { count, emptyStats, inputStats } from '../events/read-stats.js';
import type { ReadItem } from '../events/reader.js';
import type { EventStore, StoreQuery } from './event-store.js';

export function storeEventStream(store: EventStore, query: StoreQuery = {}, stderr: NodeJS.WritableStream = process.stderr): EventStream {
  const stats = emptyStats();
  async function* items(): AsyncGenerator<ReadItem> {
    const counts = inputStats(stats, `store:${store.path}`, 'store');
    for await (const event of store.events(query) as AsyncIterable<NormalizedEvent>) {
      const item: ReadItem = { kind: 'event', event };
      count(stats, counts, item);
      yield item;
    }
  }
  const iterator = items();
  return {
    stats,
    log: (text) => stderr.write(text.endsWith('\n') ? text : text + '\n'),
    [Symbol.asyncIterator]: () => iterator,
  };
}
