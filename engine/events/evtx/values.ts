/**
 * Binary XML value types (libevtx "Value types"): decoding a substitution value's bytes into the
 * text Windows renders for it. One table, one small renderer per type; arrays (type | 0x80) are
 * split into items here and rendered item by item.
 */
import { EvtxFormatError } from './errors.js';
import { renderFiletime, renderSystemtime } from './time.js';

/** Type codes that the template renderer treats specially. */
export const NULL_TYPE = 0x00;
export const STRING_TYPE = 0x01;
export const BINXML_TYPE = 0x21;
export const ARRAY_FLAG = 0x80;

type Render = (buf: Buffer, start: number, end: number) => string;

interface ValueType {
  name: string;
  /** Fixed item size in bytes; undefined for variable-size types. */
  size?: number;
  render: Render;
}

/** UTF-16LE without the end-of-string characters some writers leave in (Windows drops them). */
function utf16(buf: Buffer, start: number, end: number): string {
  if ((end - start) & 1) end--;
  while (end > start && buf[end - 1] === 0 && buf[end - 2] === 0) end -= 2;
  return buf.toString('utf16le', start, end);
}

/**
 * Windows-1252 bytes 0x80..0x9f (the rest is Latin-1). Own table: Node's TextDecoder decodes the
 * `windows-1252` label as plain Latin-1 in some Node 20 releases.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function ansi(buf: Buffer, start: number, end: number): string {
  while (end > start && buf[end - 1] === 0) end--;
  const text = buf.toString('latin1', start, end);
  return /[\x80-\x9f]/.test(text) ? text.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]) : text;
}

function hex32(value: number): string {
  return '0x' + value.toString(16);
}

/** 64-bit hex as Windows writes it: `0x8000000000000000`, `0x529ae3` (no zero padding). */
function hex64(buf: Buffer, start: number): string {
  const lo = buf.readUInt32LE(start);
  const hi = buf.readUInt32LE(start + 4);
  return hi === 0 ? hex32(lo) : '0x' + hi.toString(16) + lo.toString(16).padStart(8, '0');
}

/**
 * Floating point as Windows prints it (libevtx "Floating point"): `%e` with the three-digit
 * exponent of the Microsoft C runtime, e.g. `1.100000e+000`; `1.#INF`, `-1.#INF`, `-1.#IND`.
 */
function real(value: number): string {
  if (Number.isNaN(value)) return '-1.#IND';
  if (!Number.isFinite(value)) return value > 0 ? '1.#INF' : '-1.#INF';
  const [mantissa, exponent] = value.toExponential(6).split('e');
  const e = Number(exponent);
  return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(3, '0')}`;
}

/** `00`..`ff`, so a GUID is sixteen lookups rather than number formatting. */
const HEX_BYTE = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** `{5770385f-c22a-43e0-bf4c-06f5698ffbd9}`: Data1..3 little-endian, Data4 as stored. */
function guid(b: Buffer, s: number): string {
  return (
    '{' + HEX_BYTE[b[s + 3]] + HEX_BYTE[b[s + 2]] + HEX_BYTE[b[s + 1]] + HEX_BYTE[b[s]] +
    '-' + HEX_BYTE[b[s + 5]] + HEX_BYTE[b[s + 4]] +
    '-' + HEX_BYTE[b[s + 7]] + HEX_BYTE[b[s + 6]] +
    '-' + HEX_BYTE[b[s + 8]] + HEX_BYTE[b[s + 9]] +
    '-' + HEX_BYTE[b[s + 10]] + HEX_BYTE[b[s + 11]] + HEX_BYTE[b[s + 12]] + HEX_BYTE[b[s + 13]] + HEX_BYTE[b[s + 14]] + HEX_BYTE[b[s + 15]] + '}'
  );
}

/** Bytes a SID at `start` occupies: 8 + 4 per sub-authority. */
function sidLength(buf: Buffer, start: number): number {
  return 8 + 4 * buf[start + 1];
}

/** `S-1-5-21-…`: revision, 48-bit big-endian authority, little-endian 32-bit sub-authorities. */
function sid(buf: Buffer, start: number, end: number): string {
  const length = sidLength(buf, start);
  if (start + length > end) throw new EvtxFormatError(`SID of ${length} bytes overruns its ${end - start}-byte value`, start);
  const authority = buf.readUIntBE(start + 2, 6);
  let text = `S-${buf[start]}-${authority >= 2 ** 32 ? '0x' + authority.toString(16).toUpperCase().padStart(12, '0') : authority}`;
  for (let i = 0; i < buf[start + 1]; i++) text += '-' + buf.readUInt32LE(start + 8 + 4 * i);
  return text;
}

function binary(buf: Buffer, start: number, end: number): string {
  return buf.toString('hex', start, end).toUpperCase();
}

/** size_t is pointer-sized: the value's own length says whether it is 32 or 64 bits. */
function sizeT(buf: Buffer, start: number, end: number): string {
  return end - start === 4 ? hex32(buf.readUInt32LE(start)) : hex64(buf, start);
}

const TYPES: Record<number, ValueType> = {
  [NULL_TYPE]: { name: 'null', render: () => '' },
  [STRING_TYPE]: { name: 'string', render: utf16 },
  0x02: { name: 'ansi string', render: ansi },
  0x03: { name: 'int8', size: 1, render: (b, s) => String(b.readInt8(s)) },
  0x04: { name: 'uint8', size: 1, render: (b, s) => String(b[s]) },
  0x05: { name: 'int16', size: 2, render: (b, s) => String(b.readInt16LE(s)) },
  0x06: { name: 'uint16', size: 2, render: (b, s) => String(b.readUInt16LE(s)) },
  0x07: { name: 'int32', size: 4, render: (b, s) => String(b.readInt32LE(s)) },
  0x08: { name: 'uint32', size: 4, render: (b, s) => String(b.readUInt32LE(s)) },
  0x09: { name: 'int64', size: 8, render: (b, s) => b.readBigInt64LE(s).toString() },
  0x0a: { name: 'uint64', size: 8, render: (b, s) => b.readBigUInt64LE(s).toString() },
  0x0b: { name: 'real32', size: 4, render: (b, s) => real(b.readFloatLE(s)) },
  0x0c: { name: 'real64', size: 8, render: (b, s) => real(b.readDoubleLE(s)) },
  0x0d: { name: 'bool', size: 4, render: (b, s) => (b.readUInt32LE(s) !== 0 ? 'true' : 'false') },
  0x0e: { name: 'binary', render: binary },
  0x0f: { name: 'guid', size: 16, render: guid },
  0x10: { name: 'size_t', render: sizeT },
  0x11: { name: 'filetime', size: 8, render: renderFiletime },
  0x12: { name: 'systemtime', size: 16, render: renderSystemtime },
  0x13: { name: 'sid', render: sid },
  0x14: { name: 'hexint32', size: 4, render: (b, s) => hex32(b.readUInt32LE(s)) },
  0x15: { name: 'hexint64', size: 8, render: hex64 },
  // Handles and raw EvtXml never reach a log file in practice; show their bytes rather than drop them.
  0x20: { name: 'evt handle', render: binary },
  0x23: { name: 'evt xml', render: utf16 },
};

function typeOf(code: number, at: number): ValueType {
  const type = TYPES[code];
  if (type === undefined) throw new EvtxFormatError(`unknown value type 0x${code.toString(16)}`, at);
  return type;
}

/** Render one scalar value (not an array, not Binary XML) of `code` stored in `buf[start, end)`. */
export function renderValue(code: number, buf: Buffer, start: number, end: number): string {
  const type = typeOf(code, start);
  if (type.size !== undefined && end - start < type.size) {
    throw new EvtxFormatError(`${type.name} value needs ${type.size} bytes, has ${end - start}`, start);
  }
  return type.render(buf, start, end);
}

/** Split an array value (`code` has ARRAY_FLAG) into its rendered items. */
export function renderArray(code: number, buf: Buffer, start: number, end: number): string[] {
  const itemCode = code & ~ARRAY_FLAG;
  const type = typeOf(itemCode, start);
  const items: string[] = [];
  if (itemCode === STRING_TYPE || itemCode === 0x02) {
    // String arrays: each item ends with its end-of-string character.
    const unit = itemCode === STRING_TYPE ? 2 : 1;
    let from = start;
    for (let at = start; at + unit <= end; at += unit) {
      if (buf[at] === 0 && (unit === 1 || buf[at + 1] === 0)) {
        items.push(type.render(buf, from, at));
        from = at + unit;
      }
    }
    if (from + unit <= end) items.push(type.render(buf, from, end));
  } else if (itemCode === 0x13) {
    for (let at = start; at < end; at += sidLength(buf, at)) items.push(sid(buf, at, end));
  } else {
    // size_t arrays should arrive as hexint32/64 arrays (libevtx); if not, assume 64-bit items.
    const size = type.size ?? (itemCode === 0x10 ? 8 : end - start);
    if (size === 0) return items;
    for (let at = start; at + size <= end; at += size) items.push(type.render(buf, at, at + size));
  }
  return items;
}
