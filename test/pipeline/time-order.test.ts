/** Time order across inputs, duplicates and suppression (issue 13 deliverables 3 and 4), as library stages. */
import { describe, expect, it } from 'vitest';
import { createDuplicateFilter } from '../../engine/pipeline/duplicates.js';
import { mergeByTime } from '../../engine/pipeline/time-order.js';
import { Suppressor } from '../../engine/pipeline/suppression.js';
import type { ReadItem } from '../../engine/events/reader.js';
import type { DetectionHit } from '../../engine/hit.js';
import { diagnostic } from '../../engine/diagnostics.js';

const at = (second: number, tag: string): ReadItem => ({ kind: 'event', event: { EventID: 1, UtcTime: `2024-05-01 10:00:${String(second).padStart(2, '0')}.000`, tag } });
async function* from(items: ReadItem[]): AsyncGenerator<ReadItem> {
  yield* items;
}
async function tags(stream: AsyncIterable<ReadItem>): Promise<string[]> {
  const out: string[] = [];
  for await (const item of stream) out.push(item.kind === 'event' ? String(item.event.tag) : `skip:${item.diagnostic.message}`);
  return out;
}

describe('mergeByTime', () => {
  it('two interleaved inputs come out in event time', async () => {
    const a = [at(0, 'a0'), at(2, 'a2'), at(4, 'a4')];
    const b = [at(1, 'b1'), at(3, 'b3'), at(5, 'b5')];
    expect(await tags(mergeByTime([from(a), from(b)]))).toEqual(['a0', 'b1', 'a2', 'b3', 'a4', 'b5']);
  });
  it('equal times keep input order', async () => {
    expect(await tags(mergeByTime([from([at(1, 'a1'), at(1, 'a1b')]), from([at(1, 'b1')])]))).toEqual(['a1', 'a1b', 'b1']);
  });
  it('inside the reorder window an input out of order is put right; beyond it, it is left', async () => {
    const a = [at(0, 'a0'), at(5, 'a5'), at(3, 'a3'), at(20, 'a20'), at(30, 'a30'), at(10, 'a10')];
    expect(await tags(mergeByTime([from(a), from([])], { windowMs: 4_000 }))).toEqual(['a0', 'a3', 'a5', 'a20', 'a10', 'a30']);
  });
  it('skips pass at once and a single input is not reordered', async () => {
    const skip: ReadItem = { kind: 'skip', diagnostic: diagnostic('error', 'read-error', 'bad', { file: 'x' }) };
    expect(await tags(mergeByTime([from([at(5, 'a5'), skip, at(1, 'a1')])]))).toEqual(['a5', 'skip:bad', 'a1']);
  });
  it('the window is bounded by count too', async () => {
    const a = [at(9, 'a9'), at(8, 'a8'), at(7, 'a7')];
    expect(await tags(mergeByTime([from(a), from([])], { windowMs: 60_000, maxBuffered: 1 }))).toEqual(['a8', 'a7', 'a9']);
  });
});

describe('duplicate filter', () => {
  const ev = (Computer: string, Channel: string, EventRecordID?: string) => ({ EventID: 1, Computer, Channel, EventRecordID, UtcTime: '2024-05-01 10:00:00.000' });
  it.each([
    ['same host, channel and record: dropped', [ev('a', 's', '1'), ev('a', 's', '1')], [true, false], 1],
    ['another channel: kept', [ev('a', 's', '1'), ev('a', 't', '1')], [true, true], 0],
    ['another host: kept', [ev('a', 's', '1'), ev('b', 's', '1')], [true, true], 0],
    ['no record id: never a duplicate', [ev('a', 's'), ev('a', 's')], [true, true], 0],
  ])('%s', (_name, events, firsts, dropped) => {
    const filter = createDuplicateFilter();
    expect(events.map((e) => filter.first(e))).toEqual(firsts);
    expect(filter.dropped).toBe(dropped);
  });
  it('memory is bounded by maxKeys', () => {
    const filter = createDuplicateFilter({ maxKeys: 2 });
    for (const id of ['1', '2', '3']) filter.first(ev('a', 's', id));
    expect(filter.first(ev('a', 's', '1'))).toBe(true);
  });
});

describe('Suppressor', () => {
  const hit = (second: number, User: string, title = 'r'): DetectionHit => ({
    kind: 'detection',
    rule: { title, tags: [], path: `${title}.yml` },
    attack: { techniques: [], tactics: [] },
    time: `2024-05-01T10:00:${String(second).padStart(2, '0')}.000Z`,
    event: { EventID: 1, User },
  });
  it('one hit per rule and field values per window, with the count on it', () => {
    const s = new Suppressor({ fields: ['User'], windowMs: 10_000 });
    const out = [hit(0, 'bob'), hit(1, 'bob'), hit(2, 'alice'), hit(3, 'bob'), hit(4, 'bob', 'other'), hit(12, 'bob')].flatMap((h) => s.push(h));
    out.push(...s.flush());
    expect(out.map((h) => `${h.rule.title}:${h.kind === 'detection' ? h.event.User : ''}@${h.time?.slice(17, 19)}+${h.kind === 'detection' ? h.suppressed ?? 0 : 0}`)).toEqual(['r:bob@00+2', 'r:alice@02+0', 'other:bob@04+0', 'r:bob@12+0']);
    expect(s.suppressed).toBe(2);
  });
});
