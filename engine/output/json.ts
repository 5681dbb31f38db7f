/** Hits as one JSON array (for tools that read a whole document), each hit as NDJSON would write it. */
import type { Hit } from '../hit.js';
import { put } from './put.js';
import type { HitWriter, WriterDefinition } from './writer.js';

export class JsonArrayWriter implements HitWriter {
  private first = true;

  constructor(private readonly out: NodeJS.WritableStream) {}

  async write(hit: Hit): Promise<void> {
    await put(this.out, (this.first ? '[\n' : ',\n') + JSON.stringify(hit));
    this.first = false;
  }

  async end(): Promise<void> {
    await put(this.out, this.first ? '[]\n' : '\n]\n');
    this.first = true;
  }
}

export const jsonWriter: WriterDefinition = {
  name: 'json',
  description: 'all hits as one JSON array',
  create: ({ out }) => new JsonArrayWriter(out),
};
