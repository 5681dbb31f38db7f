/** Test helpers: inputs made from strings, and reading a reader's items into arrays. */
import { Readable } from 'node:stream';
import { PROVENANCE_KEY, type NormalizedEvent } from '../../engine/event.js';
import type { EventReader, InputSource, ReadItem } from '../../engine/events/reader.js';

/** An input whose bytes arrive in pieces of `chunk` bytes (to test chunk boundaries). */
export function sourceOf(name: string, content: string | Buffer, chunk = 64 * 1024): InputSource {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return {
    name,
    open: () => {
      const pieces: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += chunk) pieces.push(bytes.subarray(i, i + chunk));
      return Readable.from(pieces, { objectMode: false });
    },
  };
}

export async function readAll(reader: EventReader, source: InputSource): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of reader.read(source)) items.push(item);
  return items;
}

export function eventsOf(items: ReadItem[]): NormalizedEvent[] {
  return items.flatMap((item) => (item.kind === 'event' ? [item.event] : []));
}

/** Events without their provenance, for comparing what different formats yield. */
export function bare(events: NormalizedEvent[]): NormalizedEvent[] {
  return events.map((event) => {
    const copy = { ...event };
    delete copy[PROVENANCE_KEY];
    return copy;
  });
}

export function problemsOf(items: ReadItem[]): string[] {
  return items.flatMap((item) => (item.kind === 'event' ? [] : [`${item.kind} ${item.diagnostic.code} ${item.diagnostic.where.line ?? ''}:${item.diagnostic.where.col ?? ''}`]));
}

export { eventToXml } from '../../engine/testing/render-event.js';
