/**
 * Hits as NDJSON, one object per line, with stream backpressure respected. Lines are composed by
 * HitJson (constant parts serialized once) and encoded straight into a 64 KiB buffer that goes to
 * the stream in one write: no per-hit Buffer or syscall, and no long string to flatten (measured:
 * encoding each line into the buffer costs a quarter of joining lines into one string first). A
 * batch goes out when full, at the next turn of the event loop (so a slow input still sees its
 * hits promptly), and at `end`.
 */
import { once } from 'node:events';
import type { Hit } from '../hit.js';
import { HitJson } from '../hit-json.js';
import type { HitWriter, WriterDefinition } from './writer.js';

const BATCH_BYTES = 64 * 1024;
/** UTF-8 needs at most three bytes per UTF-16 code unit. */
const MAX_BYTES_PER_UNIT = 3;

export class NdjsonWriter implements HitWriter {
  private readonly json = new HitJson();
  private batch = Buffer.allocUnsafe(BATCH_BYTES);
  private used = 0;
  private scheduled: NodeJS.Immediate | undefined;
  private drained: Promise<void> | undefined;
  /** Settles once the stream has passed on the last batch written (writes complete in order). */
  private written: Promise<void> | undefined;
  private failed = false;

  constructor(private readonly out: NodeJS.WritableStream) {}

  write(hit: Hit): Promise<void> | void {
    return this.writeLines(this.json.text(hit) + '\n');
  }

  /** Lines already serialized by a HitJson (a sharded run's workers: UTF-8), each ending in a newline. */
  writeLines(lines: string | Uint8Array): Promise<void> | void {
    const room = typeof lines === 'string' ? lines.length * MAX_BYTES_PER_UNIT : lines.length;
    if (this.used + room > this.batch.length) {
      this.flush();
      if (room > this.batch.length) this.batch = Buffer.allocUnsafe(room);
    }
    if (typeof lines === 'string') this.used += this.batch.write(lines, this.used);
    else {
      this.batch.set(lines, this.used);
      this.used += lines.length;
    }
    this.scheduled ??= setImmediate(() => this.flush());
    return this.drained;
  }

  async end(): Promise<void> {
    this.flush();
    await this.drained;
    // A failed write is reported on a later tick: let it arrive before the caller sums up the run.
    await new Promise((resolve) => setImmediate(resolve));
  }

  /**
   * Hands the batch to the stream now, and settles once the stream has passed everything written so
   * far on (to the kernel, for a pipe or a file). A pipe is asynchronous on POSIX: a write it
   * accepted may still wait in the process when the reader is slow, and a kill loses it.
   */
  flush(): Promise<void> | undefined {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    if (this.used === 0) return this.written;
    // The stream may keep the written buffer: the next batch gets a fresh one.
    const full = this.batch.subarray(0, this.used);
    this.batch = Buffer.allocUnsafe(Math.max(BATCH_BYTES, this.batch.length));
    this.used = 0;
    if (this.failed) return undefined; // the output is gone: what is written after that has nowhere to go
    let accepted = false;
    // The callback also comes with a failed write's error, which reaches the stream's 'error' listeners.
    const written = new Promise<void>((resolve) => {
      try {
        accepted = this.out.write(full, () => resolve());
      } catch (err) {
        // A file stdout writes synchronously and throws (ENOSPC on a full disk): report it the way a
        // stream reports a failed write, as an 'error' event, so a flush from a timer never crashes.
        this.failed = true;
        this.out.emit('error', err);
        resolve();
      }
    });
    if (this.failed) return undefined;
    this.written = written;
    void written.then(() => {
      if (this.written === written) this.written = undefined;
    });
    if (!accepted && !this.drained) {
      // A failed stream rejects the wait; the failure itself reaches the stream's 'error' listeners.
      const settled = () => {
        this.drained = undefined;
      };
      this.drained = once(this.out, 'drain').then(settled, settled);
    }
    return written;
  }
}

export const ndjsonWriter: WriterDefinition = {
  name: 'ndjson',
  description: 'one hit per line as JSON (the default)',
  create: ({ out }) => new NdjsonWriter(out),
};
