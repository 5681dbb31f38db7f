/**
 * Native .evtx reader: file header, then chunk by chunk (only the current 64 KiB chunk in memory),
 * each record's Binary XML rendered into the shared XmlElement tree and flattened by
 * `eventFromXml`, so .evtx, XML and syslog inputs give field-for-field the same events.
 * Damage is reported as located diagnostics (input, chunk, offset, record id) and skipped.
 */
import { diagnostic, type DiagnosticCode, type Severity } from '../../diagnostics.js';
import { PROVENANCE_KEY } from '../../event.js';
import { eventFromXml, type XmlElement } from '../xml/event-xml.js';
import type { EventReader, InputSource, ReadItem } from '../reader.js';
import { parseBinXml, Chunk } from './binxml.js';
import { readBlocks } from './blocks.js';
import { CHUNK_SIZE, RECORD_HEADER_SIZE, scanChunk, type RecordSpan } from './chunk.js';
import { EvtxFormatError } from './errors.js';
import { checkFileHeader, FILE_HEADER_SIZE, FILE_SIGNATURE } from './file-header.js';
import { unbatch } from '../unbatch.js';
import { Renderer } from './render.js';

/** Render one record's Binary XML to its `<Event>` element. Throws EvtxFormatError. */
function recordElement(chunk: Chunk, record: RecordSpan): XmlElement {
  const nodes = parseBinXml(chunk, record.offset + RECORD_HEADER_SIZE, record.offset + record.size - 4, 0, false);
  const out: Array<XmlElement | string> = [];
  new Renderer(chunk).nodes(nodes, [], 0, out);
  const root = out.find((node): node is XmlElement => typeof node !== 'string');
  if (root === undefined) throw new EvtxFormatError('record holds no XML element', record.offset + RECORD_HEADER_SIZE);
  return root;
}

/**
 * A problem as a read item: an error is a skip of `records` records; a warning (a checksum
 * mismatch, a wrapped log) skips nothing, so it is a warning item and never fails `--strict`.
 */
function skip(severity: Severity, code: DiagnosticCode, message: string, file: string, record?: number, records = 1): ReadItem {
  const d = diagnostic(severity, code, message, { file, record });
  return severity === 'warning' ? { kind: 'warning', diagnostic: d } : records === 1 ? { kind: 'skip', diagnostic: d } : { kind: 'skip', diagnostic: d, records };
}

/** `chunk 3 @0x1a20 (file offset 0x31a20)`: where to look with a hex viewer. */
function place(chunkIndex: number, offset: number): string {
  const fileOffset = FILE_HEADER_SIZE + chunkIndex * CHUNK_SIZE + offset;
  return `chunk ${chunkIndex} @0x${offset.toString(16)} (file offset 0x${fileOffset.toString(16)})`;
}

/** Everything one chunk yields, decoded at once (the chunk is in memory anyway). */
function chunkItems(data: Buffer, length: number, chunkIndex: number, expected: boolean, input: string): ReadItem[] {
  const items: ReadItem[] = [];
  const chunk = new Chunk(data, length);
  for (const item of scanChunk(data, length, expected)) {
    if (item.kind === 'problem') {
      items.push(skip(item.severity, item.code, `${place(chunkIndex, item.offset)}: ${item.message}`, input, item.record, item.records));
      continue;
    }
    let root: XmlElement;
    try {
      root = recordElement(chunk, item);
    } catch (err) {
      // Buffer reads past the end throw RangeError; both mean this record's Binary XML is damaged.
      if (!(err instanceof EvtxFormatError) && !(err instanceof RangeError)) throw err;
      const at = err instanceof EvtxFormatError && err.offset > 0 ? err.offset : item.offset;
      items.push(skip('error', 'evtx-binxml', `${place(chunkIndex, at)}: record ${item.id}: ${err.message}; skipped`, input, item.id));
      continue;
    }
    const event = eventFromXml(root);
    // Provenance names the EventRecordID users see. Exported logs renumber the record headers, so
    // it can differ from the header number that diagnostics (which may lack the XML) use.
    const shown = event.EventRecordID;
    const record = typeof shown === 'string' && /^\d{1,15}$/.test(shown) ? Number(shown) : item.id;
    event[PROVENANCE_KEY] = { input, record };
    items.push({ kind: 'event', event });
  }
  return items;
}

/** What the file header says: problems, whether to go on, and how many chunks it declares. */
function headerItems(data: Buffer, length: number, input: string): { items: ReadItem[]; stop: boolean; chunks: number } {
  const check = checkFileHeader(data, length);
  if (check.fatal !== undefined) return { items: [skip('error', 'evtx-header', `${check.fatal}; input skipped`, input)], stop: true, chunks: 0 };
  const items = check.warnings.map((warning) => skip('warning', 'evtx-header', warning, input));
  if (length < FILE_HEADER_SIZE) {
    items.push(skip('error', 'evtx-truncated', `file ends ${length} bytes into the file header; no chunks`, input));
    return { items, stop: true, chunks: 0 };
  }
  const chunks = data.readUInt16LE(42);
  const oldest = data.readUInt32LE(8);
  if (oldest > 0 && oldest < chunks) {
    // A circular log that wrapped: we stream in file order and cannot reorder chunks.
    items.push(skip('warning', 'evtx-wrapped', `log has wrapped: its oldest records are in chunk ${oldest}; chunks 0-${oldest - 1} (read first) hold newer ones, so events are not in time order`, input));
  }
  return { items, stop: false, chunks };
}

/**
 * Whole chunks of a growing .evtx (`run --follow`, sources/follow.ts): `chunks` holds chunk
 * `firstChunk` and the ones after it; the header's problems are reported with chunk 0 only.
 */
export function evtxChunkItems(header: Buffer, chunks: Buffer, firstChunk: number, input: string): ReadItem[] {
  const head = headerItems(header, header.length, input);
  const items = firstChunk === 0 ? head.items : [];
  if (head.stop) return items;
  for (let at = 0; at + CHUNK_SIZE <= chunks.length; at += CHUNK_SIZE) {
    const index = firstChunk + at / CHUNK_SIZE;
    items.push(...chunkItems(chunks.subarray(at, at + CHUNK_SIZE), CHUNK_SIZE, index, index < head.chunks, input));
  }
  return items;
}

/** Chunks the header declares written: a writer that appends chunks updates this count after each. */
export function declaredChunks(header: Buffer): number {
  return header.length >= FILE_HEADER_SIZE && header.subarray(0, 8).equals(FILE_SIGNATURE) ? header.readUInt16LE(42) : 0;
}

async function* batches(source: InputSource): AsyncGenerator<ReadItem[]> {
  let expectedChunks = 0;
  for await (const block of readBlocks(source.open(), FILE_HEADER_SIZE, CHUNK_SIZE)) {
    if (block.index === 0) {
      const header = headerItems(block.data, block.length, source.name);
      yield header.items;
      if (header.stop) return;
      expectedChunks = header.chunks;
      continue;
    }
    const chunkIndex = block.index - 1;
    yield chunkItems(block.data, block.length, chunkIndex, chunkIndex < expectedChunks, source.name);
  }
}

export const evtxReader: EventReader = {
  format: 'evtx',
  sniff(head) {
    return head.length >= 8 && head.subarray(0, 8).equals(FILE_SIGNATURE);
  },
  read(source: InputSource): AsyncIterable<ReadItem> {
    return unbatch(batches(source));
  },
};
