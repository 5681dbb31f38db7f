/**
 * Time order across inputs (`run` over several files; `--no-sort` turns it off): a k-way merge of
 * the inputs by event time (each input is usually in order by itself), then a bounded reorder window
 * for what is slightly out of order inside one input. Correlations then see one stream in event
 * time, as if the hosts had written one log. Memory: one pending item per input, plus at most
 * `maxBuffered` events in the window. Items that are not events (skips, warnings) pass at once.
 */
import { DeadlineHeap } from '../correlate/heap.js';
import { eventTimeMs } from '../event.js';
import type { ReadItem } from '../events/reader.js';

export interface TimeOrderOptions {
  /** An event may come this much (event time) after a later one and still be put in order. */
  windowMs?: number;
  /** Hard cap on events held in the window; past it the earliest leaves early. */
  maxBuffered?: number;
}

export const TIME_ORDER_DEFAULTS = { windowMs: 5_000, maxBuffered: 100_000 } as const;

interface Head {
  /** Event time of the item, or the last time seen in its input when it has none (it stays in place). */
  due: number;
  /** Input index (equal times keep input order: see TIE_SCALE). */
  input: number;
  item: ReadItem;
  source: AsyncIterator<ReadItem>;
}

/**
 * Ties of equal event time are broken inside `due` (the heap compares nothing else): a fraction of a
 * millisecond per input index or arrival number. 2^-11 ms still survives in a double next to an
 * epoch time in ms (about 2^41), and TIE_SLOTS of them stay below one millisecond.
 */
const TIE_SCALE = 2 ** -11;
const TIE_SLOTS = 2 ** 11;

async function* kWayMerge(inputs: Array<AsyncIterable<ReadItem>>): AsyncGenerator<ReadItem> {
  const heap = new DeadlineHeap<Head>();
  const lastTime: number[] = inputs.map(() => -Infinity);
  // Pull one input to its next event into the heap, passing on its skips and warnings.
  async function* advance(index: number, source: AsyncIterator<ReadItem>): AsyncGenerator<ReadItem> {
    for (;;) {
      const next = await source.next();
      if (next.done) return;
      if (next.value.kind !== 'event') {
        yield next.value;
        continue;
      }
      const ms = eventTimeMs(next.value.event);
      if (ms !== undefined) lastTime[index] = ms;
      heap.push({ due: lastTime[index] + Math.min(index, TIE_SLOTS - 1) * TIE_SCALE, input: index, item: next.value, source });
      return;
    }
  }
  const sources = inputs.map((input) => input[Symbol.asyncIterator]());
  for (let i = 0; i < sources.length; i++) yield* advance(i, sources[i]);
  for (let head = heap.pop(); head; head = heap.pop()) {
    yield head.item;
    yield* advance(head.input, head.source);
  }
}

interface Pending {
  due: number;
  item: ReadItem;
}

/**
 * Merge inputs by event time; within one input, events up to `windowMs` out of order are put right.
 * A single input is passed through as it is: there is nothing to merge, and its own order is kept.
 */
export async function* mergeByTime(inputs: Array<AsyncIterable<ReadItem>>, options: TimeOrderOptions = {}): AsyncGenerator<ReadItem> {
  if (inputs.length === 1) {
    yield* inputs[0];
    return;
  }
  const windowMs = options.windowMs ?? TIME_ORDER_DEFAULTS.windowMs;
  const maxBuffered = options.maxBuffered ?? TIME_ORDER_DEFAULTS.maxBuffered;
  const window = new DeadlineHeap<Pending>();
  let buffered = 0;
  let newest = -Infinity;
  let sequence = 0;
  for await (const item of kWayMerge(inputs)) {
    if (item.kind !== 'event') {
      yield item;
      continue;
    }
    const ms = eventTimeMs(item.event) ?? newest;
    newest = Math.max(newest, ms);
    window.push({ due: ms + (sequence++ % TIE_SLOTS) * TIE_SCALE, item });
    buffered++;
    for (let top = window.peek(); top && (top.due <= newest - windowMs || buffered > maxBuffered); top = window.peek()) {
      window.pop();
      buffered--;
      yield top.item;
    }
  }
  for (let top = window.pop(); top; top = window.pop()) yield top.item;
}
