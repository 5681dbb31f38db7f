/**
 * JSON events: NDJSON and concatenated (pretty-printed) JSON objects, in any of the registered
 * shapes (json-shapes/). The shape is detected from each input's first record unless the reader
 * was made for one shape (`--format flat|evtx-json|ecs`) or a user's JSONata map.
 */
import { diagnostic, type Location } from '../diagnostics.js';
import { PROVENANCE_KEY, type NormalizedEvent } from './event.js';
import { readJsonRecords } from './json-records.js';
import { detectShape, type JsonShape, type ShapeResult } from './json-shapes/index.js';
import { isObject } from './json-shapes/shape.js';
import type { EventReader, InputSource, ReadItem } from './reader.js';

/** `{` or `[` first, or evtx_dump's `Record 1` line before its first object. */
function looksLikeJson(head: Buffer): boolean {
  const text = head.toString('utf8', 0, Math.min(head.length, 256)).replace(/^\uFEFF/, '').trimStart();
  return text.startsWith('{') || text.startsWith('[') || /^Record \d+\s*[{[]/.test(text);
}

/**
 * A JSON reader. With `shape`, every record is read as that shape; without, each input's shape is
 * detected from its first record. `sniffs` is false for the fixed-shape readers: auto-detection
 * goes through the detecting reader, which finds the shape itself.
 */
export function jsonReader(format: string, shape?: JsonShape): EventReader {
  return {
    format,
    sniff: (head) => shape === undefined && looksLikeJson(head),
    async *read(source: InputSource): AsyncGenerator<ReadItem> {
      let current = shape;
      for await (const record of readJsonRecords(source.open())) {
        const where: Location = { file: source.name, line: record.line };
        if (record.kind === 'error') {
          yield { kind: 'skip', diagnostic: diagnostic('error', record.code, record.message, { ...where, col: record.col }) };
          continue;
        }
        if (record.record !== undefined) where.record = record.record;
        if (!isObject(record.value)) {
          yield { kind: 'skip', diagnostic: diagnostic('error', 'not-an-object', `JSON ${Array.isArray(record.value) ? 'array' : typeof record.value} is not an event object; skipped`, where) };
          continue;
        }
        current ??= detectShape(record.value);
        let result: ShapeResult | Promise<ShapeResult> = current.toEvent(record.value);
        if (result instanceof Promise) result = await result;
        if (typeof result === 'string') {
          yield { kind: 'skip', diagnostic: diagnostic('error', current.errorCode ?? 'bad-record', `${current.name}: ${result}; skipped`, where) };
          continue;
        }
        const event: NormalizedEvent = result;
        event[PROVENANCE_KEY] = { input: source.name, line: record.line, ...(record.record !== undefined ? { record: record.record } : {}) };
        yield { kind: 'event', event };
      }
    },
  };
}

/** NDJSON with the shape detected per input: the reader format sniffing picks for JSON. */
export const ndjsonReader: EventReader = jsonReader('ndjson');
