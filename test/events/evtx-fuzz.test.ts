/**
 * Fuzzing the .evtx reader with fast-check: mutated and truncated files never make it throw or
 * hang, every diagnostic is located, and damage to one record costs only that record.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../engine/diagnostics.js';
import { FUZZ_SEED, fuzzRuns } from '../helpers/fuzz.js';
import { buildChunk, buildEvtx, fixChecksums, val, type BuildRecord } from './evtx-builder.js';
import { readEvtx, REGRESSION_DIR, withoutProvenance } from './evtx-helpers.js';

/** Runs per property (`npm run fuzz` scales them); EVTX_FUZZ_RUNS sets them outright. */
const RUNS = Number(process.env.EVTX_FUZZ_RUNS ?? fuzzRuns(150));

function records(first: number, count: number): BuildRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    id: first + i,
    eventId: 1 + (i % 3),
    activityId: i % 2 ? val.guid('{8E521E2B-7C26-0001-417F-9C8E267CDB01}') : val.null(),
    fields: [
      { name: 'Image', value: val.string(`C:\\Tools\\tool${i}.exe`) },
      { name: 'ProcessId', value: val.uint32(1000 + i) },
      { name: 'LogonId', value: val.hex64(BigInt(0x3e7 + i)) },
      { name: 'User', value: val.sid('S-1-5-18') },
      { name: 'Extra', value: val.binxml('Inner', `v${i}`) },
    ],
  }));
}

const seeds: Array<[string, Buffer]> = [
  ['shared-templates.evtx', buildEvtx([buildChunk(records(1, 12), { shareTemplates: true }), buildChunk(records(13, 12), { shareTemplates: true })])],
];
if (REGRESSION_DIR !== undefined) {
  // The corpus files with several events (shared templates across records).
  for (const id of ['8fbf3271-1ef6-4e94-8210-03c2317947f6', '5299fadf-f228-4526-8274-251db1960be9']) {
    const file = path.join(REGRESSION_DIR, 'evtx', `${id}.evtx`);
    if (fs.existsSync(file)) seeds.push([`${id}.evtx`, fs.readFileSync(file)]);
  }
}

const CODES = new Set(['evtx-header', 'evtx-wrapped', 'evtx-truncated', 'evtx-chunk', 'evtx-chunk-checksum', 'evtx-record', 'evtx-binxml']);

function expectLocated(name: string, d: Diagnostic): void {
  expect(d.where.file).toBe(name);
  expect(['error', 'warning']).toContain(d.severity);
  expect(CODES.has(d.code)).toBe(true);
  const fileLevel = d.code === 'evtx-header' || d.code === 'evtx-wrapped' || (d.code === 'evtx-truncated' && d.message.includes('file header'));
  if (!fileLevel) {
    expect(d.message).toMatch(/chunk \d+ @0x[0-9a-f]+ \(file offset 0x[0-9a-f]+\)/);
  }
  if (d.code === 'evtx-binxml') expect(d.where.record).toBeTypeOf('number');
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('zero' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4096 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(seed: Buffer, m: Mutation, consistent: boolean): Buffer {
  let out = Buffer.from(seed);
  if (m.kind === 'flip') for (const [at, byte] of m.at) out[at % out.length] = byte;
  else if (m.kind === 'truncate') out = out.subarray(0, m.at % (out.length + 1));
  else if (m.kind === 'zero') out.fill(0, m.at % out.length, Math.min(out.length, (m.at % out.length) + m.length));
  else out = Buffer.concat([out.subarray(0, m.at % out.length), Buffer.from(m.bytes), out.subarray(m.at % out.length)]);
  if (consistent) fixChecksums(out);
  return out;
}

describe('evtx reader under fuzzing', () => {
  it.each(seeds.map(([name, seed]) => [name, seed] as const))('never throws and locates every diagnostic: %s', async (name, seed) => {
    await fc.assert(
      fc.asyncProperty(mutation, fc.boolean(), async (m, consistent) => {
        const { events, diagnostics } = await readEvtx(name, mutate(seed, m, consistent));
        for (const d of diagnostics) expectLocated(name, d);
        for (const e of events) expect(e['@source']).toMatchObject({ input: name });
      }),
      { numRuns: RUNS, seed: FUZZ_SEED },
    );
  });

  it('a damaged record (checksums made consistent) costs only itself and is named', async () => {
    const clean = buildEvtx([buildChunk(records(1, 12))]);
    const original = (await readEvtx('one.evtx', clean)).events;
    // Record spans inside the chunk: offset and size, from the record headers.
    const spans: Array<[number, number, number]> = [];
    for (let at = 4096 + 512; clean.readUInt32LE(at) === 0x2a2a; at += clean.readUInt32LE(at + 4)) {
      spans.push([at, clean.readUInt32LE(at + 4), clean.readUInt32LE(at + 8)]);
    }
    expect(spans).toHaveLength(12);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 11 }), fc.nat(), fc.integer({ min: 1, max: 255 }), async (k, where, delta) => {
        const [start, size, id] = spans[k];
        const at = start + 24 + (where % (size - 28)); // inside the record's Binary XML
        const bytes = Buffer.from(clean);
        bytes[at] = (bytes[at] + delta) & 0xff;
        fixChecksums(bytes);
        const { events, diagnostics } = await readEvtx('one.evtx', bytes);
        const others = original.filter((_, j) => j !== k).map(withoutProvenance);
        const rest = events.map(withoutProvenance).filter((e) => !others.some((o) => JSON.stringify(o) === JSON.stringify(e)));
        // Every other record reads exactly as before ...
        expect(events.length - rest.length).toBe(11);
        // ... and record k gives either an event or one diagnostic naming it.
        expect(rest.length + diagnostics.length).toBe(1);
        for (const d of diagnostics) expect(d).toMatchObject({ code: 'evtx-binxml', where: { file: 'one.evtx', record: id } });
      }),
      { numRuns: RUNS * 2, seed: FUZZ_SEED },
    );
  });
});
