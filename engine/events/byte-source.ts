/**
 * The bytes of one input, made ready for a reader: gzip is undone (recognised by its magic bytes,
 * not its name), UTF-16 text (PowerShell's default for `> file`) is transcoded to UTF-8, a UTF-8
 * byte order mark is dropped, and the first bytes are kept for format sniffing. Files can be
 * reopened; stdin is read once, its head replayed in front of the rest.
 */
import { createReadStream, type ReadStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';

export const HEAD_BYTES = 64 * 1024;

/**
 * Read up to `size` bytes from `stream` (fewer once `enough` says the bytes so far will do); return
 * them and a stream that yields them again, then the rest.
 */
export async function peek(stream: AsyncIterable<Buffer | string>, size: number, enough: (head: Buffer) => boolean = () => false): Promise<{ head: Buffer; stream: Readable }> {
  const iterator = stream[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < size) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    chunks.push(chunk);
    length += chunk.length;
    if (length < size && enough(Buffer.concat(chunks))) break;
  }
  async function* replay(): AsyncGenerator<Buffer> {
    yield* chunks;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    }
  }
  return { head: Buffer.concat(chunks).subarray(0, size), stream: Readable.from(replay(), { objectMode: false }) };
}

type TextEncoding = 'utf8' | 'utf8-bom' | 'utf-16le' | 'utf-16be';

function encodingOf(head: Buffer): TextEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8-bom';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf8';
}

function transcoder(encoding: 'utf-16le' | 'utf-16be'): Transform {
  const decoder = new TextDecoder(encoding);
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8'));
    },
    flush(done) {
      done(null, Buffer.from(decoder.decode(), 'utf8'));
    },
  });
}

/** Drop the first `count` bytes (a UTF-8 BOM). */
function skipBytes(count: number): Transform {
  let left = count;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (left === 0) return done(null, chunk);
      const cut = Math.min(left, chunk.length);
      left -= cut;
      done(null, chunk.subarray(cut));
    },
  });
}

/** Decoded bytes of an input and how to get them again. */
export interface ByteSource {
  head: Buffer;
  gzip: boolean;
  open(): Readable;
  /** Bytes of the underlying file read so far by the last `open()` (compressed bytes for gzip). */
  bytesRead(): number;
}

function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Wrap a raw byte stream: gunzip, then transcode or strip the BOM, as the (decoded) head says. */
function decodePipeline(raw: Readable, gzip: boolean, encoding: TextEncoding): Readable {
  let stream = gzip ? raw.pipe(createGunzip()) : raw;
  if (gzip) raw.on('error', (err) => stream.destroy(err));
  const decode = encoding === 'utf8' ? undefined : encoding === 'utf8-bom' ? skipBytes(3) : transcoder(encoding);
  if (decode) {
    const inner = stream;
    stream = inner.pipe(decode);
    inner.on('error', (err) => stream.destroy(err));
  }
  return stream;
}

/** Decode a head for sniffing the same way the stream will be decoded. */
function sniffHead(head: Buffer, encoding: TextEncoding): Buffer {
  if (encoding === 'utf8') return head;
  if (encoding === 'utf8-bom') return head.subarray(3);
  return Buffer.from(new TextDecoder(encoding).decode(head.subarray(0, head.length - (head.length % 2))), 'utf8');
}

export async function fileSource(path: string): Promise<ByteSource> {
  const first = await peek(createReadStream(path, { end: HEAD_BYTES - 1 }), HEAD_BYTES);
  const gzip = isGzip(first.head);
  let rawHead = first.head;
  if (gzip) {
    const probe = decodePipeline(createReadStream(path), true, 'utf8');
    try {
      rawHead = (await peek(probe, HEAD_BYTES)).head;
    } catch {
      rawHead = Buffer.alloc(0); // a broken gzip is reported when it is read
    } finally {
      probe.destroy();
    }
  }
  const encoding = encodingOf(rawHead);
  let last: ReadStream | undefined;
  return {
    head: sniffHead(rawHead, encoding),
    gzip,
    open() {
      last = createReadStream(path);
      return decodePipeline(last, gzip, encoding);
    },
    bytesRead: () => last?.bytesRead ?? 0,
  };
}

/**
 * A one-shot stream (stdin): peeked once; `open()` may be called once. A live pipe may send a line a
 * minute: `sniffable` says when the head read so far is enough to pick a reader, so the first events
 * are not held back until 64 KiB have arrived.
 */
export async function streamSource(raw: NodeJS.ReadableStream, sniffable: (head: Buffer) => boolean = () => false): Promise<ByteSource> {
  const plainEnough = (head: Buffer) => !isGzip(head) && sniffable(sniffHead(head, encodingOf(head)));
  const first = await peek(raw as AsyncIterable<Buffer | string>, HEAD_BYTES, plainEnough);
  const gzip = isGzip(first.head);
  const decoded = gzip ? await peek(decodePipeline(first.stream, true, 'utf8'), HEAD_BYTES, (head) => sniffable(sniffHead(head, encodingOf(head)))) : first;
  const encoding = encodingOf(decoded.head);
  let opened = false;
  return {
    head: sniffHead(decoded.head, encoding),
    gzip,
    open() {
      if (opened) throw new Error('a stream input can be read only once');
      opened = true;
      return decodePipeline(decoded.stream, false, encoding);
    },
    // Progress is shown for files only: a stream's size is unknown.
    bytesRead: () => 0,
  };
}
