import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openInputs, type InputEntry } from '../../engine/events/inputs.js';
import { readEvents, type ReadOptions } from '../../engine/events/read-events.js';
import type { ReadItem } from '../../engine/events/reader.js';
import { eventToXml } from './helpers.js';

let dir: string;
const xml = (id: number) => eventToXml({ EventID: id, Image: `img${id}` });

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sigstream-inputs-'));
  mkdirSync(path.join(dir, 'b'));
  writeFileSync(path.join(dir, 'one.ndjson'), '{"EventID": 1, "Image": "img1"}\n');
  writeFileSync(path.join(dir, 'b', 'two.xml.gz'), gzipSync(`<Events>${xml(2)}</Events>`));
  writeFileSync(path.join(dir, 'b', 'syslog'), `Mar  1 12:00:00 h sysmon: ${eventToXml({ EventID: 3, Image: 'img3' }, { namespace: false })}\n`);
  writeFileSync(path.join(dir, 'README.md'), '# not events\n');
  writeFileSync(path.join(dir, '.hidden.json'), '{"EventID": 99}\n');
  writeFileSync(path.join(dir, 'utf16.xml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`<?xml version="1.0" encoding="UTF-16"?>\r\n<Events>${xml(4)}</Events>`, 'utf16le')]));
  writeFileSync(path.join(dir, 'bom.jsonl'), '\uFEFF{"EventID": 5, "Image": "img5"}\n');
  writeFileSync(path.join(dir, 'noise.log'), 'hello\n');
  writeFileSync(path.join(dir, 'notes.txt'), 'hello\n');
  mkdirSync(path.join(dir, 'broken'));
  writeFileSync(path.join(dir, 'broken', 'cut.json.gz'), gzipSync('{"EventID": 6}\n'.repeat(5000)).subarray(0, 200));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function entries(specs: string[], options = {}): Promise<InputEntry[]> {
  const all: InputEntry[] = [];
  for await (const entry of openInputs(specs, options)) all.push(entry);
  return all;
}

const describeEntry = (e: InputEntry) => (e.kind === 'input' ? `${path.relative(dir, e.input.name)} ${e.input.format}${e.input.gzip ? ' gz' : ''}` : `problem ${e.diagnostic.code} ${path.relative(dir, e.diagnostic.where.file)}`);

async function read(specs: string[], options: ReadOptions = {}) {
  const stream = readEvents(specs, { progress: false, ...options });
  const items: ReadItem[] = [];
  for await (const item of stream) items.push(item);
  return { items, stats: stream.stats };
}

describe('input discovery', () => {
  it('walks a directory recursively by extension and by content, in name order', async () => {
    expect((await entries([dir])).map(describeEntry)).toEqual([
      'b/syslog syslog',
      'b/two.xml.gz xml gz',
      'bom.jsonl flat',
      'broken/cut.json.gz flat gz',
      'noise.log syslog',
      'one.ndjson flat',
      'utf16.xml xml',
    ]);
  });

  it('expands globs and reports specs that name nothing', async () => {
    const found = await entries([path.join(dir, '**/*.{ndjson,jsonl}'), path.join(dir, 'missing.json'), path.join(dir, '*.nothing')]);
    expect(found.map(describeEntry)).toEqual(['bom.jsonl flat', 'one.ndjson flat', 'problem no-input missing.json', 'problem no-input *.nothing']);
  });

  it('--format overrides sniffing; an unknown format is one problem', async () => {
    expect((await entries([path.join(dir, 'notes.txt')], { format: 'syslog' })).map(describeEntry)).toEqual(['notes.txt syslog']);
    // Named explicitly, a file nothing recognises is reported (in a directory walk it is passed over).
    expect((await entries([path.join(dir, 'notes.txt')])).map(describeEntry)).toEqual(['problem unknown-format notes.txt']);
    expect((await entries([dir], { format: 'nope' })).map((e) => e.kind === 'problem' && e.diagnostic.code)).toEqual(['unknown-format']);
  });

  it('reads every format, gzip, UTF-16 and BOM inputs to events, and reports the broken gzip', async () => {
    const { items, stats } = await read([dir]);
    const images = items.flatMap((i) => (i.kind === 'event' ? [i.event.Image ?? i.event.EventID] : []));
    expect(images.slice(0, 4)).toEqual(['img3', 'img2', 'img5', 6]);
    expect(images.slice(-2)).toEqual(['img1', 'img4']);
    expect(stats.problems).toEqual([]);
    expect(stats.inputs.find((s) => s.input.endsWith('noise.log'))?.byCode).toEqual({ 'no-event': 1 });
    const cut = stats.inputs.find((s) => s.input.endsWith('cut.json.gz'));
    expect(cut?.byCode['read-error']).toBe(1);
    expect(stats.inputs.map((s) => s.events)).toEqual([1, 1, 1, cut?.events, 0, 1, 1]);
  });

  it('reads a named pipe once, as a stream (process substitution)', async () => {
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const writer = createWriteStream(fifo);
    writer.end(gzipSync('{"EventID": 9}\n'));
    const { items } = await read([fifo]);
    expect(items.map((i) => i.kind === 'event' && i.event.EventID)).toEqual([9]);
    rmSync(fifo);
  });

  it('reads standard input (gzip too) for "-" or no specs', async () => {
    const stdin = () => Readable.from([gzipSync('{"EventID": 7}\n{"EventID": 8}\n')]);
    for (const specs of [['-'], []]) {
      const { items } = await read(specs, { stdin: stdin() });
      expect(items.map((i) => i.kind === 'event' && i.event.EventID)).toEqual([7, 8]);
    }
  });
});
