import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readers } from '../../engine/events/formats.js';
import { JsonFramer, type JsonRecord } from '../../engine/events/json-records.js';
import { detectShape } from '../../engine/events/json-shapes/index.js';
import { ndjsonReader } from '../../engine/events/ndjson.js';
import { xmlReader } from '../../engine/events/xml/reader.js';
import { bare, eventsOf, problemsOf, readAll, sourceOf } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const sample = (name: string) => readFileSync(path.join(ROOT, 'samples/inputs', name));

describe('JSON records', () => {
  it('reads NDJSON and reports a bad line with its line and column', async () => {
    const text = '{"EventID": 1, "Image": "a"}\n\n{"EventID": 1, "Image": }\n{"EventID": "3", "Image": "b"}\n[1]\nplain text\n';
    const items = await readAll(ndjsonReader, sourceOf('x.ndjson', text));
    expect(bare(eventsOf(items))).toEqual([
      { EventID: 1, Image: 'a' },
      { EventID: 3, Image: 'b' },
    ]);
    expect(problemsOf(items)).toEqual(['skip bad-json 3:', 'skip not-an-object 5:1', 'skip bad-json 6:1']);
  });

  it('locates a JSON error inside a line by column when V8 gives the position', async () => {
    const items = await readAll(ndjsonReader, sourceOf('x', '  {"a": 1,}\n'));
    expect(problemsOf(items)).toEqual(['skip bad-json 1:11']);
  });

  it('reads concatenated pretty-printed objects with evtx_dump "Record N" lines', async () => {
    const one = JSON.stringify({ EventID: 1, Image: 'a {b} "c"', Nested: { x: [1, { y: '}' }] } }, null, 2);
    const text = `Record 7\n${one}\nRecord 8\n${one}\n${one}\n`;
    const items = await readAll(ndjsonReader, sourceOf('x.json', text, 5));
    expect(problemsOf(items)).toEqual([]);
    expect(eventsOf(items).map((e) => e['@source'])).toEqual([
      { input: 'x.json', line: 2, record: 7 },
      { input: 'x.json', line: 15, record: 8 },
      { input: 'x.json', line: 27 },
    ]);
  });

  it('reports a multi-line object cut off by the next one, and an error inside one by its own line', async () => {
    const text = '{\n  "EventID": 1,\n  "Image": "a"\n{\n  "EventID": 2\n}\n{\n  "EventID": 3,\n  "Image": "x",\n}\n{\n  "EventID": 4\n';
    const items = await readAll(ndjsonReader, sourceOf('x.json', text));
    expect(bare(eventsOf(items))).toEqual([{ EventID: 2 }]);
    expect(problemsOf(items)).toEqual(['skip truncated-json 1:1', 'skip bad-json 10:1', 'skip truncated-json 11:1']);
  });

  it('a cut-off NDJSON line is one skip, not the start of a multi-line object', async () => {
    const items = await readAll(ndjsonReader, sourceOf('x', '{"EventID": 1, "Image": \n{"EventID": 2}\n[1,\n{"EventID": 3}\n'));
    expect(bare(eventsOf(items))).toEqual([{ EventID: 2 }, { EventID: 3 }]);
    expect(problemsOf(items)).toEqual(['skip bad-json 1:24', 'skip bad-json 3:4']);
  });

  it('drops a multi-line value over the size limit up to the next value, with one message', () => {
    const framer = new JsonFramer(100);
    const out: JsonRecord[] = [];
    const text = ['{', ...Array.from({ length: 20 }, (_, i) => `  "k${i}": "${'x'.repeat(10)}",`), '  "end": 1', '}', '{"EventID": 1}'];
    text.forEach((line, i) => framer.push({ number: i + 1, text: line }, out));
    framer.end(out);
    expect(out.map((r) => (r.kind === 'error' ? `${r.code} ${r.line}` : `value ${r.line}`))).toEqual(['record-too-large 1', 'value 24']);
  });

  it('rejects a flat record whose EventID is not a number', async () => {
    const items = await readAll(ndjsonReader, sourceOf('x', '{"EventID": "one"}\n'));
    expect(problemsOf(items)).toEqual(['skip bad-record 1:']);
  });
});

describe('JSON shapes', () => {
  it('detects each shape from a record', () => {
    expect(detectShape({ Event: { System: {} } }).name).toBe('evtx-json');
    expect(detectShape({ winlog: { event_id: 1 } }).name).toBe('ecs');
    expect(detectShape({ 'winlog.event_id': 1 }).name).toBe('ecs');
    expect(detectShape({ _source: { winlog: {} } }).name).toBe('ecs');
    expect(detectShape({ __REALTIME_TIMESTAMP: '1', MESSAGE: 'x' }).name).toBe('syslog-json');
    expect(detectShape({ SyslogMessage: 'x' }).name).toBe('syslog-json');
    expect(detectShape({ message: 'x' }).name).toBe('flat');
    expect(detectShape({ EventID: 1 }).name).toBe('flat');
  });

  it('evtx_dump JSON gives field for field the events of the same XML', async () => {
    const fromXml = bare(eventsOf(await readAll(xmlReader, sourceOf('x', sample('windows-events.xml')))));
    const fromDump = bare(eventsOf(await readAll(ndjsonReader, sourceOf('d', sample('evtx-dump.json')))));
    expect(fromXml).toHaveLength(2);
    expect(fromDump).toEqual(fromXml);
  });

  it('evtx_dump JSON: unnamed Data, Binary, UserData and names with spaces as the XML flattening has them', async () => {
    const record = {
      Event: {
        System: { EventID: { '#attributes': { Qualifiers: 16384 }, '#text': 7036 }, Provider: { '#attributes': { Name: 'Service Control Manager' } } },
        EventData: { Data: { '#text': ['Spooler', 'running'] }, Binary: '4100' },
      },
    };
    const defender = { Event: { System: { EventID: 1116 }, EventData: { 'Threat Name': 'EICAR', 'Process ID': 42 } } };
    const wmi = { Event: { System: { EventID: 5861 }, UserData: { Operation_ESStoConsumerBinding: { '#attributes': { xmlns: 'x' }, Namespace: 'root', ESS: 'ev' } } } };
    const text = [record, defender, wmi].map((r) => JSON.stringify(r)).join('\n');
    const events = bare(eventsOf(await readAll(ndjsonReader, sourceOf('x', text))));
    expect(events).toEqual([
      { EventID: 7036, Provider_Name: 'Service Control Manager', Data: 'Spooler', Data1: 'running', Binary: '4100' },
      { EventID: 1116, ThreatName: 'EICAR', ProcessID: '42' },
      { EventID: 5861, Namespace: 'root', ESS: 'ev' },
    ]);
  });

  it('Winlogbeat/ECS, nested or dotted or as an Elasticsearch hit, gives the System and EventData fields', async () => {
    const fromXml = bare(eventsOf(await readAll(xmlReader, sourceOf('x', sample('windows-events.xml')))));
    const fromEcs = bare(eventsOf(await readAll(ndjsonReader, sourceOf('w', sample('winlogbeat.ndjson')))));
    // ECS keeps no Level/Task/Opcode/Keywords numbers and rounds @timestamp to milliseconds.
    const comparable = (e: Record<string, unknown>) => {
      const { Level, Task, Opcode, Keywords, '@timestamp': time, ...rest } = e;
      void Level, Task, Opcode, Keywords;
      return { ...rest, time: String(time).slice(0, 23) };
    };
    expect(fromEcs.map(comparable)).toEqual(fromXml.map(comparable));
  });

  it('--format forces a shape; the forced readers do not sniff', async () => {
    const text = '{"EventID": 1, "winlog": {"event_id": 4}}\n';
    expect(bare(eventsOf(await readAll(ndjsonReader, sourceOf('x', text))))).toEqual([{ EventID: 4 }]);
    expect(bare(eventsOf(await readAll(readers.flat, sourceOf('x', text))))).toEqual([{ EventID: 1, winlog: { event_id: 4 } }]);
    expect(readers.flat.sniff(Buffer.from(text))).toBe(false);
    const items = await readAll(readers['evtx-json'], sourceOf('x', text));
    expect(problemsOf(items)).toEqual(['skip bad-record 1:']);
  });
});

describe('F5 deeply nested JSON records', () => {
  const nest = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  const line = (n: number, extra = '') => `{"EventID": 1, "N": "${n}"${extra}}`;
  it.each([
    ['flat', (n: number, x: string) => `{"EventID": 1, "N": "${n}", "X": ${x}}`],
    ['evtx-json', (n: number, x: string) => `{"Event": {"System": {"EventID": 1}, "EventData": {"N": "${n}", "X": ${x}}}}`],
    ['ecs', (n: number, x: string) => `{"winlog": {"event_id": 1, "event_data": {"N": "${n}", "X": ${x}}}}`],
  ])('F5 %s: a record nested 5,000 deep is a located skip; the records around it are read and can be written', async (format, record) => {
    const text = [record(1, '"x"'), record(2, nest(5000)), record(3, '"x"')].join('\n');
    const items = await readAll(readers[format], sourceOf('deep.json', text));
    expect(problemsOf(items)).toEqual(['skip too-deep 2:1']);
    expect(eventsOf(items).map((e) => e.N)).toEqual(['1', '3']);
    for (const e of eventsOf(items)) expect(() => JSON.stringify(e)).not.toThrow();
  });

  it('F5 a record nested 60 deep is still read', async () => {
    const items = await readAll(ndjsonReader, sourceOf('ok.json', line(1, `, "X": ${nest(60)}`)));
    expect(problemsOf(items)).toEqual([]);
  });
});
