/**
 * CRC-32 (RFC 1952, initial value 0), as the .evtx file and chunk headers use it. Node's native
 * `zlib.crc32` (Node >= 20.15) is several times faster; older Node 20 releases get the table.
 */
import zlib from 'node:zlib';

const TABLE = new Int32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  TABLE[n] = c;
}

/** Table-driven CRC-32; exported so tests can check it against the native one. */
export function crc32Table(buf: Uint8Array, start: number, end: number, previous = 0): number {
  let crc = ~previous;
  for (let i = start; i < end; i++) crc = TABLE[(crc ^ buf[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

const native = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** CRC-32 of `buf[start, end)`, continuing from `previous` (the CRC of the bytes before). */
export const crc32: (buf: Uint8Array, start: number, end: number, previous?: number) => number =
  native === undefined ? crc32Table : (buf, start, end, previous = 0) => native(buf.subarray(start, end), previous);
