import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { count, emptyStats, inputStats } from '../../engine/events/read-stats.js';
import type { NormalizedEvent } from '../../engine/event.js';
import { crc32, crc32Table } from '../../engine/events/evtx/crc32.js';
import { evtxReader } from '../../engine/events/evtx/reader.js';
import { buildChunk, buildEvtx, buildExpansionBomb, fixChecksums, val, type BuildField, type BuildRecord } from './evtx-builder.js';
import { readEvtx, withoutProvenance } from './evtx-helpers.js';

function record(id: number, fields: BuildField[], extra: Partial<BuildRecord> = {}): BuildRecord {
  return { id, fields, ...extra };
}

async function oneEvent(fields: BuildField[], extra: Partial<BuildRecord> = {}) {
  const { events, diagnostics } = await readEvtx('t.evtx', buildEvtx([buildChunk([record(7, fields, extra)])]));
  expect(diagnostics).toEqual([]);
  expect(events).toHaveLength(1);
  return events[0];
}

describe('evtx reader: format and sniffing', () => {
  it('is registered as format evtx and sniffs the ElfFile signature', () => {
    expect(evtxReader.format).toBe('evtx');
    expect(evtxReader.sniff(buildEvtx([]).subarray(0, 16))).toBe(true);
    expect(evtxReader.sniff(Buffer.from('{"EventID":1}'))).toBe(false);
    expect(evtxReader.sniff(Buffer.from('ElfF'))).toBe(false);
  });
});

describe('evtx reader: value types rendered as Windows renders them', () => {
  const cases: Array<[string, BuildField['value'], string]> = [
    ['string with trailing space and CRLF', val.string('cmd.exe /c x \r\n '), 'cmd.exe /c x \r\n '],
    ['string ending in NUL', val.string('abc\0'), 'abc'],
    ['ANSI string (windows-1252)', val.ansi('caf\xe9 \x80'), 'café €'],
    ['int8', val.int8(-5), '-5'],
    ['uint8', val.uint8(200), '200'],
    ['int16', val.int16(-300), '-300'],
    ['uint16', val.uint16(65535), '65535'],
    ['int32', val.int32(-1), '-1'],
    ['uint32', val.uint32(4294967295), '4294967295'],
    ['int64 beyond 2^53', val.int64(-9007199254740993n), '-9007199254740993'],
    ['uint64 max', val.uint64(18446744073709551615n), '18446744073709551615'],
    ['real32 (%e, three-digit exponent)', val.real32(1.1), '1.100000e+000'],
    ['real64 (%e, three-digit exponent)', val.real64(-0.1), '-1.000000e-001'],
    ['real64 large', val.real64(6.02e23), '6.020000e+023'],
    ['real64 infinity', val.real64(-Infinity), '-1.#INF'],
    ['bool true', val.bool(true), 'true'],
    ['bool false', val.bool(false), 'false'],
    ['binary as uppercase hex', val.binary('deadbeef00'), 'DEADBEEF00'],
    ['GUID in lowercase braces', val.guid('{5770385F-C22A-43E0-BF4C-06F5698FFBD9}'), '{5770385f-c22a-43e0-bf4c-06f5698ffbd9}'],
    ['size_t (32-bit) as hex', val.sizeT32(0x1fffff), '0x1fffff'],
    ['FILETIME with 100 ns', val.filetime('2025-10-22T20:33:27.2767027Z'), '2025-10-22T20:33:27.2767027Z'],
    ['FILETIME whole second', val.filetime('1999-12-31T23:59:59Z'), '1999-12-31T23:59:59.0000000Z'],
    ['SYSTEMTIME', val.systemtime(2024, 1, 2, 3, 4, 5, 678), '2024-01-02T03:04:05.6780000Z'],
    ['SID', val.sid('S-1-5-21-3623811015-3361044348-30300820-1013'), 'S-1-5-21-3623811015-3361044348-30300820-1013'],
    ['well-known SID', val.sid('S-1-5-18'), 'S-1-5-18'],
    ['hex int32 without padding', val.hex32(0x1fffff), '0x1fffff'],
    ['hex int64 without padding', val.hex64(0x529ae3n), '0x529ae3'],
    ['hex int64 high bit', val.hex64(0x8000000000000000n), '0x8000000000000000'],
    ['hex int64 with zero low word', val.hex64(0x100000000n), '0x100000000'],

    ['empty string', val.string(''), ''],
    ['Binary XML value rendered in place', val.binxml('Inner', 'nested text'), 'nested text'],
  ];
  it.each(cases)('%s', async (_label, value, expected) => {
    const event = await oneEvent([{ name: 'Field', value }]);
    expect(event.Field).toBe(expected);
  });

  it('renders system values: EventID number, record id, FILETIME, entity and char references', async () => {
    const event = await oneEvent([], { eventId: 4688 });
    expect(withoutProvenance(event)).toEqual({
      EventID: 4688,
      Level: '4',
      Task: 'a&bA',
      EventRecordID: '7',
      '@timestamp': '2025-10-22T20:33:27.2767027Z',
    });
    expect(event['@source']).toEqual({ input: 't.evtx', record: 7 });
  });

  it('leaves out an element whose optional content is NULL (libevtx), keeps an empty string', async () => {
    const event = await oneEvent([{ name: 'Gone', value: val.null() }, { name: 'Empty', value: val.string('') }]);
    expect(event).not.toHaveProperty('Gone');
    expect(event.Empty).toBe('');
  });

  it('drops an optional attribute whose value is NULL and keeps it when set', async () => {
    expect((await oneEvent([])).Correlation_ActivityID).toBeUndefined();
    const guid = val.guid('{8E521E2B-7C26-0001-417F-9C8E267CDB01}');
    expect((await oneEvent([], { activityId: guid })).Correlation_ActivityID).toBe('{8e521e2b-7c26-0001-417f-9c8e267cdb01}');
  });

  it('repeats the element for array values (libevtx: one element per item)', async () => {
    const event = await oneEvent([{ value: val.stringArray(['a', 'b c', '']) }, { value: val.uint16Array([1, 2]) }]);
    // Unnamed <Data> elements flatten to Data, Data1, …: the items in order.
    expect(withoutProvenance(event)).toMatchObject({ Data: 'a', Data1: 'b c', Data2: '', Data3: '1', Data4: '2' });
  });
});

describe('evtx reader: templates and streaming', () => {
  const records = Array.from({ length: 40 }, (_, i) =>
    record(100 + i, [
      { name: 'Image', value: val.string(`C:\\Windows\\p${i}.exe`) },
      { name: 'ProcessId', value: val.uint32(i) },
    ]),
  );

  it('reuses a template definition across the records of a chunk', async () => {
    const shared = buildEvtx([buildChunk(records, { shareTemplates: true })]);
    const separate = buildEvtx([buildChunk(records)]);
    expect(shared.length).toBe(separate.length); // both padded to one chunk
    const a = await readEvtx('a', shared);
    const b = await readEvtx('b', separate);
    expect(a.diagnostics).toEqual([]);
    expect(a.events.map(withoutProvenance)).toEqual(b.events.map(withoutProvenance));
    expect(a.events.map((e) => e.Image)).toEqual(records.map((_, i) => `C:\\Windows\\p${i}.exe`));
  });

  it('gives the same events whatever the stream piece size', async () => {
    const file = buildEvtx([buildChunk(records.slice(0, 20), { shareTemplates: true }), buildChunk(records.slice(20), { shareTemplates: true })]);
    const whole = await readEvtx('f', file);
    expect(whole.events).toHaveLength(40);
    for (const size of [5, 4096, 65535, 100000]) {
      expect((await readEvtx('f', file, size)).events).toEqual(whole.events);
    }
  });
});

describe('evtx reader: damaged input gives located diagnostics and keeps going', () => {
  const recs = [1, 2, 3].map((id) => record(id, [{ name: 'CommandLine', value: val.string(`cmd ${id}`) }]));
  const ids = (events: NormalizedEvent[]) => events.map((e) => e.EventRecordID);

  it('skips a record whose size copy is wrong, names it, and reads the next one', async () => {
    const chunk = buildChunk(recs);
    const second = chunk.indexOf(Buffer.from([0x2a, 0x2a, 0, 0]), 513);
    const size = chunk.readUInt32LE(second + 4);
    chunk.writeUInt32LE(size + 8, second + size - 4);
    const { events, diagnostics } = await readEvtx('bad.evtx', buildEvtx([chunk]));
    expect(ids(events)).toEqual(['1', '3']);
    expect(diagnostics.map((d) => d.code)).toEqual(['evtx-chunk-checksum', 'evtx-record']);
    const bad = diagnostics[1];
    expect(bad.where).toEqual({ file: 'bad.evtx', record: 2 });
    expect(bad.message).toContain(`chunk 0 @0x${second.toString(16)}`);
  });

  it('skips a record with undecodable Binary XML (checksums consistent) with its record id', async () => {
    const chunk = buildChunk(recs);
    const second = chunk.indexOf(Buffer.from([0x2a, 0x2a, 0, 0]), 513);
    chunk[second + 24] = 0x04; // fragment starts with an end-element token
    const file = buildEvtx([chunk]);
    fixChecksums(file);
    const { events, diagnostics } = await readEvtx('bad.evtx', file);
    expect(ids(events)).toEqual(['1', '3']);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', code: 'evtx-binxml', where: { file: 'bad.evtx', record: 2 } });
  });

  it('reports a records checksum mismatch as a warning and still reads the records', async () => {
    const chunk = buildChunk(recs);
    const at = chunk.indexOf(Buffer.from('cmd 2', 'utf16le'));
    chunk.write('C', at + 2, 'utf16le');
    const { events, diagnostics } = await readEvtx('sum.evtx', buildEvtx([chunk]));
    expect(events.map((e) => e.CommandLine)).toEqual(['cmd 1', 'cCd 2', 'cmd 3']);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', code: 'evtx-chunk-checksum' });
  });

  it('skips a chunk without signature and reads the next chunk', async () => {
    const bad = buildChunk(recs);
    bad.write('XXXX', 0, 'latin1');
    const good = buildChunk([record(9, [{ name: 'CommandLine', value: val.string('ok') }])]);
    const { events, diagnostics } = await readEvtx('c.evtx', buildEvtx([bad, good]));
    expect(ids(events)).toEqual(['9']);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'evtx-chunk', where: { file: 'c.evtx' } });
    expect(diagnostics[0].message).toContain('chunk 0 @0x0');
  });

  it('ignores zero-filled chunks past the header chunk count', async () => {
    const file = Buffer.concat([buildEvtx([buildChunk(recs)]), Buffer.alloc(65536)]);
    const { events, diagnostics } = await readEvtx('z.evtx', file);
    expect(ids(events)).toEqual(['1', '2', '3']);
    expect(diagnostics).toEqual([]);
  });

  it('ends a truncated file with a diagnostic after the complete records', async () => {
    const file = buildEvtx([buildChunk(recs)]);
    const second = 4096 + 512 + file.readUInt32LE(4096 + 512 + 4);
    const third = second + file.readUInt32LE(second + 4);
    const { events, diagnostics } = await readEvtx('t.evtx', file.subarray(0, third + 30));
    expect(ids(events)).toEqual(['1', '2']);
    expect(diagnostics.map((d) => d.code)).toEqual(['evtx-truncated']);
    expect(diagnostics[0].message).toContain('chunk 0');
    expect(diagnostics[0].message).toContain('a record is lost');
  });

  it('stops a record that expands without bound (templates instantiating templates)', async () => {
    const small = await readEvtx('b.evtx', buildEvtx([buildExpansionBomb(3, 2)]));
    expect(small.diagnostics).toEqual([]);
    expect(small.events).toHaveLength(1);
    const { events, diagnostics } = await readEvtx('b.evtx', buildEvtx([buildExpansionBomb(40, 8)]));
    expect(events).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'evtx-binxml', where: { file: 'b.evtx', record: 1 } });
    expect(diagnostics[0].message).toContain('more than 100000 XML nodes');
  });

  it('warns about a file cut in a chunk\'s free space (no record lost)', async () => {
    const file = buildEvtx([buildChunk(recs)]);
    const { events, diagnostics } = await readEvtx('f.evtx', file.subarray(0, file.length - 1000));
    expect(ids(events)).toEqual(['1', '2', '3']);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', code: 'evtx-truncated' });
  });

  it('reports a file cut inside its header', async () => {
    const { events, diagnostics } = await readEvtx('h.evtx', buildEvtx([]).subarray(0, 1000));
    expect(events).toEqual([]);
    expect(diagnostics.map((d) => d.code)).toEqual(['evtx-truncated']);
  });

  it('rejects a non-.evtx input with one error', async () => {
    const { events, diagnostics } = await readEvtx('x.json', Buffer.from('{"EventID": 1}\n'.repeat(10000)));
    expect(events).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', code: 'evtx-header', where: { file: 'x.json' } });
  });

  it('warns that a wrapped circular log comes out of time order', async () => {
    const a = buildChunk([record(10, [])]);
    const b = buildChunk([record(5, [])]);
    const { events, diagnostics } = await readEvtx('wrap.evtx', buildEvtx([a, b], 1));
    expect(ids(events)).toEqual(['10', '5']);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', code: 'evtx-wrapped', where: { file: 'wrap.evtx' } });
  });

  it('warns about a file header checksum mismatch and reads on', async () => {
    const file = buildEvtx([buildChunk(recs)]);
    file[100] = 1;
    const { events, diagnostics } = await readEvtx('w.evtx', file);
    expect(events).toHaveLength(3);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', code: 'evtx-header' });
  });
});

describe('evtx reader: CRC-32', () => {
  it('table fallback agrees with the native CRC-32 and the RFC 1952 check value', () => {
    const check = Buffer.from('123456789');
    expect(crc32Table(check, 0, check.length)).toBe(0xcbf43926);
    expect(crc32(check, 0, check.length)).toBe(0xcbf43926);
    const data = buildEvtx([buildChunk([record(1, [{ name: 'A', value: val.string('x'.repeat(999)) }])])]);
    expect(crc32(data, 100, data.length, crc32(data, 0, 100))).toBe(crc32Table(data, 0, data.length));
  });
});

describe('F6 .evtx statistics count records, and warnings apart from skips', () => {
  const recs = [1, 2, 3, 4].map((id) => record(id, [{ name: 'CommandLine', value: val.string(`cmd ${id}`) }]));
  const offsets = (chunk: Buffer): number[] => {
    const at: number[] = [];
    for (let o = 512; o + 24 <= chunk.length && chunk.readUInt32LE(o) === 0x2a2a; o += chunk.readUInt32LE(o + 4)) at.push(o);
    return at;
  };
  async function counts(file: Buffer): Promise<{ events: number; skipped: number; warnings: number }> {
    const stats = emptyStats();
    const entry = inputStats(stats, 'f', 'evtx');
    for await (const item of evtxReader.read({ name: 'f', open: () => Readable.from([file]) })) count(stats, entry, item);
    return { events: stats.events, skipped: stats.skipped, warnings: stats.warnings };
  }
  const cases: Array<[string, () => Buffer, { events: number; skipped: number; warnings: number }]> = [
    ['F6 a records checksum mismatch is a warning: every record read, nothing skipped', () => {
      const chunk = buildChunk(recs);
      chunk.write('C', chunk.indexOf(Buffer.from('cmd 2', 'utf16le')) + 2, 'utf16le');
      return buildEvtx([chunk]);
    }, { events: 4, skipped: 0, warnings: 1 }],
    ['F6 a chunk without signature counts the four records it held', () => {
      const bad = buildChunk(recs);
      bad.write('XXXX', 0, 'latin1');
      return buildEvtx([bad, buildChunk([record(9, [])])]);
    }, { events: 1, skipped: 4, warnings: 0 }],
    ['F6 a file cut inside record 2 loses records 2 to 4', () => {
      const file = buildEvtx([buildChunk(recs)]);
      return file.subarray(0, 4096 + offsets(file.subarray(4096))[1] + 30);
    }, { events: 1, skipped: 3, warnings: 0 }],
    ['F6 a file cut after the last record the chunk header names loses nothing: a warning', () => {
      const chunk = buildChunk(recs);
      const [, , , fourth] = offsets(chunk);
      chunk.writeUInt32LE(65536, 48); // free space said to start at the chunk end, past the cut
      const file = buildEvtx([chunk]);
      fixChecksums(file);
      return file.subarray(0, 4096 + fourth + chunk.readUInt32LE(fourth + 4) + 100);
    }, { events: 4, skipped: 0, warnings: 1 }],
    ['F6 two damaged records in a row, then a good one: two skipped', () => {
      const chunk = buildChunk(recs);
      const [, second, third] = offsets(chunk);
      chunk.writeUInt32LE(0xdead, second + 4);
      chunk.writeUInt32LE(0xdead, third + 4);
      return buildEvtx([chunk]);
    }, { events: 2, skipped: 2, warnings: 1 }],
  ];
  it.each(cases)('%s', async (_name, make, expected) => {
    expect(await counts(make())).toEqual(expected);
  });
});
