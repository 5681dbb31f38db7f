/** NDJSON reader: one flat (or nested, see json-shapes) JSON object per line. */
import { diagnostic } from '../diagnostics.js';
import { PROVENANCE_KEY, type NormalizedEvent } from './event.js';
import { readLines } from './lines.js';
import type { EventReader, InputSource, ReadItem } from './reader.js';

/** Position of a JSON.parse error as `col`, when V8 reports one. */
function jsonErrorColumn(message: string, text: string): number | undefined {
  const match = /position (\d+)/.exec(message);
  if (match) return Number(match[1]) + 1;
  // V8 gives no position for a line that ends too early: the error is at its end.
  return /end of JSON/.test(message) ? text.length + 1 : undefined;
}

export const ndjsonReader: EventReader = {
  format: 'ndjson',
  sniff(head) {
    const text = head.toString('utf8', 0, Math.min(head.length, 64)).trimStart();
    return text.startsWith('{');
  },
  async *read(source: InputSource): AsyncGenerator<ReadItem> {
    for await (const line of readLines(source.open())) {
      if (line.tooLong !== undefined) {
        yield { kind: 'skip', diagnostic: diagnostic('error', 'line-too-long', `line of ${line.tooLong} bytes exceeds the line limit; skipped`, { file: source.name, line: line.number }) };
        continue;
      }
      const text = line.text.trim();
      if (text === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        const message = (err as Error).message;
        yield { kind: 'skip', diagnostic: diagnostic('error', 'bad-json', `malformed JSON: ${message}`, { file: source.name, line: line.number, col: jsonErrorColumn(message, text) }) };
        continue;
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        yield { kind: 'skip', diagnostic: diagnostic('error', 'not-an-object', 'JSON line is not an object', { file: source.name, line: line.number, col: 1 }) };
        continue;
      }
      const event = value as NormalizedEvent;
      if (typeof event.EventID === 'string' && /^\d+$/.test(event.EventID)) event.EventID = Number(event.EventID);
      event[PROVENANCE_KEY] = { input: source.name, line: line.number };
      yield { kind: 'event', event };
    }
  },
};
