/**
 * Files, directories, globs and stdin read once to their end (the plain `run`), as a source: the
 * read items in batches on partition 0. A finished file has no position worth keeping: a run over
 * the same files with `--state` reads them again.
 */
import { readEvents, type EventStream, type ReadOptions } from '../events/read-events.js';
import type { ReadItem } from '../events/reader.js';
import { BATCH_ITEMS, type EventSource, type SourceBatch } from './source.js';

export function filesSource(specs: readonly string[], options: ReadOptions = {}): EventSource & { stream: EventStream } {
  const stream = readEvents(specs, options);
  let stopped = false;
  async function* batches(): AsyncGenerator<SourceBatch> {
    let items: ReadItem[] = [];
    for await (const item of stream) {
      items.push(item);
      if (items.length >= BATCH_ITEMS) {
        yield { partition: 0, items, position: undefined };
        items = [];
      }
      if (stopped) return;
    }
    if (items.length > 0) yield { partition: 0, items, position: undefined };
    yield { partition: 0, items: [], position: undefined, end: true };
  }
  return {
    partitions: [0],
    open: () => batches(),
    stop: () => {
      stopped = true;
    },
    stats: stream.stats,
    stream,
  };
}
