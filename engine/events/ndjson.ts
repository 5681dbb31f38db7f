/**
 * JSON events: NDJSON and concatenated (pretty-printed) JSON objects, in any of the registered
 * shapes (json-shapes/). The shape is detected from each input's first record unless the reader
 * was made for one shape (`--format flat|evtx-json|ecs`) or a user's JSONata map.
 */
import { diagnostic, type Diagnostic, type Location } from '../diagnostics.js';
import { PROVENANCE_KEY, provenanceOf, type NormalizedEvent, type Provenance } from '../event.js';
import { JsonFramer, type JsonRecord } from './json-records.js';
import { readLineBatches } from './lines.js';
import { detectShape, type JsonShape, type ShapeResult } from './json-shapes/index.js';
import { exceededLimit, isObject, MAX_RECORD_DEPTH } from './json-shapes/shape.js';
import type { EventReader, InputSource, ReadItem } from './reader.js';

/** `{` or `[` first, or evtx_dump's `Record 1` line before its first object. */
function looksLikeJson(head: Buffer): boolean {
  const text = head.toString('utf8', 0, Math.min(head.length, 256)).replace(/^\uFEFF/, '').trimStart();
  return text.startsWith('{') || text.startsWith('[') || /^Record \d+\s*[{[]/.test(text);
}

function locate(provenance: Provenance): Location {
  return { file: provenance.input, line: provenance.line, record: provenance.record };
}

/**
 * What one framed record gives: its event (with its provenance), a skip, or null when the shape
 * ignores it (no event in it). `shapeOf` picks the shape for a record (fixed, or detected from the
 * input's first record); warnings go to `warn`. Synchronous unless the shape is (a JSONata map).
 * Without an `input` (lines handed over without a place), the event carries no provenance.
 */
export function recordOutcome(
  record: JsonRecord,
  input: string | undefined,
  shapeOf: (value: Record<string, unknown>) => JsonShape,
  warn: (warning: Diagnostic) => void,
): ReadItem | null | Promise<ReadItem | null> {
  const file = input ?? UNPLACED;
  if (record.kind === 'error') return { kind: 'skip', diagnostic: diagnostic('error', record.code, record.message, { file, line: record.line, col: record.col }) };
  const provenance: Provenance = record.record === undefined ? { input: file, line: record.line } : { input: file, line: record.line, record: record.record };
  if (!isObject(record.value)) {
    const what = `JSON ${record.multiline ? 'value' : 'line'} is not an object (${Array.isArray(record.value) ? 'an array' : typeof record.value}); skipped`;
    return { kind: 'skip', diagnostic: diagnostic('error', 'not-an-object', what, { ...locate(provenance), col: record.col }) };
  }
  if (exceededLimit(record.value, { depth: MAX_RECORD_DEPTH }) !== undefined) {
    return { kind: 'skip', diagnostic: diagnostic('error', 'too-deep', `JSON record nests objects or arrays more than ${MAX_RECORD_DEPTH} deep; skipped`, { ...locate(provenance), col: record.col }) };
  }
  const shape = shapeOf(record.value);
  const result = shape.toEvent(record.value, (code, message) => warn(diagnostic('warning', code, message, locate(provenance))));
  const placed = input !== undefined;
  return result instanceof Promise ? result.then((r) => shapeOutcome(r, shape, provenance, placed)) : shapeOutcome(result, shape, provenance, placed);
}

/** The input name diagnostics give for lines handed over without one. */
const UNPLACED = '<line>';

function shapeOutcome(result: ShapeResult, shape: JsonShape, provenance: Provenance, placed: boolean): ReadItem | null {
  if (result === null) return null;
  if (typeof result === 'string') return { kind: 'skip', diagnostic: diagnostic('error', shape.errorCode ?? 'bad-record', `${shape.name}: ${result}; skipped`, locate(provenance)) };
  const event: NormalizedEvent = result;
  // A shape that salvaged a cut event marks it; the place is the reader's to give.
  if (placed) event[PROVENANCE_KEY] = provenanceOf(event)?.truncated ? { ...provenance, truncated: true } : provenance;
  return { kind: 'event', event };
}

/**
 * One line that should hold one whole JSON object (a line of NDJSON read on its own, e.g. by a
 * worker of a sharded run): what the reader would give for it in `shape`.
 */
export function jsonLineOutcome(text: string, line: number, input: string | undefined, shape: JsonShape, warn: (warning: Diagnostic) => void): ReadItem | null | Promise<ReadItem | null> {
  const records: JsonRecord[] = [];
  const framer = new JsonFramer();
  framer.push({ number: line, text }, records);
  framer.end(records);
  return records.length === 0 ? null : recordOutcome(records[0], input, () => shape, warn);
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
      const framer = new JsonFramer();
      const records: JsonRecord[] = [];
      const warnings: Diagnostic[] = [];
      let ignored = 0;
      let firstIgnored = 0;
      // Lines come in batches and are framed synchronously: one await per chunk, not per line.
      const batches = readLineBatches(source.open());
      try {
        for (let done = false; !done; ) {
          const next = await batches.next();
          if (next.done) {
            framer.end(records);
            done = true;
          } else for (const line of next.value) framer.push(line, records);
          for (const record of records) {
            let outcome = recordOutcome(record, source.name, (value) => (current ??= detectShape(value)), (d) => warnings.push(d));
            if (outcome instanceof Promise) outcome = await outcome;
            for (const warning of warnings) yield { kind: 'warning', diagnostic: warning };
            warnings.length = 0;
            if (outcome === null) {
              if (ignored++ === 0) firstIgnored = record.line;
              continue;
            }
            yield outcome;
          }
          records.length = 0;
        }
      } finally {
        // The consumer may stop early: close the input.
        await batches.return(undefined);
      }
      if (ignored > 0) {
        const message = `${ignored} record(s) without an event ignored (first at line ${firstIgnored})`;
        yield { kind: 'warning', diagnostic: diagnostic('warning', 'no-event', message, { file: source.name, line: firstIgnored }) };
      }
    },
  };
}

/** The shape of the first complete JSON record in `head`, if there is one. */
export function shapeOfHead(head: Buffer): JsonShape | undefined {
  const framer = new JsonFramer();
  const records: JsonRecord[] = [];
  const lines = head.toString('utf8').split('\n');
  lines.pop(); // the last line may be cut off by the head's end
  for (let i = 0; i < lines.length; i++) {
    framer.push({ number: i + 1, text: lines[i].replace(/\r$/, '') }, records);
    const first = records.find((r) => r.kind === 'value');
    if (first) return isObject(first.value) ? detectShape(first.value) : undefined;
  }
  return undefined;
}

/** NDJSON with the shape detected per input: the reader format sniffing picks for JSON. */
export const ndjsonReader: EventReader = jsonReader('ndjson');
