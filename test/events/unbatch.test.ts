import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { evtxReader } from '../../engine/events/evtx/reader.js';
import { unbatch } from '../../engine/events/unbatch.js';
import { buildChunk, buildEvtx } from './evtx-builder.js';

async function* batches(log: string[]): AsyncGenerator<number[]> {
  try {
    yield [1, 2];
    yield [];
    yield [3];
    yield [4, 5];
  } finally {
    log.push('closed');
  }
}

describe('unbatch', () => {
  it('yields every item in order, skipping empty batches', async () => {
    const log: string[] = [];
    const seen: number[] = [];
    for await (const n of unbatch(batches(log))) seen.push(n);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(log).toEqual(['closed']);
  });

  it('closes the source when the consumer stops early', async () => {
    const log: string[] = [];
    const seen: number[] = [];
    for await (const n of unbatch(batches(log))) {
      seen.push(n);
      if (n === 3) break;
    }
    expect(seen).toEqual([1, 2, 3]);
    expect(log).toEqual(['closed']);
  });

  it('lets an .evtx consumer stop early and destroys the input stream', async () => {
    const stream = Readable.from([buildEvtx([buildChunk([{ id: 1, fields: [] }]), buildChunk([{ id: 2, fields: [] }])])]);
    for await (const item of evtxReader.read({ name: 's.evtx', open: () => stream })) {
      expect(item.kind).toBe('event');
      break;
    }
    expect(stream.destroyed).toBe(true);
  });
});
