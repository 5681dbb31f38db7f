/** Hits as NDJSON, one object per line, with stream backpressure respected. */
import { once } from 'node:events';
import type { Hit } from './hit.js';

export interface HitWriter {
  write(hit: Hit): Promise<void> | void;
  end(): Promise<void> | void;
}

export class NdjsonWriter implements HitWriter {
  constructor(private readonly out: NodeJS.WritableStream) {}

  async write(hit: Hit): Promise<void> {
    if (!this.out.write(JSON.stringify(hit) + '\n')) await once(this.out, 'drain');
  }

  end(): void {}
}
