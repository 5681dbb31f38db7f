/**
 * Serialize once (issue 14, deliverable 1): the NDJSON writer composes lines from pre-serialized
 * rule, attack and event texts; its output must be byte-identical to `JSON.stringify` of each hit.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Hit } from '../../engine/hit.js';
import { HitJson } from '../../engine/hit-json.js';
import { NdjsonWriter } from '../../engine/output/ndjson.js';
import { createEngine } from '../../engine/pipeline/engine.js';
import { correlate, hit, min } from '../helpers/hits.js';
import { hasShared, sharedDir, sharedNotice } from '../helpers/rules.js';

/** A sink that keeps what it is given and reports backpressure on every `highWater`-th write. */
function collector(highWater = Infinity) {
  const chunks: string[] = [];
  let writes = 0;
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
    highWaterMark: highWater === Infinity ? 1 << 30 : 1,
  });
  return { out, text: () => chunks.join(''), writes: () => ++writes };
}

async function written(hits: Hit[], highWater?: number): Promise<string> {
  const sink = collector(highWater);
  const writer = new NdjsonWriter(sink.out);
  for (const h of hits) {
    const wait = writer.write(h);
    if (wait) await wait;
  }
  await writer.end();
  return sink.text();
}

const expected = (hits: Hit[]) => hits.map((h) => JSON.stringify(h) + '\n').join('');

sharedNotice('byte-identical NDJSON on the shared regression events');

describe('NdjsonWriter output is JSON.stringify of each hit, byte for byte', () => {
  it.skipIf(!hasShared)('on the shared regression events with all SigmaHQ rules', async () => {
    const engine = await createEngine([resolve(sharedDir, 'sigmahq/rules')]);
    const dir = resolve(sharedDir, 'sigmahq/regression');
    const hits: Hit[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ndjson')).sort()) {
      for (const line of readFileSync(resolve(dir, file), 'utf8').split('\n')) {
        if (line.trim() !== '') hits.push(...engine.detector.process(JSON.parse(line)));
      }
    }
    hits.push(...engine.detector.flush());
    // Several hits share one event, rule and attack object: the cached paths are exercised.
    expect(hits.length).toBeGreaterThan(150);
    expect(new Set(hits.map((h) => (h.kind === 'detection' ? h.event : h))).size).toBeLessThan(hits.length);
    expect(await written(hits)).toBe(expected(hits));
  });

  it('on correlation hits that nest base and inner correlation hits', async () => {
    const chained = `
title: many failed logins
name: multiple_failed_login
correlation: {type: event_count, rules: login_fail, group-by: [User], timespan: 10m, condition: {gte: 3}}
---
title: brute force success
name: brute_force_success
correlation: {type: temporal_ordered, rules: [multiple_failed_login, login_ok], group-by: [User], timespan: 10m}
`;
    const fail = (m: number) => [min(m), hit('login_fail', { User: 'bob', Note: 'quote " and \\ and \u2028' })] as [number, ReturnType<typeof hit>];
    const { hits } = correlate(chained, [fail(0), fail(1), fail(2), [min(5), hit('login_ok', { User: 'bob' })]]);
    expect(hits).toHaveLength(2);
    expect(await written(hits)).toBe(expected(hits));
  });

  it.each([
    ['optional keys absent and undefined', { ...hit('a'), time: undefined, source: undefined }],
    ['keys in an unusual order', { event: { EventID: 3 }, kind: 'detection', attack: { techniques: [], tactics: [] }, rule: { title: 't', tags: [], path: 'p' } }],
    ['a hit followed by its copy (another event object)', hit('b', { Image: 'x' })],
  ] as Array<[string, Hit]>)('%s', async (_name, h) => {
    const json = new HitJson();
    expect(json.text(h)).toBe(JSON.stringify(h));
    const copy = structuredClone(h);
    expect(json.text(copy)).toBe(JSON.stringify(copy));
  });

  it('waits for drain under backpressure and loses nothing', async () => {
    const hits = Array.from({ length: 2000 }, (_, i) => hit('a', { N: i, Pad: 'x'.repeat(100) }));
    expect(await written(hits, 1)).toBe(expected(hits));
  });
});
