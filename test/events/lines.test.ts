/** Line splitting never holds more than one bounded line: an over-long line is reported, the next is read. */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readLines } from '../../engine/events/lines.js';

async function collect(chunks: string[], max: number) {
  const out = [];
  for await (const line of readLines(Readable.from(chunks.map((c) => Buffer.from(c))), max)) out.push(line);
  return out;
}

describe('readLines', () => {
  it('reports a huge line by size and keeps going, across chunk boundaries', async () => {
    const huge = 'x'.repeat(250);
    const lines = await collect(['{"a":1}\n' + huge.slice(0, 100), huge.slice(100), '\r\n{"b":2}\nlast'], 64);
    expect(lines).toEqual([
      { number: 1, text: '{"a":1}' },
      { number: 2, text: '', tooLong: 251 },
      { number: 3, text: '{"b":2}' },
      { number: 4, text: 'last' },
    ]);
  });
});
