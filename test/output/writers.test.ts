/** The hit writers (issue 13 deliverable 1), through the registry, on hits made by a real engine. */
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { addRuleText, createWriter, emptyCollection, engineFromCollection, ruleFieldLists, writerNames, type Hit } from '../../engine/index.js';
import { columnWidths, fit } from '../../engine/output/table.js';
import { csvField } from '../../engine/output/csv.js';

const collection = emptyCollection();
addRuleText(collection, 'r.yml', `title: Suspicious Cmd
id: 11111111-2222-3333-4444-555555555555
level: high
tags: [attack.execution, attack.t1059.003]
logsource: {product: windows, category: process_creation}
detection: {sel: {Image|endswith: cmd.exe}, condition: sel}
---
title: With Fields
level: low
fields: [User, CommandLine]
logsource: {product: windows, category: process_creation}
detection: {sel: {User: bob}, condition: sel}
---
title: Two Cmds
level: critical
correlation: {type: event_count, rules: [11111111-2222-3333-4444-555555555555], group-by: [Computer], timespan: 5m, condition: {gte: 2}, generate: true}
`);
const engine = engineFromCollection(collection);
const tricky = 'cmd /c "echo a, b" &&\r\n echo ""quoted""';
const events = [
  { EventID: 1, Computer: 'WS1', Channel: 'Microsoft-Windows-Sysmon/Operational', UtcTime: '2024-05-01 10:00:00.000', Image: 'C:\\cmd.exe', CommandLine: tricky, User: 'alice', EventRecordID: '17' },
  { EventID: 1, Computer: 'WS1', UtcTime: '2024-05-01 10:01:00.000', Image: 'C:\\cmd.exe', CommandLine: 'cmd', User: 'bob' },
];
const hits: Hit[] = [...events.flatMap((e) => engine.detector.process(e)), ...engine.detector.flush()];

async function render(name: string, options: Record<string, unknown> = {}): Promise<string> {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c: Buffer) => chunks.push(c.toString()));
  const writer = createWriter(name, { out, ruleFields: ruleFieldLists(engine.compiled.compiled), ...options })!;
  for (const hit of hits) await writer.write(hit);
  await writer.end();
  return chunks.join('');
}

describe('writer registry', () => {
  it('has every output format of the issue', () => expect(writerNames().sort()).toEqual(['csv', 'json', 'ndjson', 'table', 'timesketch']));
  it('the hits under test: 3 detections and 1 correlation', () => expect(hits.map((h) => h.kind)).toEqual(['detection', 'detection', 'detection', 'correlation']));
});

describe('csv', () => {
  it('parses back with a CSV parser: quoting of commas, quotes and newlines survives', async () => {
    const rows = parse(await render('csv'), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({ Timestamp: '2024-05-01T10:00:00.000Z', Computer: 'WS1', EventID: '1', Level: 'high', Rule: 'Suspicious Cmd', RuleId: '11111111-2222-3333-4444-555555555555', Tactics: 'Execution', Techniques: 'T1059.003', RecordID: '17' });
    expect(rows[0].Details).toContain(`Cmdline: ${tricky}`);
  });
  it("Details follow the rule's fields: list when it has one", async () => {
    const rows = parse(await render('csv'), { columns: true }) as Array<Record<string, string>>;
    expect(rows.find((r) => r.Rule === 'With Fields')?.Details).toBe('User: bob ¦ CommandLine: cmd');
  });
  it('a correlation hit gets a row with its span and group', async () => {
    const rows = parse(await render('csv'), { columns: true }) as Array<Record<string, string>>;
    expect(rows[3]).toMatchObject({ Rule: 'Two Cmds', Level: 'critical', EventID: '' });
    expect(rows[3].Details).toBe('event_count ¦ group: Computer=WS1 ¦ span: 2024-05-01T10:00:00.000Z → 2024-05-01T10:01:00.000Z ¦ value: 2 ¦ hits: 2');
  });
  it('--fields chooses and orders columns', async () => {
    const text = await render('csv', { columns: ['Rule', 'Timestamp'] });
    expect(text.split('\r\n').slice(0, 2)).toEqual(['Rule,Timestamp', 'Suspicious Cmd,2024-05-01T10:00:00.000Z']);
  });
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
  ])('csvField(%j)', (value, quoted) => expect(csvField(value)).toBe(quoted));
});

describe('json and timesketch', () => {
  it('json is one array of the NDJSON hits', async () => {
    expect(JSON.parse(await render('json'))).toEqual(JSON.parse(JSON.stringify(hits)));
  });
  it.each([['json', '[]\n'], ['csv', 'Timestamp,Computer,Channel,EventID,Level,Rule,RuleId,Tactics,Techniques,Details,RecordID,Source\r\n']])('%s with no hits is still a valid document', async (name, text) => {
    const out = new PassThrough();
    const writer = createWriter(name, { out })!;
    await writer.end();
    expect(String(out.read())).toBe(text);
  });
  it('timesketch lines carry message, datetime, timestamp_desc and a microsecond timestamp', async () => {
    const lines = (await render('timesketch')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ datetime: '2024-05-01T10:00:00.000Z', timestamp: Date.parse('2024-05-01T10:00:00Z') * 1000, timestamp_desc: 'Event Time', rule: 'Suspicious Cmd', level: 'high' });
    expect(lines[0].message).toMatch(/^\[high\] Suspicious Cmd ¦ Cmdline: /);
    expect(lines[3]).toMatchObject({ timestamp_desc: 'Correlation Time', data_type: 'sigstream:correlation' });
  });
});

describe('table', () => {
  it.each([80, 200])('at %i columns no line is wider, and cut cells end in an ellipsis', async (width) => {
    const lines = (await render('table', { width })).trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(width);
    expect(lines[0]).toMatch(/^Timestamp\s+Computer\s+EventID\s+Level\s+Rule\s+Details$/);
    expect(lines[1]).toMatch(/^2024-05-01 10:00:00\.000 {2}WS1 +1 +high +/);
    if (width === 80) expect(lines[1]).toMatch(/…$/);
    else expect(lines[4]).toContain('event_count ¦ group: Computer=WS1');
  });
  it('colour by level only when asked; never a raw newline inside a row', async () => {
    const plain = await render('table', { width: 120, color: false });
    expect(plain).not.toMatch(/\u001b\[/);
    const coloured = await render('table', { width: 120, color: true });
    expect(coloured).toMatch(/\u001b\[31mhigh/);
    expect(coloured).toMatch(/\u001b\[1;31mcritical/);
    expect(plain.trimEnd().split('\n')).toHaveLength(5);
  });
  it.each([
    ['short', 8, 'short   '],
    ['exactly8', 8, 'exactly8'],
    ['longer than eight', 8, 'longer …'],
    ['tab\there', 8, 'tab here'],
  ])('fit(%j, %i)', (text, width, fitted) => expect(fit(text, width)).toBe(fitted));
  it('widths fill the line exactly', () => {
    const widths = columnWidths(['Timestamp', 'Computer', 'EventID', 'Level', 'Rule', 'Details'], 120);
    expect(widths.reduce((a, b) => a + b, 0) + 2 * 5).toBe(120);
  });
});
