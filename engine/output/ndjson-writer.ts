/**
 * Hits as NDJSON, one object per line, with stream backpressure respected. Lines are composed by
 * HitJson (constant parts serialized once) and handed to the stream in batches: one write per
 * batch instead of one per hit. A batch goes out when it is large, at the next turn of the event
 * loop (so a slow input still sees its hits promptly), and at `end`.
 */
import { once } from 'node:events';
import type { Hit } from './hit.js';
import { HitJson } from './hit-json.js';

export interface HitWriter {
  /** A promise only when the caller must wait (backpressure); most calls return nothing. */
  write(hit: Hit): Promise<void> | void;
  end(): Promise<void> | void;
}

const BATCH_CHARS = 64 * 1024;

export class NdjsonWriter implements HitWriter {
  private readonly json = new HitJson();
  private pending = '';
  private scheduled: NodeJS.Immediate | undefined;
  private drained: Promise<void> | undefined;

  constructor(private readonly out: NodeJS.WritableStream) {}

  write(hit: Hit): Promise<void> | void {
    this.pending += this.json.text(hit) + '\n';
    if (this.pending.length >= BATCH_CHARS) this.flush();
    else this.scheduled ??= setImmediate(() => this.flush());
    return this.drained;
  }

  async end(): Promise<void> {
    this.flush();
    await this.drained;
  }

  private flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    if (!this.out.write(text) && !this.drained) {
      this.drained = once(this.out, 'drain').then(() => {
        this.drained = undefined;
      });
    }
  }
}
