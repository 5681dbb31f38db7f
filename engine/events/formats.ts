/**
 * The reader registry: every input format, by its `--format` name. Auto-detection asks each
 * reader's `sniff` in this order and takes the first yes. A new reader is one line here.
 */
import { evtxReader } from './evtx/reader.js';
import { ecsShape } from './json-shapes/ecs.js';
import { evtxJsonShape } from './json-shapes/evtx-json.js';
import { flatShape } from './json-shapes/flat.js';
import { syslogJsonShape } from './json-shapes/syslog-json.js';
import { jsonReader, ndjsonReader, shapeOfHead } from './ndjson.js';
import type { EventReader } from './reader.js';
import { syslogReader } from './syslog.js';
import { xmlReader } from './xml/reader.js';

export const readers: Record<string, EventReader> = {
  xml: xmlReader,
  ndjson: ndjsonReader,
  syslog: syslogReader,
  flat: jsonReader('flat', flatShape),
  'evtx-json': jsonReader('evtx-json', evtxJsonShape),
  ecs: jsonReader('ecs', ecsShape),
  'syslog-json': jsonReader('syslog-json', syslogJsonShape),
  evtx: evtxReader,
};

/** Formats whose records are JSON: a `--map` mapping replaces their shape. */
export const JSON_FORMATS: ReadonlySet<string> = new Set(['ndjson', 'flat', 'evtx-json', 'ecs', 'syslog-json']);

/**
 * The reader whose `sniff` recognises these first bytes (already decompressed), if any. For JSON,
 * the shape-specific reader when the head holds a whole first record, so the input's statistics
 * name its shape; otherwise the detecting reader, which finds the shape from the first record.
 */
export function sniffReader(head: Buffer): EventReader | undefined {
  const reader = Object.values(readers).find((candidate) => candidate.sniff(head));
  if (reader !== ndjsonReader) return reader;
  const shape = shapeOfHead(head);
  return (shape && readers[shape.name]) || reader;
}

export function formatNames(): string[] {
  return Object.keys(readers);
}
