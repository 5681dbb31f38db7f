/**
 * CRC-32 (RFC 1952, initial value 0), as the .evtx file and chunk headers use it. Own table rather
 * than `zlib.crc32`, which only exists from Node 20.15 while we support all of Node 20.
 */
const TABLE = new Int32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  TABLE[n] = c;
}

/** CRC-32 of `buf[start, end)`, continuing from `previous` (the CRC of the bytes before). */
export function crc32(buf: Uint8Array, start: number, end: number, previous = 0): number {
  let crc = ~previous;
  for (let i = start; i < end; i++) crc = TABLE[(crc ^ buf[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}
