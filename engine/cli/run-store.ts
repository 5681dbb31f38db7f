/** `run --store DB` (events from a store) and `run --to-store DB` (hits kept in a store): the wiring only. */
import type { CliIo } from './command.js';
import { formatDiagnostic, openEventStore, storeEventStream, type EventStore, type EventStream, type Hit, type HitWriter, type StoreQuery } from '../index.js';

/** Hits are appended to the store in batches of this many. */
const HIT_BATCH = 4096;

export interface RunStores {
  /** The event source when `--store` was given. */
  source?: EventStream;
  /** The writer, or with `--to-store` a writer that also keeps each hit in the store. */
  tee(writer: HitWriter): HitWriter;
  close(): Promise<void>;
}

/** `query`: the event filters the store applies itself (run still applies them all to what it reads). */
export async function openRunStores(from: string | undefined, to: string | undefined, inputs: string[], io: CliIo, query: StoreQuery = {}): Promise<RunStores | undefined> {
  if (from !== undefined && inputs.length > 0) {
    io.stderr.write('sigstream run: --store replaces inputs; give one or the other\n');
    return undefined;
  }
  const open = async (path: string, readOnly: boolean): Promise<EventStore | undefined> => {
    const opened = await openEventStore(path, { readOnly });
    if (opened.ok) return opened.store;
    io.stderr.write(`sigstream: ${formatDiagnostic(opened.diagnostic)}\n`);
    return undefined;
  };
  // One DuckDB file is opened once, whether it is read from, written to, or both.
  const source = from === undefined ? undefined : await open(from, to !== from);
  if (from !== undefined && !source) return undefined;
  const sink = to === undefined ? undefined : to === from ? source : await open(to, false);
  if (to !== undefined && !sink) {
    await source?.close();
    return undefined;
  }
  const pending: Hit[] = [];
  const flush = async () => {
    await sink?.addHits(pending.splice(0));
  };
  return {
    source: source && storeEventStream(source, query, io.stderr),
    tee(writer) {
      if (!sink) return writer;
      // No writeLines: a sharded run then hands over hit objects, which the store needs too.
      return {
        async write(hit) {
          await writer.write(hit);
          pending.push(hit);
          if (pending.length >= HIT_BATCH) await flush();
        },
        async end() {
          await flush();
          await writer.end();
        },
        flush: () => writer.flush?.(),
      };
    },
    async close() {
      await flush();
      await source?.close();
      if (sink !== source) await sink?.close();
    },
  };
}
