/**
 * Cut a byte stream into the fixed-size blocks of an .evtx file (the 4 KiB file header, then
 * 64 KiB chunks) while holding only the block being filled (or a view into the stream's own
 * piece when a block lies wholly inside it). The last block of a truncated file comes out short:
 * `length` says how many bytes of it are real. Blocks are never written to by the consumer.
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
  /** The block being assembled from several pieces; a fresh buffer each time, as the consumer may keep the last. */
  let data: Buffer | undefined;
  let filled = 0;
  for await (const piece of stream as AsyncIterable<Buffer | string>) {
    const bytes = typeof piece === 'string' ? Buffer.from(piece) : piece;
    let from = 0;
    while (from < bytes.length) {
      if (data === undefined) {
        const need = index === 0 ? firstSize : size;
        if (bytes.length - from >= need) {
          // The whole block lies in this piece: hand out a view instead of copying.
          yield { index: index++, data: bytes.subarray(from, from + need), length: need };
          from += need;
          continue;
        }
        data = Buffer.allocUnsafe(need);
        filled = 0;
      }
      const copied = bytes.copy(data, filled, from);
      filled += copied;
      from += copied;
      if (filled === data.length) {
        yield { index: index++, data, length: filled };
        data = undefined;
      }
    }
  }
  if (data !== undefined) yield { index, data, length: filled };
}
