import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { junitXml } from '../../engine/testing/junit.js';
import { runSuites } from '../../engine/testing/runner.js';
import { loadSuite } from '../../engine/testing/suite-loader.js';
import { failureBlock, summaryLine } from '../../engine/testing/text-report.js';
import { fakePack } from './fake-pack.js';

function suiteFile(text: string): { dir: string; file: string; rule: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'sigstream-runner-'));
  const file = path.join(dir, 'r.tests.yml');
  writeFileSync(file, text);
  return { dir, file, rule: path.join(dir, 'r.yml') };
}

const SUITE = `
defaults: {EventID: 1}
cases:
  - name: fires on evil
    events:
      - CommandLine: run evil now
      - CommandLine: nothing here
      - CommandLine: more evil
    expect:
      hits: 2
      techniques: [T1059]
      exact:
        - {events: [1]}
        - {events: [3]}
  - name: silent
    events: [{CommandLine: calm}]
    expect: none
`;

describe('runner', () => {
  it('passes cases whose expectations hold, and counts only the rule file under test', async () => {
    const { file, rule, dir } = suiteFile(SUITE);
    const { suites, diagnostics } = await loadSuite(file);
    expect(diagnostics).toEqual([]);
    const pack = fakePack([
      { title: 'Evil', id: '11111111-1111-4111-8111-111111111111', level: 'high', path: rule, contains: 'evil', techniques: ['T1059'] },
      { title: 'Other file', level: 'high', path: path.join(dir, 'other.yml'), contains: 'evil', techniques: [] },
    ]);
    const results = runSuites(suites, pack);
    expect(results.map((r) => [r.name, r.passed])).toEqual([['fires on evil', true], ['silent', true]]);
    expect(summaryLine(results)).toBe('2 passed, 0 failed');
  });

  it('a wrong expectation fails with a readable expected/actual diff', async () => {
    const { file, rule } = suiteFile(SUITE.replace('hits: 2', 'hits: 3').replace('- {events: [3]}', '- {events: [2]}\n        - {events: [3]}'));
    const { suites } = await loadSuite(file);
    const results = runSuites(suites, fakePack([{ title: 'Evil', level: 'high', path: rule, contains: 'evil', techniques: ['T1059'] }]));
    const failed = results.find((r) => !r.passed)!;
    const text = failureBlock(failed);
    expect(text).toContain('FAIL');
    expect(text).toContain('expected 3 hits, got 2');
    expect(text).toMatch(/- \{"events":\[2\]\}/);
    expect(text).toContain('- expected');
    expect(summaryLine(results)).toBe('1 passed, 1 failed');
  });

  it('reports a missing technique with what the hit carried', async () => {
    const { file, rule } = suiteFile(SUITE);
    const { suites } = await loadSuite(file);
    const results = runSuites(suites, fakePack([{ title: 'Evil', level: 'high', path: rule, contains: 'evil', techniques: ['T1105'] }]));
    const text = failureBlock(results[0]);
    expect(text).toContain('technique T1059 missing on 2 of 2 hits');
    expect(text).toContain('+ {"techniques":["T1105"]}');
  });

  it('resolves relative times from the base time and steps absent ones by a second', async () => {
    const { file } = suiteFile(`
base_time: '2026-01-02 03:04:05.000'
cases:
  - name: t
    events:
      - {UtcTime: '+1m30s', CommandLine: a}
      - {CommandLine: b}
      - {UtcTime: '-500ms', CommandLine: c}
      - {UtcTime: '2025-12-31T23:59:59Z', CommandLine: d}
    expect: none
`);
    const { suites } = await loadSuite(file);
    expect(suites[0].cases[0].events.map((e) => e.UtcTime)).toEqual(['2026-01-02 03:05:35.000', '2026-01-02 03:05:36.000', '2026-01-02 03:04:04.500', '2025-12-31 23:59:59.000']);
  });

  it('locates schema errors in the test file', async () => {
    const { file } = suiteFile('cases:\n  - name: x\n    events: []\n    expect: {hitz: 1}\n');
    const { suites, diagnostics } = await loadSuite(file);
    expect(suites).toEqual([]);
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.every((d) => d.where.file === file && d.where.line !== undefined)).toBe(true);
    expect(diagnostics.map((d) => d.message).join('\n')).toMatch(/hitz|events/);
  });

  it('writes JUnit XML that parses, with one failure element per failed case', async () => {
    const { file, rule } = suiteFile(SUITE.replace('hits: 2', 'hits: 3').replace('- {events: [3]}', '- {events: [2]}\n        - {events: [3]}'));
    const { suites } = await loadSuite(file);
    const xml = junitXml(runSuites(suites, fakePack([{ title: 'Evil <&>', level: 'high', path: rule, contains: 'evil', techniques: ['T1059'] }])));
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    expect(doc.testsuites.tests).toBe('2');
    expect(doc.testsuites.failures).toBe('1');
    const cases = [doc.testsuites.testsuite.testcase].flat();
    expect(cases.map((c: { name: string }) => c.name)).toEqual(['fires on evil', 'silent']);
    expect(cases[0].failure.message).toContain('expected 3 hits, got 2');
    expect(cases[0].failure['#text']).toContain('- expected');
  });

  it('reads case events from an NDJSON file beside the test file, with file defaults and line provenance', async () => {
    const { file, rule, dir } = suiteFile(`
defaults: {EventID: 1}
cases:
  - name: from file
    events: events.ndjson
    expect:
      exact: [{events: [2]}]
`);
    writeFileSync(path.join(dir, 'events.ndjson'), '{"CommandLine":"calm"}\n\n{"CommandLine":"evil","UtcTime":"+5s"}\n');
    const { suites, diagnostics } = await loadSuite(file);
    expect(diagnostics).toEqual([]);
    const events = suites[0].cases[0].events;
    expect(events.map((e) => [e.EventID, e.UtcTime, e['@source']])).toEqual([
      [1, '2024-01-01 00:00:00.000', { input: `${file}#from file`, line: 1, record: 1 }],
      [1, '2024-01-01 00:00:05.000', { input: `${file}#from file`, line: 3, record: 2 }],
    ]);
    const results = runSuites(suites, fakePack([{ title: 'Evil', path: rule, contains: 'evil', techniques: [] }]));
    expect(results[0].passed).toBe(true);
  });

  it('reports duplicate case names and exact lists that disagree with hits, keeping the other cases', async () => {
    const { file } = suiteFile(`
cases:
  - {name: a, events: [{x: 1}], expect: none}
  - {name: a, events: [{x: 1}], expect: none}
  - {name: b, events: [{x: 1}], expect: {hits: 2, exact: [{events: [1]}]}}
  - {name: c, events: [{x: 1}], expect: {exact: [{events: [4]}]}}
`);
    const { suites, diagnostics } = await loadSuite(file);
    expect(suites[0].cases.map((c) => c.name)).toEqual(['a']);
    expect(diagnostics.map((d) => [d.code, d.where.line])).toEqual([
      ['test-duplicate-case', 4],
      ['test-expect', 5],
      ['test-expect', 6],
    ]);
  });

  it('reads case events from any input format, here Windows event XML', async () => {
    const { file, rule, dir } = suiteFile(`
cases:
  - name: from xml
    events: events.xml
    expect:
      exact: [{events: [1]}]
`);
    const data = (name: string, value: string) => `<Data Name="${name}">${value}</Data>`;
    writeFileSync(
      path.join(dir, 'events.xml'),
      `<Events><Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-Sysmon"/><EventID>1</EventID><Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>ws1</Computer></System><EventData>${data('UtcTime', '2026-03-01 12:00:00.123')}${data('CommandLine', 'run evil &amp; more')}</EventData></Event></Events>\n`,
    );
    const { suites, diagnostics } = await loadSuite(file);
    expect(diagnostics).toEqual([]);
    expect(suites[0].cases[0].events[0]).toMatchObject({ EventID: 1, Computer: 'ws1', CommandLine: 'run evil & more', UtcTime: '2026-03-01 12:00:00.123' });
    expect(runSuites(suites, fakePack([{ title: 'Evil', path: rule, contains: 'evil', techniques: [] }]))[0].passed).toBe(true);
  });
});

describe('F16 case event files stay inside the rule pack', () => {
  const suite = (events: string) => `cases:\n  - name: a\n    events: '${events}'\n    expect: none\n`;
  function pack(): { root: string; outside: string } {
    const root = mkdtempSync(path.join(tmpdir(), 'sigstream-pack-'));
    mkdirSync(path.join(root, 'rules', 'data'), { recursive: true });
    writeFileSync(path.join(root, 'rules', 'data', 'in.ndjson'), '{"EventID": 1}\n');
    const outside = path.join(root, 'secret.ndjson');
    writeFileSync(outside, '{"EventID": 1}\n');
    symlinkSync(outside, path.join(root, 'rules', 'link.ndjson'));
    return { root, outside };
  }
  it.each([
    ['../secret.ndjson', 'outside the rule pack'],
    ['../../../../../../etc/passwd', 'outside the rule pack'],
    ['/etc/passwd', 'outside the rule pack'],
    ['link.ndjson', 'outside the rule pack'],
    ['data/*.ndjson', 'not a glob'],
    ['data', 'not a directory'],
  ])('F16 events: %s is refused with a located error', async (events, reason) => {
    const { root } = pack();
    const file = path.join(root, 'rules', 'r.tests.yml');
    writeFileSync(file, suite(events));
    const { suites, diagnostics } = await loadSuite(file, { roots: [path.join(root, 'rules')] });
    expect(suites[0].cases).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.where.file, d.where.line])).toEqual([['test-events-path', file, 3]]);
    expect(diagnostics[0].message).toContain(reason);
  });

  it('F16 a file inside the pack, or inside an allowed path, is read', async () => {
    const { root, outside } = pack();
    const file = path.join(root, 'rules', 'r.tests.yml');
    writeFileSync(file, suite('data/in.ndjson'));
    expect((await loadSuite(file, { roots: [path.join(root, 'rules')] })).suites[0].cases).toHaveLength(1);
    writeFileSync(file, suite('../secret.ndjson'));
    const allowed = await loadSuite(file, { roots: [path.join(root, 'rules'), path.dirname(outside)] });
    expect(allowed.diagnostics).toEqual([]);
    expect(allowed.suites[0].cases).toHaveLength(1);
  });
});
