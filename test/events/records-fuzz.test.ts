/**
 * Fuzzing every reader with inputs whose records are known: each generated input is a run of
 * records, some left valid and some damaged in one of the ways a hostile or broken source damages
 * a record (deep nesting, stray quotes, unclosed markup, truncation, inserted bytes, bad ids). For
 * every input the reader must not throw or hang, and
 *   records in = events + located skips,
 * with every valid record read as itself: no damaged record may take its neighbours with it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../engine/diagnostics.js';
import { readers } from '../../engine/events/formats.js';
import type { EventReader, ReadItem } from '../../engine/events/reader.js';
import { FUZZ_SEED, FuzzTally, fuzzRuns } from '../helpers/fuzz.js';
import { buildChunk, buildEvtx, fixChecksums, val, type BuildRecord } from './evtx-builder.js';
import { eventToXml, readAll, sourceOf } from './helpers.js';

/** What a run of records read to: events by their record number `N`, skips weighed by the records they stand for. */
interface Outcome {
  numbers: string[];
  skipped: number;
  problems: Diagnostic[];
}

function outcome(items: ReadItem[]): Outcome {
  const numbers: string[] = [];
  let skipped = 0;
  const problems: Diagnostic[] = [];
  for (const item of items) {
    if (item.kind === 'event') numbers.push(String(item.event.N ?? item.event.EventRecordID));
    else {
      problems.push(item.diagnostic);
      if (item.kind === 'skip') skipped += item.records ?? 1;
    }
  }
  return { numbers, skipped, problems };
}

/** The invariant, for `count` records of which those in `valid` were left intact. */
function expectAccounted(name: string, result: Outcome, count: number, valid: number[], located: (d: Diagnostic) => boolean): void {
  expect(result.numbers.length + result.skipped).toBe(count);
  for (const n of valid) expect(result.numbers).toContain(String(n));
  for (const d of result.problems) {
    expect(d.where.file).toBe(name);
    expect(located(d)).toBe(true);
  }
}

const lineLocated = (d: Diagnostic) => (d.where.line ?? 0) >= 1;

// ---------------------------------------------------------------- text records (XML, syslog, JSON)

/** Characters inserted into a record: markup-heavy, never `<` or a line break (they would make or split records). */
const INSERTABLE = [...'>&;"\'/=![]-{}:,\\ x#?'];

const TEXT_DAMAGE = ['deep', 'quote', 'comment', 'cdata', 'pi', 'entity', 'end-tag', 'truncate', 'insert'] as const;
const JSON_DAMAGE = ['deep', 'truncate', 'insert', 'not-object', 'bad-id'] as const;
type TextDamage = (typeof TEXT_DAMAGE)[number];
type JsonDamage = (typeof JSON_DAMAGE)[number];

interface Damage<K> {
  kind: K | 'none';
  at: number;
  depth: number;
  text: string;
}

function damage<K extends string>(kinds: readonly K[]): fc.Arbitrary<Damage<K>> {
  return fc.record({
    // About half the records stay valid.
    kind: fc.oneof({ weight: kinds.length, arbitrary: fc.constant('none' as const) }, { weight: kinds.length, arbitrary: fc.constantFrom(...kinds) }),
    at: fc.nat(),
    depth: fc.integer({ min: 65, max: 3000 }),
    text: fc.array(fc.constantFrom(...INSERTABLE), { minLength: 1, maxLength: 6 }).map((a) => a.join('')),
  });
}

const records = <K extends string>(kinds: readonly K[]) => fc.array(damage(kinds), { minLength: 1, maxLength: 12 });

/** Somewhere in [from, to). */
const within = (at: number, from: number, to: number) => from + (at % Math.max(1, to - from));

function fields(n: number): Record<string, unknown> {
  return { EventID: 1, Computer: 'h', N: String(n), CommandLine: `x "y" 'z' & <${n}>`, Image: 'C:\\a.exe' };
}

/** One event's XML, damaged as `d` says; it still begins with its `<Event` start tag, so it is still one record. */
function xmlRecord(n: number, d: Damage<TextDamage>, namespace: boolean): string {
  const text = eventToXml(fields(n), { namespace });
  const body = text.indexOf('</EventData>');
  const insertAt = (extra: string) => text.slice(0, body) + extra + text.slice(body);
  switch (d.kind) {
    case 'none':
      return text;
    case 'deep':
      return insertAt(`<Data Name="D">${'<x>'.repeat(d.depth)}${'</x>'.repeat(d.depth)}</Data>`);
    case 'quote':
      return text.replace(/^<Event/, '<Event a="1" "');
    case 'comment':
      return insertAt('<!-- never closed');
    case 'cdata':
      return insertAt('<Data Name="C"><![CDATA[never closed');
    case 'pi':
      return insertAt('<?pi never closed');
    case 'entity':
      return insertAt('<Data Name="E">&bogus;</Data>');
    case 'end-tag':
      return text.replace(/<\/Data>(?![\s\S]*<\/Data>)/, '</Dat>');
    case 'truncate':
      return text.slice(0, within(d.at, 7, text.length - 8));
    case 'insert': {
      const at = within(d.at, 7, text.length - 8);
      return text.slice(0, at) + d.text + text.slice(at);
    }
  }
}

/** One JSON record of a shape, damaged as `d` says, on one line. */
function jsonRecord(n: number, d: Damage<JsonDamage>, shape: (event: Record<string, unknown>) => unknown): string {
  const event = fields(n);
  if (d.kind === 'deep') event.X = JSON.parse('{"a":'.repeat(d.depth) + '1' + '}'.repeat(d.depth));
  if (d.kind === 'bad-id') event.EventID = 'not a number';
  const text = d.kind === 'not-object' ? `[${n}, "x"]` : JSON.stringify(shape(event));
  if (d.kind === 'truncate') return text.slice(0, within(d.at, 2, text.length - 1));
  if (d.kind === 'insert') {
    const at = within(d.at, 1, text.length - 1);
    return text.slice(0, at) + d.text + text.slice(at);
  }
  return text;
}

const SHAPES: Record<string, (event: Record<string, unknown>) => unknown> = {
  flat: (e) => e,
  'evtx-json': ({ EventID, Computer, ...data }) => ({ Event: { System: { EventID, Computer }, EventData: data } }),
  ecs: ({ EventID, Computer, ...data }) => ({ winlog: { event_id: EventID, computer_name: Computer, event_data: data } }),
};

/**
 * Records in an XML document: its `<Event` start tags. Damage can make one more: a record cut
 * inside `<EventData` leaves `<Event` before the line break, and a blank inserted there makes
 * `<Event Data>`; both are event start tags like any other, so they count as records.
 */
const xmlRecordsIn = (doc: string) => doc.match(/<(?:\w+:)?Event[\s>/]/g)?.length ?? 0;

interface TextCase {
  name: string;
  reader: EventReader;
  render(records: string[]): string;
  make(n: number, d: Damage<never>): string;
  kinds: readonly string[];
  /** Records in the rendered input; default: one per generated record. */
  recordsIn?(input: string): number;
}

async function checkText(c: TextCase, runs: number): Promise<void> {
  const tally = new FuzzTally(`${c.name} (${c.reader.format})`);
  await fc.assert(
    fc.asyncProperty(records(c.kinds), fc.integer({ min: 1, max: 400 }), async (damages, chunk) => {
      const input = c.render(damages.map((d, i) => c.make(i + 1, d as Damage<never>)));
      const items = await readAll(c.reader, sourceOf(c.name, input, chunk));
      const valid = damages.flatMap((d, i) => (d.kind === 'none' ? [i + 1] : []));
      const result = outcome(items);
      const recordsIn = c.recordsIn?.(input) ?? damages.length;
      expectAccounted(c.name, result, recordsIn, valid, lineLocated);
      tally.add('inputs');
      tally.add('records', recordsIn);
      tally.add('damaged', damages.length - valid.length);
      tally.add('events', result.numbers.length);
      tally.add('skips', result.skipped);
    }),
    { numRuns: runs, seed: FUZZ_SEED },
  );
  tally.report();
}

describe('fuzzing readers: records in = events + located skips', () => {
  const xml = (namespace: boolean) => (n: number, d: Damage<never>) => xmlRecord(n, d, namespace);
  it('xml: an <Events> document', () =>
    checkText({ name: 'fuzz.xml', reader: readers.xml, render: (all) => `<?xml version="1.0"?>\n<Events>\n${all.join('\n')}\n</Events>\n`, make: xml(true), kinds: TEXT_DAMAGE, recordsIn: xmlRecordsIn }, fuzzRuns(50)));

  it('xml: bare events, one after another on one line', () =>
    checkText({ name: 'fuzz.xml', reader: readers.xml, render: (all) => all.join(''), make: xml(true), kinds: TEXT_DAMAGE, recordsIn: xmlRecordsIn }, fuzzRuns(35)));

  it("syslog: Sysmon for Linux lines among other programs' lines", () =>
    checkText({ name: 'fuzz.log', reader: readers.syslog, render: (all) => all.map((x, i) => `Mar  1 12:00:0${i % 10} h sysmon: ${x}\nMar  1 12:00:00 h cron[1]: nothing`).join('\n') + '\n', make: xml(false), kinds: TEXT_DAMAGE }, fuzzRuns(50)));

  for (const [format, shape] of Object.entries(SHAPES)) {
    it(`json (${format}): one record per line, blank lines between`, () =>
      checkText({ name: 'fuzz.json', reader: format === 'flat' ? readers.ndjson : readers[format], render: (all) => all.join('\n\n') + '\n', make: (n, d) => jsonRecord(n, d, shape), kinds: JSON_DAMAGE }, fuzzRuns(35)));
  }
});

// ---------------------------------------------------------------- .evtx

const EVTX_DAMAGE = ['signature', 'size', 'binxml'] as const;

function evtxRecords(first: number, count: number): BuildRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    id: first + i,
    fields: [
      { name: 'Image', value: val.string(`C:\\Tools\\tool${first + i}.exe`) },
      { name: 'ProcessId', value: val.uint32(1000 + i) },
      { name: 'Extra', value: val.binxml('Inner', `v${i}`) },
    ],
  }));
}

/** Offsets of the records of the chunk that starts at `chunkStart`, from their headers. */
function recordOffsets(file: Buffer, chunkStart: number): number[] {
  const at: number[] = [];
  for (let o = chunkStart + 512; o + 24 <= file.length && file.readUInt32LE(o) === 0x2a2a; o += file.readUInt32LE(o + 4)) at.push(o);
  return at;
}

describe('fuzzing the .evtx reader: records in = events + skipped records', () => {
  it('damaged record headers and Binary XML, checksums fixed or not, the file maybe cut inside its last chunk', async () => {
    const tally = new FuzzTally('evtx');
    const damages = fc.array(fc.record({ kind: fc.constantFrom(...EVTX_DAMAGE), record: fc.nat(), at: fc.nat(), delta: fc.integer({ min: 1, max: 255 }) }), { maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), damages, fc.boolean(), fc.option(fc.nat()), async (a, b, edits, consistent, cut) => {
        // Chunk 1 shares templates between its records, chunk 2 does not.
        const clean = buildEvtx([buildChunk(evtxRecords(1, a), { shareTemplates: true }), buildChunk(evtxRecords(a + 1, b))]);
        const offsets = [...recordOffsets(clean, 4096), ...recordOffsets(clean, 4096 + 65536)];
        const ends = offsets.map((o) => o + clean.readUInt32LE(o + 4));
        let file = Buffer.from(clean);
        /** Records not expected to read as themselves. */
        const touched = new Set<number>();
        for (const edit of edits) {
          const k = edit.record % offsets.length;
          const o = offsets[k];
          const size = clean.readUInt32LE(o + 4);
          touched.add(k + 1);
          if (edit.kind === 'signature') file[o] ^= edit.delta;
          else if (edit.kind === 'size') file.writeUInt32LE((size + edit.delta * 8) >>> 0, o + 4);
          else {
            file[o + 24 + (edit.at % (size - 28))] ^= edit.delta;
            // A template defined in this record may be used by the later records of chunk 1.
            if (k < a) for (let later = k + 1; later < a; later++) touched.add(later + 1);
          }
        }
        if (consistent) fixChecksums(file);
        if (cut !== null) {
          // Somewhere among the records of the last chunk: what the cut loses is counted from the chunk header.
          const lastChunk = 4096 + 65536;
          file = file.subarray(0, within(cut, lastChunk + 512, ends[ends.length - 1] + 200));
          ends.forEach((end, k) => end > file.length && touched.add(k + 1));
        }
        const items = await readAll(readers.evtx, sourceOf('fuzz.evtx', file));
        const result = outcome(items);
        const intact = offsets.map((_, k) => k + 1).filter((n) => !touched.has(n));
        expectAccounted('fuzz.evtx', result, a + b, intact, (d) => d.message.length > 0);
        tally.add('files');
        tally.add('records', a + b);
        tally.add('events', result.numbers.length);
        tally.add('skipped records', result.skipped);
        tally.add('warnings', result.problems.filter((d) => d.severity === 'warning').length);
      }),
      { numRuns: fuzzRuns(60), seed: FUZZ_SEED },
    );
    tally.report();
  });
});
