/**
 * Cut a byte stream into the fixed-size blocks of an .evtx file (the 4 KiB file header, then
 * 64 KiB chunks) while holding only the block being filled. The last block of a truncated file
 * comes out short: `length` says how many bytes of it are real.
 */
import type { Readable } from 'node:stream';

export interface Block {
  /** 0 for the file header, then 1, 2, … for chunks 0, 1, …. */
  index: number;
  data: Buffer;
  length: number;
}

export async function* readBlocks(stream: Readable, firstSize: number, size: number): AsyncGenerator<Block> {
  let index = 0;
  let data = Buffer.allocUnsafe(firstSize);
  let filled = 0;
  for await (const piece of stream as AsyncIterable<Buffer | string>) {
    const bytes = typeof piece === 'string' ? Buffer.from(piece) : piece;
    let from = 0;
    while (from < bytes.length) {
      const copied = bytes.copy(data, filled, from);
      filled += copied;
      from += copied;
      if (filled === data.length) {
        // A fresh buffer per block: the consumer may still hold the previous one.
        yield { index: index++, data, length: filled };
        data = Buffer.allocUnsafe(size);
        filled = 0;
      }
    }
  }
  if (filled > 0) yield { index, data, length: filled };
}
