/** Hits as NDJSON, one object per line, with stream backpressure respected. */
import { once } from 'node:events';
import type { Hit } from '../hit.js';
import type { HitWriter, WriterDefinition } from './writer.js';

export class NdjsonWriter implements HitWriter {
  constructor(private readonly out: NodeJS.WritableStream) {}

  async write(hit: Hit): Promise<void> {
    if (!this.out.write(JSON.stringify(hit) + '\n')) await once(this.out, 'drain');
  }

  end(): void {}
}

export const ndjsonWriter: WriterDefinition = {
  name: 'ndjson',
  description: 'one hit per line as JSON (the default)',
  create: ({ out }) => new NdjsonWriter(out),
};
