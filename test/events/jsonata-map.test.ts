import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileMapping, MAP_BUDGET } from '../../engine/events/jsonata-map.js';
import { readEvents } from '../../engine/events/read-events.js';
import type { ReadItem } from '../../engine/events/reader.js';
import { bare, eventsOf, problemsOf } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const inSamples = (name: string) => path.join(ROOT, 'samples/mappings', name);

async function run(specs: string[], map: string): Promise<{ items: ReadItem[]; stats: ReturnType<typeof readEvents>['stats'] }> {
  const stream = readEvents(specs, { map, progress: false });
  const items: ReadItem[] = [];
  for await (const item of stream) items.push(item);
  return { items, stats: stream.stats };
}

describe('JSONata mappings', () => {
  it('locates a compile error in the mapping file', () => {
    const result = compileMapping('{\n  "EventID": 1,\n  "Image": foo.(bar\n}', 'm.jsonata');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.diagnostic.code).toBe('map-syntax');
      expect(result.diagnostic.where).toMatchObject({ file: 'm.jsonata', line: 4, col: 1 });
    }
  });

  it('normalizes what a mapping gives: EventID a number, scalars strings, nulls dropped', async () => {
    const result = compileMapping('{"EventID": id, "ProcessId": pid, "Initiated": ok, "Gone": null, "Image": exe}', 'm');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(await result.shape.toEvent({ id: '3', pid: 42, ok: true, exe: 'a.exe' })).toEqual({ EventID: 3, ProcessId: '42', Initiated: 'true', Image: 'a.exe' });
    expect(await result.shape.toEvent({ id: 'x' })).toMatch(/EventID "x", not a number/);
    expect(await result.shape.toEvent({})).toEqual({});
    const arrayMap = compileMapping('[1, 2]', 'm');
    if (arrayMap.ok) expect(await arrayMap.shape.toEvent({})).toMatch(/an array, not an object/);
  });

  it('the shipped osquery mapping reads its sample; an evaluation error is located and counted', async () => {
    const { items, stats } = await run([inSamples('osquery-results.ndjson')], inSamples('osquery.jsonata'));
    expect(bare(eventsOf(items)).map((e) => [e.EventID, e.Image, e.UtcTime])).toEqual([
      [1, '/usr/bin/wget', '2026-03-01 12:00:02.000'],
      [3, '/usr/bin/wget', '2026-03-01 12:00:03.000'],
    ]);
    expect(problemsOf(items)).toEqual(['skip map-error 3:']);
    const skip = items.find((i) => i.kind === 'skip');
    expect(skip?.kind === 'skip' && skip.diagnostic.message).toMatch(/osquery\.jsonata:\d+:\d+: unsupported osquery query: file_events/);
    expect(stats.inputs[0]).toMatchObject({ events: 2, skipped: 1, byCode: { 'map-error': 1 } });
  });

  it('the shipped custom SIEM and Splunk mappings read their samples', async () => {
    const siem = await run([inSamples('custom-siem.ndjson')], inSamples('custom-siem.jsonata'));
    expect(bare(eventsOf(siem.items)).map((e) => [e.EventID, e.Image, e.ProcessId])).toEqual([
      [1, 'C:\\Windows\\System32\\cmd.exe', '7232'],
      [11, 'C:\\Windows\\System32\\certutil.exe', '7300'],
    ]);
    expect(siem.stats.skipped).toBe(1);
    const splunk = await run([inSamples('splunk-export.json')], inSamples('splunk-export.jsonata'));
    expect(bare(eventsOf(splunk.items))).toEqual([
      { Computer: 'ws01.example.test', Channel: 'Microsoft-Windows-Sysmon/Operational', UtcTime: '2026-03-01 12:00:00.123', Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'cmd.exe /c whoami', ParentImage: 'C:\\Windows\\explorer.exe', ProcessId: '7232', EventID: 1 },
      { Computer: 'ws01.example.test', Image: 'C:\\Windows\\System32\\certutil.exe', DestinationIp: '203.0.113.7', DestinationPort: '443', EventID: 3 },
    ]);
  });

  it('a mapping that does not compile stops the read with one located problem', async () => {
    const { items, stats } = await run([inSamples('custom-siem.ndjson')], path.join(ROOT, 'test/events/fixtures/broken.jsonata'));
    expect(eventsOf(items)).toEqual([]);
    expect(stats.problems.map((d) => [d.code, d.where.line, d.where.col])).toEqual([['map-syntax', 3, 1]]);
  });
});

describe('F15 JSONata mappings are bounded per record', () => {
  // A short time budget keeps the hang case quick; the sizes are the defaults.
  const toEvent = async (source: string, record: Record<string, unknown>) => {
    const compiled = compileMapping(source, 'm.jsonata', { ...MAP_BUDGET, timeout: 200 });
    if (!compiled.ok) throw new Error(compiled.diagnostic.message);
    return compiled.shape.toEvent(record);
  };
  const wide = Object.fromEntries(Array.from({ length: 100_001 }, (_, i) => [`k${i}`, i]));
  it.each([
    ['a non-terminating recursive function', '($loop := function($n) { $loop($n + 1) }; {"EventID": 1, "X": $loop(0)})', {}, /timeout after 200 milliseconds.*D1012/],
    ['a 10-million-element range', '{"EventID": 1, "X": $map([1..10000000], function($v) { $v * 2 })}', {}, /maximum sequence length.*D2015/],
    ['a quadratic $append', '{"EventID": 1, "X": $reduce([1..10000], function($a, $v) { $append($a, [1..10000]) }, [])}', {}, /maximum sequence length.*D2015/],
    ['a result over 100,000 values', '{"EventID": 1, "X": wide}', { wide }, /more than 100000 values/],
    ['a result nested over 64 deep', '{"EventID": 1, "X": deep}', { deep: JSON.parse('{"a":'.repeat(70) + '1' + '}'.repeat(70)) }, /nests more than 64 deep/],
  ])("F15 %s is that record's error, not a hang or an out-of-memory abort", async (_name, source, record, message) => {
    const result = await toEvent(source, record);
    expect(typeof result).toBe('string');
    expect(result).toMatch(message);
  });

  it('F15 the default budget: 5 s, depth 500, sequences of 10,000', () => {
    expect(MAP_BUDGET).toEqual({ timeout: 5000, stack: 500, sequence: 10_000 });
  });

  it('F15 the record after a failing one is still mapped (located skip, stream goes on)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sigstream-map-'));
    writeFileSync(path.join(dir, 'm.jsonata'), '{"EventID": 1, "Image": explode ? $map([1..10000000], function($v) { $v }) : Image}');
    writeFileSync(path.join(dir, 'in.ndjson'), '{"explode": true}\n{"Image": "b"}\n');
    const { items, stats } = await run([path.join(dir, 'in.ndjson')], path.join(dir, 'm.jsonata'));
    rmSync(dir, { recursive: true });
    expect(eventsOf(items).map((e) => e.Image)).toEqual(['b']);
    expect(problemsOf(items)).toEqual(['skip map-error 1:']);
    expect([stats.events, stats.skipped]).toEqual([1, 1]);
  });
});
