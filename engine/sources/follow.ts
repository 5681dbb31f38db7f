/**
 * `run --follow`: files that grow and rotate, read like `tail -F` (from their first line on the
 * first run). A file is known by its inode: when the path names a new file (rotation), the rest of
 * the old one is read before the new one; when a file shrinks (truncation) it is read again from 0.
 * Only whole records are read (up to the last newline; for Windows event XML, the last `</Event>`),
 * so a record being written is never cut. A binary .evtx is read by whole 64 KiB chunks, those the
 * file header declares written (a writer appends a chunk, then updates the header's count); its
 * position is the chunk boundary reached and the last EventRecordID read. Records written later
 * into a chunk already read (in place, as Windows' own log service does) are not read again. Each read becomes one batch, parsed by the file's reader,
 * with line numbers continued across batches; the position after it (inode, byte offset, line) is
 * what the checkpoint keeps. A restart finds a file rotated while it was down by its inode in the
 * same directory and finishes it first.
 */
import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { PROVENANCE_KEY, type Provenance } from '../event.js';
import { readers, sniffReader } from '../events/formats.js';
import { CHUNK_SIZE } from '../events/evtx/chunk.js';
import { FILE_HEADER_SIZE } from '../events/evtx/file-header.js';
import { declaredChunks, evtxChunkItems } from '../events/evtx/reader.js';
import { count, emptyStats, inputStats, type InputStats } from '../events/read-stats.js';
import type { EventReader, ReadItem } from '../events/reader.js';
import type { EventSource, SourceBatch } from './source.js';

/** Where one followed path stands: the file (inode) being read, the bytes and lines consumed. */
export interface FilePosition {
  ino: number;
  offset: number;
  line: number;
  /** .evtx: the last EventRecordID read (the offset is a chunk boundary). */
  record?: number;
}

export type FollowPosition = Record<string, FilePosition>;

export interface FollowOptions {
  /** Read every file as this format (a name in `readers`) instead of sniffing. */
  format?: string;
  /** How often files are checked for new bytes (ms). */
  pollMs?: number;
  /** At most this many bytes per read, so one batch stays small. */
  maxBatchBytes?: number;
}

const DEFAULT_POLL_MS = 250;
const DEFAULT_BATCH_BYTES = 1 << 20;
/** Formats whose records are not line-delimited, with the text that ends a record. */
const RECORD_ENDS: Record<string, Buffer> = { xml: Buffer.from('</Event>') };

interface Followed {
  path: string;
  fd?: number;
  ino: number;
  offset: number;
  line: number;
  record?: number;
  reader?: EventReader;
  counts?: InputStats;
  /** A rotated-away file (same path, old inode) to finish first, when found at restore. */
  rotated?: { fd: number; ino: number; offset: number; line: number; record?: number };
}

/** Where a read left a file: the next byte, the lines before it and (.evtx) the last record read. */
interface Reached {
  offset: number;
  line: number;
  record?: number;
}

/** End of the last whole record in `buf` (0 when none is complete yet). */
function wholeRecords(buf: Buffer, format: string): number {
  const end = RECORD_ENDS[format];
  if (end) {
    const at = buf.lastIndexOf(end);
    return at === -1 ? 0 : at + end.length;
  }
  return buf.lastIndexOf(0x0a) + 1;
}

function newlines(buf: Buffer): number {
  let n = 0;
  for (let at = buf.indexOf(0x0a); at !== -1; at = buf.indexOf(0x0a, at + 1)) n++;
  return n;
}

function readRange(fd: number, offset: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, offset + done);
    if (n === 0) break;
    done += n;
  }
  return buf.subarray(0, done);
}

/** Parse one batch of whole records with `reader`, numbering lines from `firstLine` on. */
async function parse(reader: EventReader, name: string, bytes: Buffer, lineBefore: number): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of reader.read({ name, open: () => Readable.from([bytes]) })) {
    if (lineBefore > 0) {
      if (item.kind === 'event') {
        const provenance = item.event[PROVENANCE_KEY] as Provenance | undefined;
        if (provenance?.line !== undefined) provenance.line += lineBefore;
      } else if (item.diagnostic.where.line !== undefined) {
        item.diagnostic.where.line += lineBefore;
      }
    }
    items.push(item);
  }
  return items;
}

/** A file in the same directory with this inode: where a rotated file went. */
function findByInode(path: string, ino: number): string | undefined {
  const dir = dirname(path);
  try {
    for (const name of readdirSync(dir)) {
      const candidate = join(dir, name);
      try {
        if (statSync(candidate).ino === ino) return candidate;
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    return undefined;
  }
  return undefined;
}

export function followSource(paths: readonly string[], options: FollowOptions = {}): EventSource {
  const stats = emptyStats();
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const maxBytes = options.maxBatchBytes ?? DEFAULT_BATCH_BYTES;
  let stopped = false;
  let wake: (() => void) | undefined;
  const files: Followed[] = paths.map((path) => ({ path, ino: -1, offset: 0, line: 0 }));

  const position = (): FollowPosition =>
    Object.fromEntries(files.filter((f) => f.ino !== -1).map((f) => [f.path, { ino: f.ino, offset: f.offset, line: f.line, ...(f.record !== undefined ? { record: f.record } : {}) }]));

  function problem(code: 'unreadable-input' | 'unknown-format', message: string, file: string): SourceBatch {
    const d: Diagnostic = diagnostic('error', code, message, { file });
    stats.problems.push(d);
    return { partition: 0, items: [{ kind: 'skip', diagnostic: d }], position: position() };
  }

  function readerFor(file: Followed, head: Buffer): EventReader | undefined {
    if (options.format !== undefined) return readers[options.format];
    return sniffReader(head);
  }

  /** Up to `maxBytes` of whole records from `fd` at `offset`; `final`: the file will not grow (rotated away). */
  function take(fd: number, offset: number, final: boolean, format: string | undefined): Buffer {
    const size = fstatSync(fd).size;
    if (size <= offset) return Buffer.alloc(0);
    const bytes = readRange(fd, offset, Math.min(maxBytes, size - offset));
    if (format === undefined) return bytes;
    const end = final && offset + bytes.length >= size ? bytes.length : wholeRecords(bytes, format);
    return bytes.subarray(0, end);
  }

  /** Whole .evtx chunks after `at` that the header declares written (all present ones when `final`). */
  function evtxChunks(file: Followed, fd: number, at: Reached, final: boolean): { items: ReadItem[]; reached: Reached } | undefined {
    const header = readRange(fd, 0, FILE_HEADER_SIZE);
    if (header.length < FILE_HEADER_SIZE) return undefined;
    const first = at.offset <= FILE_HEADER_SIZE ? 0 : Math.floor((at.offset - FILE_HEADER_SIZE) / CHUNK_SIZE);
    const whole = Math.floor((fstatSync(fd).size - FILE_HEADER_SIZE) / CHUNK_SIZE);
    const ready = final ? whole : Math.min(whole, declaredChunks(header));
    const chunks = Math.min(ready - first, Math.max(1, Math.floor(maxBytes / CHUNK_SIZE)));
    if (chunks <= 0) return undefined;
    const items = evtxChunkItems(header, readRange(fd, FILE_HEADER_SIZE + first * CHUNK_SIZE, chunks * CHUNK_SIZE), first, file.path);
    let record = at.record;
    for (const item of items) if (item.kind === 'event') record = (item.event[PROVENANCE_KEY] as Provenance).record ?? record;
    return { items, reached: { offset: FILE_HEADER_SIZE + (first + chunks) * CHUNK_SIZE, line: 0, ...(record !== undefined ? { record } : {}) } };
  }

  /** The next whole records of `fd` after `at`, parsed; undefined when there are none yet. */
  async function readMore(file: Followed, fd: number, at: Reached, final: boolean): Promise<{ items: ReadItem[]; reached: Reached } | undefined> {
    let read: { items: ReadItem[]; reached: Reached } | undefined;
    if (file.reader!.format === 'evtx') {
      read = evtxChunks(file, fd, at, final);
    } else {
      const bytes = take(fd, at.offset, final, file.reader!.format);
      if (bytes.length > 0) read = { items: await parse(file.reader!, file.path, bytes, at.line), reached: { offset: at.offset + bytes.length, line: at.line + newlines(bytes) } };
    }
    for (const item of read?.items ?? []) count(stats, file.counts!, item);
    return read;
  }

  /** The next batch of one file, or undefined when it has nothing new. */
  async function poll(file: Followed): Promise<SourceBatch | undefined> {
    if (file.rotated) {
      const old = file.rotated;
      const read = file.reader ? await readMore(file, old.fd, old, true) : undefined;
      if (read) {
        Object.assign(old, read.reached);
        // The checkpoint still names the old inode until it is finished.
        Object.assign(file, { ino: old.ino }, read.reached);
        return { partition: 0, items: read.items, position: position() };
      }
      closeSync(old.fd);
      file.rotated = undefined;
      file.ino = -1;
    }
    let ino: number;
    let size: number;
    try {
      const info = statSync(file.path);
      ino = info.ino;
      size = info.size;
    } catch {
      return undefined; // between rotation and the new file's creation: wait
    }
    if (file.fd !== undefined && ino !== file.ino) {
      // Rotated: finish the old file (it no longer grows), then start on the new one.
      file.rotated = { fd: file.fd, ino: file.ino, offset: file.offset, line: file.line, record: file.record };
      file.fd = undefined;
      file.ino = -1;
      return poll(file);
    }
    if (file.fd === undefined) {
      try {
        file.fd = openSync(file.path, 'r');
      } catch (err) {
        return problem('unreadable-input', `cannot follow input: ${(err as Error).message}`, file.path);
      }
      const opened = fstatSync(file.fd).ino;
      if (file.ino !== opened) Object.assign(file, { ino: opened, offset: 0, line: 0, record: undefined });
    } else if (size < file.offset) {
      // Truncated in place (copytruncate): the file starts again.
      Object.assign(file, { offset: 0, line: 0, record: undefined });
    }
    if (!file.reader) {
      const head = readRange(file.fd, 0, Math.min(size, 64 * 1024));
      // A text format is told by its first whole line; .evtx by its signature.
      const binary = readers.evtx.sniff(head);
      if (head.length === 0 || (options.format === undefined && !binary && head.indexOf(0x0a) === -1 && head.length < 64 * 1024)) return undefined;
      const reader = readerFor(file, head);
      if (!reader) return problem('unknown-format', `no reader recognises this input (formats: ${Object.keys(readers).join(', ')}); use --format`, file.path);
      file.reader = reader;
      file.counts = inputStats(stats, file.path, reader.format);
    }
    const read = await readMore(file, file.fd, file, false);
    if (!read) return undefined;
    Object.assign(file, read.reached);
    return { partition: 0, items: read.items, position: position() };
  }

  function restore(saved: FollowPosition | undefined): void {
    if (!saved) return;
    for (const file of files) {
      const at = saved[file.path];
      if (!at || typeof at.ino !== 'number') continue;
      const current = (() => {
        try {
          return statSync(file.path);
        } catch {
          return undefined;
        }
      })();
      const reached = { offset: at.offset, line: at.line, ...(typeof at.record === 'number' ? { record: at.record } : {}) };
      if (current && current.ino === at.ino) {
        if (current.size >= at.offset) Object.assign(file, { ino: at.ino }, reached);
        continue;
      }
      // Rotated while we were down: finish the old file where it went, then read the new one.
      const moved = findByInode(file.path, at.ino);
      if (moved && basename(moved) !== basename(file.path)) {
        const fd = openSync(moved, 'r');
        file.rotated = { fd, ino: at.ino, ...reached };
        Object.assign(file, { ino: at.ino }, reached);
        const head = readRange(fd, 0, 64 * 1024);
        const reader = readerFor(file, head);
        if (reader) {
          file.reader = reader;
          file.counts = inputStats(stats, file.path, reader.format);
        }
      }
    }
  }

  async function* batches(resume: ReadonlyMap<number, unknown>): AsyncGenerator<SourceBatch> {
    restore(resume.get(0) as FollowPosition | undefined);
    try {
      while (!stopped) {
        let any = false;
        for (const file of files) {
          if (stopped) break;
          const batch = await poll(file);
          if (batch) {
            any = true;
            yield batch;
          }
        }
        if (!any && !stopped) {
          await Promise.race([sleep(pollMs), new Promise<void>((resolve) => (wake = resolve))]);
          wake = undefined;
        }
      }
    } finally {
      for (const file of files) {
        if (file.fd !== undefined) closeSync(file.fd);
        if (file.rotated) closeSync(file.rotated.fd);
      }
    }
  }

  return {
    partitions: [0],
    open: (resume) => batches(resume),
    stop() {
      stopped = true;
      wake?.();
    },
    stats,
  };
}
