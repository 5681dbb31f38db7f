/**
 * Test-only .evtx writer: builds small, valid files (file header, chunks, records with Binary XML
 * templates and typed substitution values) so every value type and every damage case can be
 * exercised without third-party data. Layout follows libevtx's format notes.
 */
import { crc32 } from '../../engine/events/evtx/crc32.js';

export interface BuildValue {
  type: number;
  /** Bytes, or bytes built for the chunk offset they land at (Binary XML holds chunk offsets). */
  bytes: Buffer | ((at: number) => Buffer);
}

export interface BuildField {
  /** `<Data Name="…">`; omitted for classic unnamed `<Data>`. */
  name?: string;
  value: BuildValue;
}

export interface BuildRecord {
  id: number;
  eventId?: number;
  /** Correlation ActivityID: a GUID value, or NULL (attribute left out). */
  activityId?: BuildValue;
  fields: BuildField[];
}

/**
 * A record whose Binary XML is a plain element tree, without a template instance: every element
 * start lacks the 2-byte dependency identifier (libevtx: "optional"), and values are text tokens.
 * Windows writes such records for some providers (Defender, RDP, PowerShell, Security).
 */
export interface BuildPlainRecord {
  id: number;
  plain: PlainElement;
  /** Write the dependency identifiers after all (the same tree in the encoding libevtx 20181227 reads). */
  dependencyIds?: boolean;
}

export interface PlainElement {
  name: string;
  attributes?: Record<string, string>;
  /** Text, or child elements; omitted for an empty element (`<X/>`). */
  content?: string | PlainElement[];
}

export interface BuildOptions {
  /** Records with the same field names reuse one template definition (as Windows does). */
  shareTemplates?: boolean;
  /** Use a character reference token (default); libevtx 20181227 cannot read them. */
  charRef?: boolean;
}

const u16 = (n: number) => { const b = Buffer.alloc(2); b.writeUInt16LE(n); return b; };
const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(n >>> 0); return b; };
const u64 = (n: bigint) => { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt.asUintN(64, n)); return b; };

export const val = {
  null: (): BuildValue => ({ type: 0x00, bytes: Buffer.alloc(0) }),
  string: (s: string): BuildValue => ({ type: 0x01, bytes: Buffer.from(s, 'utf16le') }),
  ansi: (s: string): BuildValue => ({ type: 0x02, bytes: Buffer.from(s, 'latin1') }),
  int8: (n: number): BuildValue => ({ type: 0x03, bytes: Buffer.from([n & 0xff]) }),
  uint8: (n: number): BuildValue => ({ type: 0x04, bytes: Buffer.from([n]) }),
  int16: (n: number): BuildValue => ({ type: 0x05, bytes: u16(n & 0xffff) }),
  uint16: (n: number): BuildValue => ({ type: 0x06, bytes: u16(n) }),
  int32: (n: number): BuildValue => ({ type: 0x07, bytes: u32(n) }),
  uint32: (n: number): BuildValue => ({ type: 0x08, bytes: u32(n) }),
  int64: (n: bigint): BuildValue => ({ type: 0x09, bytes: u64(n) }),
  uint64: (n: bigint): BuildValue => ({ type: 0x0a, bytes: u64(n) }),
  real32: (n: number): BuildValue => { const b = Buffer.alloc(4); b.writeFloatLE(n); return { type: 0x0b, bytes: b }; },
  real64: (n: number): BuildValue => { const b = Buffer.alloc(8); b.writeDoubleLE(n); return { type: 0x0c, bytes: b }; },
  bool: (v: boolean): BuildValue => ({ type: 0x0d, bytes: u32(v ? 1 : 0) }),
  binary: (hex: string): BuildValue => ({ type: 0x0e, bytes: Buffer.from(hex, 'hex') }),
  /** `{…}` text → the mixed-endian 16 bytes Windows stores. */
  guid: (text: string): BuildValue => {
    const h = text.replace(/[{}-]/g, '');
    const b = Buffer.alloc(16);
    b.writeUInt32LE(parseInt(h.slice(0, 8), 16));
    b.writeUInt16LE(parseInt(h.slice(8, 12), 16), 4);
    b.writeUInt16LE(parseInt(h.slice(12, 16), 16), 6);
    Buffer.from(h.slice(16), 'hex').copy(b, 8);
    return { type: 0x0f, bytes: b };
  },
  sizeT32: (n: number): BuildValue => ({ type: 0x10, bytes: u32(n) }),
  /** ISO time with up to 7 fractional digits → FILETIME (100 ns since 1601). */
  filetime: (iso: string): BuildValue => ({ type: 0x11, bytes: u64(filetimeOf(iso)) }),
  systemtime: (y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): BuildValue => ({
    type: 0x12,
    bytes: Buffer.concat([y, mo, 0, d, h, mi, s, ms].map(u16)),
  }),
  sid: (text: string): BuildValue => {
    const [, revision, authority, ...subs] = text.split('-');
    const b = Buffer.alloc(8 + 4 * subs.length);
    b[0] = Number(revision);
    b[1] = subs.length;
    b.writeUIntBE(Number(authority), 2, 6);
    subs.forEach((s, i) => b.writeUInt32LE(Number(s), 8 + 4 * i));
    return { type: 0x13, bytes: b };
  },
  hex32: (n: number): BuildValue => ({ type: 0x14, bytes: u32(n) }),
  hex64: (n: bigint): BuildValue => ({ type: 0x15, bytes: u64(n) }),
  stringArray: (items: string[]): BuildValue => ({ type: 0x81, bytes: Buffer.from(items.map((s) => s + '\0').join(''), 'utf16le') }),
  uint16Array: (items: number[]): BuildValue => ({ type: 0x86, bytes: Buffer.concat(items.map(u16)) }),
  /** Binary XML value: `<name>text</name>` as a fragment (element starts without dependency id). */
  binxml: (name: string, text: string): BuildValue => ({
    type: 0x21,
    bytes: (at) => {
      const w = new Writer(at);
      w.raw(Buffer.from([0x0f, 1, 1, 0]));
      w.element(name, [], () => w.text(text), true);
      w.u8(0x00);
      return w.bytes();
    },
  }),
};

export function filetimeOf(iso: string): bigint {
  const match = /^(.*?)(?:\.(\d{1,7}))?Z$/.exec(iso);
  if (!match) throw new Error(`bad time ${iso}`);
  const seconds = BigInt(Date.parse(match[1] + 'Z') / 1000) + 11644473600n;
  return seconds * 10_000_000n + BigInt((match[2] ?? '').padEnd(7, '0'));
}

/** Binary XML writer over absolute chunk offsets (names are stored inline where first used). */
class Writer {
  private parts: Buffer[] = [];
  private size = 0;

  constructor(private readonly base: number) {}

  get pos(): number {
    return this.base + this.size;
  }

  raw(b: Buffer): void {
    this.parts.push(b);
    this.size += b.length;
  }

  u8(n: number): void { this.raw(Buffer.from([n])); }
  u16(n: number): void { this.raw(u16(n)); }
  u32(n: number): void { this.raw(u32(n)); }

  /** A placeholder u32 to fill in later. */
  hole(): Buffer {
    const b = u32(0);
    this.raw(b);
    return b;
  }

  name(text: string): void {
    this.u32(this.pos + 4);
    this.u32(0);
    this.u16(0);
    this.u16(text.length);
    this.raw(Buffer.from(text + '\0', 'utf16le'));
  }

  text(s: string): void {
    this.u8(0x05);
    this.u8(0x01);
    this.u16(s.length);
    this.raw(Buffer.from(s, 'utf16le'));
  }

  sub(index: number, type: number, optional = false): void {
    this.u8(optional ? 0x0e : 0x0d);
    this.u16(index);
    this.u8(type);
  }

  /** `withoutDependencyId`: Binary XML values and templateless records leave the identifier out. */
  element(name: string, attributes: Array<[string, () => void]>, content: (() => void) | null, withoutDependencyId = false): void {
    this.u8(attributes.length > 0 ? 0x41 : 0x01);
    if (!withoutDependencyId) this.u16(0xffff);
    const dataSize = this.hole();
    const start = this.pos;
    this.name(name);
    if (attributes.length > 0) {
      const listSize = this.hole();
      const listStart = this.pos;
      attributes.forEach(([attr, value], i) => {
        this.u8(i < attributes.length - 1 ? 0x46 : 0x06);
        this.name(attr);
        value();
      });
      listSize.writeUInt32LE(this.pos - listStart);
    }
    if (content === null) this.u8(0x03);
    else {
      this.u8(0x02);
      content();
      this.u8(0x04);
    }
    dataSize.writeUInt32LE(this.pos - start);
  }

  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

const FIXED_VALUES = 4; // EventID, ActivityID, EventRecordID, TimeCreated

function writeTemplate(w: Writer, record: BuildRecord, charRef: boolean): void {
  w.raw(Buffer.from([0x0f, 1, 1, 0]));
  w.element('Event', [], () => {
    w.element('System', [], () => {
      w.element('EventID', [], () => w.sub(0, 0x06));
      w.element('Level', [], () => w.text('4'));
      w.element('Task', [], () => {
        // Text made of values, an entity reference and a character reference: `a&bA`.
        w.u8(0x45); w.u8(0x01); w.u16(1); w.raw(Buffer.from('a', 'utf16le'));
        w.u8(0x49); w.name('amp');
        if (charRef) {
          w.u8(0x45); w.u8(0x01); w.u16(1); w.raw(Buffer.from('b', 'utf16le'));
          w.u8(0x08); w.u16(0x41);
        } else w.text('bA');
      });
      w.element('Correlation', [['ActivityID', () => w.sub(1, 0x0f, true)]], null);
      w.element('EventRecordID', [], () => w.sub(2, 0x0a));
      w.element('TimeCreated', [['SystemTime', () => w.sub(3, 0x11)]], null);
    });
    w.element('EventData', [], () => {
      record.fields.forEach((field, i) => {
        const attributes: Array<[string, () => void]> = field.name === undefined ? [] : [['Name', () => w.text(field.name!)]];
        w.element('Data', attributes, () => w.sub(FIXED_VALUES + i, field.value.type, true));
      });
    });
  });
  w.u8(0x00);
}

function writePlainElement(w: Writer, element: PlainElement, dependencyIds: boolean): void {
  const attributes = Object.entries(element.attributes ?? {}).map(([name, text]): [string, () => void] => [name, () => w.text(text)]);
  const content = element.content;
  const body = content === undefined ? null
    : typeof content === 'string' ? () => { if (content !== '') w.text(content); }
    : () => content.forEach((child) => writePlainElement(w, child, dependencyIds));
  w.element(element.name, attributes, body, !dependencyIds);
}

function writePlainRecord(w: Writer, record: BuildPlainRecord): void {
  const start = w.pos;
  w.u32(0x00002a2a);
  const size = w.hole();
  w.raw(u64(BigInt(record.id)));
  w.raw(u64(filetimeOf('2025-10-22T20:33:27.2767027Z')));
  w.raw(Buffer.from([0x0f, 1, 1, 0]));
  writePlainElement(w, record.plain, record.dependencyIds ?? false);
  w.u8(0x00);
  w.u32(w.pos + 4 - start);
  size.writeUInt32LE(w.pos - start);
}

function writeRecord(w: Writer, record: BuildRecord, templates: Map<string, number> | undefined, charRef: boolean): void {
  const start = w.pos;
  w.u32(0x00002a2a);
  const size = w.hole();
  w.raw(u64(BigInt(record.id)));
  w.raw(u64(filetimeOf('2025-10-22T20:33:27.2767027Z')));
  w.raw(Buffer.from([0x0f, 1, 1, 0, 0x0c, 0x01]));
  w.u32(record.id); // template identifier: any value
  const key = record.fields.map((f) => f.name ?? '').join('|');
  const known = templates?.get(key);
  if (known !== undefined) w.u32(known);
  else {
    const offset = w.pos + 4;
    templates?.set(key, offset);
    w.u32(offset);
    w.u32(0);
    w.raw(Buffer.alloc(16));
    const dataSize = w.hole();
    const dataStart = w.pos;
    writeTemplate(w, record, charRef);
    dataSize.writeUInt32LE(w.pos - dataStart);
  }
  const values: BuildValue[] = [
    val.uint16(record.eventId ?? 1),
    record.activityId ?? val.null(),
    val.uint64(BigInt(record.id)),
    val.filetime('2025-10-22T20:33:27.2767027Z'),
    ...record.fields.map((f) => f.value),
  ];
  const sized = values.map((v) => (typeof v.bytes === 'function' ? v.bytes(0).length : v.bytes.length));
  w.u32(values.length);
  values.forEach((v, i) => { w.u16(sized[i]); w.u8(v.type); w.u8(0); });
  for (const v of values) w.raw(typeof v.bytes === 'function' ? v.bytes(w.pos) : v.bytes);
  w.u8(0x00);
  w.u32(w.pos + 4 - start);
  size.writeUInt32LE(w.pos - start);
}

const CHUNK_SIZE = 65536;
const HEADER_SIZE = 4096;

/**
 * A one-record chunk whose template instantiates a template `fanout` times, `depth` levels deep:
 * a few hundred bytes that expand to fanout^depth elements (a "billion laughs" record).
 */
export function buildExpansionBomb(fanout: number, depth: number): Buffer {
  const w = new Writer(512);
  w.u32(0x00002a2a);
  const size = w.hole();
  w.raw(u64(1n));
  w.raw(u64(filetimeOf('2025-01-01T00:00:00Z')));
  w.raw(Buffer.from([0x0f, 1, 1, 0, 0x0c, 0x01]));
  w.u32(0);
  const top = w.hole();
  w.u32(0); // no values
  w.u8(0x00); // EOF: the template definitions below are reached only by offset
  let previous = -1;
  for (let level = 0; level <= depth; level++) {
    const offset = w.pos;
    w.u32(0);
    w.raw(Buffer.alloc(16));
    const dataSize = w.hole();
    const start = w.pos;
    w.raw(Buffer.from([0x0f, 1, 1, 0]));
    w.element(`L${level}`, [], level === 0 ? null : () => {
      for (let i = 0; i < fanout; i++) {
        w.raw(Buffer.from([0x0c, 0x01]));
        w.u32(level);
        w.u32(previous);
        w.u32(0);
      }
    });
    w.u8(0x00);
    dataSize.writeUInt32LE(w.pos - start);
    previous = offset;
  }
  top.writeUInt32LE(previous);
  w.u32(w.pos + 4 - 512);
  size.writeUInt32LE(w.pos - 512);
  const chunk = Buffer.alloc(CHUNK_SIZE);
  chunk.write('ElfChnk\0', 0, 'latin1');
  w.bytes().copy(chunk, 512);
  chunk.writeUInt32LE(128, 40);
  chunk.writeUInt32LE(512, 44);
  chunk.writeUInt32LE(w.pos, 48);
  fixChunkChecksums(chunk);
  return chunk;
}

export function buildChunk(records: Array<BuildRecord | BuildPlainRecord>, options: BuildOptions = {}): Buffer {
  const chunk = Buffer.alloc(CHUNK_SIZE);
  const w = new Writer(512);
  const templates = options.shareTemplates ? new Map<string, number>() : undefined;
  let lastOffset = 512;
  for (const record of records) {
    lastOffset = w.pos;
    if ('plain' in record) writePlainRecord(w, record);
    else writeRecord(w, record, templates, options.charRef ?? true);
  }
  const body = w.bytes();
  if (512 + body.length > CHUNK_SIZE) throw new Error('records do not fit one chunk');
  body.copy(chunk, 512);
  chunk.write('ElfChnk\0', 0, 'latin1');
  const first = BigInt(records[0]?.id ?? 1);
  const last = BigInt(records.at(-1)?.id ?? 0);
  u64(first).copy(chunk, 8);
  u64(last).copy(chunk, 16);
  u64(first).copy(chunk, 24);
  u64(last).copy(chunk, 32);
  chunk.writeUInt32LE(128, 40);
  chunk.writeUInt32LE(lastOffset, 44);
  chunk.writeUInt32LE(512 + body.length, 48);
  fixChunkChecksums(chunk);
  return chunk;
}

export function fixChunkChecksums(chunk: Buffer): void {
  const free = chunk.readUInt32LE(48);
  if (free >= 512 && free <= CHUNK_SIZE) chunk.writeUInt32LE(crc32(chunk, 512, free), 52);
  chunk.writeUInt32LE(crc32(chunk, 128, 512, crc32(chunk, 0, 120)), 124);
}

/** `oldestChunk` > 0 makes a wrapped circular log: the header's first (oldest) chunk number. */
export function buildEvtx(chunks: Buffer[], oldestChunk = 0): Buffer {
  const header = Buffer.alloc(HEADER_SIZE);
  header.write('ElfFile\0', 0, 'latin1');
  u64(BigInt(oldestChunk)).copy(header, 8);
  u64(BigInt(oldestChunk > 0 ? oldestChunk - 1 : Math.max(chunks.length - 1, 0))).copy(header, 16);
  header.writeUInt32LE(128, 32);
  header.writeUInt16LE(1, 36);
  header.writeUInt16LE(3, 38);
  header.writeUInt16LE(HEADER_SIZE, 40);
  header.writeUInt16LE(chunks.length, 42);
  header.writeUInt32LE(crc32(header, 0, 120), 124);
  return Buffer.concat([header, ...chunks]);
}

/** Recompute every checksum of a whole file (so a mutation looks like a consistent but wrong file). */
export function fixChecksums(file: Buffer): void {
  if (file.length >= 128) file.writeUInt32LE(crc32(file, 0, 120), 124);
  for (let at = HEADER_SIZE; at + CHUNK_SIZE <= file.length; at += CHUNK_SIZE) fixChunkChecksums(file.subarray(at, at + CHUNK_SIZE));
}
