/**
 * `sigstream run` as a hunter uses it (issue 13 "Must show"): each writer from the CLI, -o, the
 * filters, time order across files (correlations with late 0), duplicates, suppression, --summary-json.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli-io.js';

const dir = mkdtempSync('/tmp/sigstream-hunt-');
writeFileSync(`${dir}/rules.yml`, `title: Certutil Download
id: 0a1b2c3d-0000-4000-8000-000000000001
status: test
level: high
tags: [attack.command-and-control, attack.t1105]
logsource: {product: windows, category: process_creation}
detection: {sel: {Image|endswith: certutil.exe}, condition: sel}
---
title: Whoami
id: 0a1b2c3d-0000-4000-8000-000000000002
status: stable
level: low
tags: [attack.discovery, attack.t1033]
logsource: {product: windows, category: process_creation}
detection: {sel: {Image|endswith: whoami.exe}, condition: sel}
---
title: Old Rule
status: deprecated
level: critical
logsource: {product: windows, category: process_creation}
detection: {sel: {Image|endswith: whoami.exe}, condition: sel}
---
title: Many Certutil
id: 0a1b2c3d-0000-4000-8000-000000000003
level: high
correlation: {type: event_count, rules: [0a1b2c3d-0000-4000-8000-000000000001], group-by: [Computer], timespan: 1m, condition: {gte: 3}, generate: true}
`);
const event = (second: number, host: string, image: string, record: number, commandLine = `${image} -x`) =>
  JSON.stringify({ EventID: 1, Computer: host, Channel: 'Microsoft-Windows-Sysmon/Operational', UtcTime: `2024-05-01 10:00:${String(second).padStart(2, '0')}.000`, Image: `C:\\Windows\\${image}`, CommandLine: commandLine, EventRecordID: String(record) });
// Two hosts' logs, each in time order, interleaved in time.
const a = [0, 2, 4, 6].map((s) => event(s, 'WS1', 'certutil.exe', 100 + s, `certutil -urlcache -f "http://x/a,b" a.exe\n next`));
const b = [1, 3, 5, 7].map((s) => event(s, 'WS1', s === 7 ? 'whoami.exe' : 'certutil.exe', 200 + s));
for (const sub of ['logs', 'dup', 'out']) mkdirSync(`${dir}/${sub}`);
writeFileSync(`${dir}/logs/a.ndjson`, a.join('\n') + '\n');
writeFileSync(`${dir}/logs/b.ndjson`, b.join('\n') + '\n');
writeFileSync(`${dir}/dup/a.ndjson`, a.join('\n') + '\n');
writeFileSync(`${dir}/dup/a-again.ndjson`, a.slice(1).join('\n') + '\n');

async function run(args: string[], env: Record<string, string> = {}) {
  const r = await runMain(['run', '-r', `${dir}/rules.yml`, ...args], { env });
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
}
const rowsOf = (csv: string) => parse(csv, { columns: true }) as Array<Record<string, string>>;

describe('writers from the CLI', () => {
  it('csv parses back, CommandLine with comma, quotes and newline intact; correlation row; time order across files', async () => {
    const r = await run(['--max-delay', '1s', '--output', 'csv', `${dir}/logs`]);
    expect(r.status).toBe(0);
    const rows = rowsOf(r.stdout);
    const detections = rows.filter((x) => x.EventID !== '');
    expect(detections.map((x) => x.Timestamp.slice(17, 19))).toEqual(['00', '01', '02', '03', '04', '05', '06', '07']);
    expect(rows[0].Details).toContain('Cmdline: certutil -urlcache -f "http://x/a,b" a.exe\n next');
    const correlation = rows.find((x) => x.Rule === 'Many Certutil');
    expect(correlation?.Details).toBe('event_count ¦ group: Computer=WS1 ¦ span: 2024-05-01T10:00:00.000Z → 2024-05-01T10:00:02.000Z ¦ value: 3 ¦ hits: 3');
    expect(rows.filter((x) => x.Rule === 'Many Certutil')).toHaveLength(2);
    expect(r.stderr).toMatch(/late 0,/);
  });
  it('--no-sort reads file after file: out of time order, and the correlator sees late events', async () => {
    const r = await run(['--no-sort', '--max-delay', '1s', '--output', 'csv', '--fields', 'Timestamp', `${dir}/logs`]);
    const seconds = rowsOf(r.stdout).map((x) => x.Timestamp.slice(17, 19));
    expect(seconds.slice(0, 4)).toEqual(['00', '02', '04', '06']);
    expect(r.stderr).toMatch(/late [1-9]/);
  });
  it.each([80, 200])('table at %i columns, NO_COLOR: no line wider, no escape codes', async (columns) => {
    const r = await run(['--output', 'table', `${dir}/logs`], { COLUMNS: String(columns), NO_COLOR: '1' });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(11);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
    expect(r.stdout).not.toMatch(/\u001b/);
    expect(lines[1]).toMatch(/^2024-05-01 10:00:00\.000 {2}WS1 +1 +high +Cert/);
  });
  it('json and timesketch', async () => {
    expect(JSON.parse((await run(['--output', 'json', `${dir}/logs/a.ndjson`])).stdout)).toHaveLength(5);
    const line = JSON.parse((await run(['--output', 'timesketch', `${dir}/logs/a.ndjson`])).stdout.split('\n')[0]) as Record<string, unknown>;
    expect(line).toMatchObject({ datetime: '2024-05-01T10:00:00.000Z', timestamp_desc: 'Event Time', rule: 'Certutil Download' });
  });
  it('-o writes the file only at the end, leaving no temporary file', async () => {
    const out = `${dir}/out/hits.csv`;
    const r = await run(['--output', 'csv', '-o', out, `${dir}/logs`]);
    expect(r.stdout).toBe('');
    expect(rowsOf(readFileSync(out, 'utf8'))).toHaveLength(10);
    expect(readdirSync(`${dir}/out`)).toEqual(['hits.csv']);
    expect((await run(['-o', `${dir}/no/such/dir/x.csv`, `${dir}/logs`])).status).toBe(2);
  });
});

describe('filters from the CLI', () => {
  const titles = (stdout: string) => rowsOf(stdout).map((x) => x.Rule);
  it.each([
    ['default leaves out deprecated rules and says so', [], 10, /rules left out: status 1 \(deprecated and unsupported by default/],
    ['--min-level high', ['--min-level', 'high'], 9, /rules left out: status 1, min-level 1/],
    ['--level low', ['--level', 'low'], 1, /rules left out: status 1, level 2/],
    ['--status deprecated', ['--status', 'deprecated'], 1, /rules left out: status 3/],
    ['--tactic discovery', ['--tactic', 'discovery'], 1, /tactic 2/],
    ['--technique T1105 (the untagged correlation goes too)', ['--technique', 'T1105'], 7, /technique 2/],
    ['--tag attack.t1033', ['--tag', 'attack.t1033'], 1, /tag 2/],
    ['--rule by title', ['--rule', 'Whoami'], 1, /rule 2/],
    ['--exclude-rule by id', ['--exclude-rule', '0a1b2c3d-0000-4000-8000-000000000002'], 9, /exclude-rule 1/],
    ['--eventid 3', ['--eventid', '3'], 0, /events left out: eventid 8/],
    ['--computer ws2', ['--computer', 'ws2'], 0, /events left out: computer 8/],
    ['--since', ['--since', '2024-05-01T10:00:05Z'], 3, /events left out: since 5/],
    ['--until', ['--until', '2024-05-01 10:00:02'], 2, /events left out: until 6/],
  ])('%s', async (_name, flags, count, summary) => {
    const r = await run(['--output', 'csv', ...flags, `${dir}/logs`]);
    expect(r.status).toBe(0);
    expect(titles(r.stdout)).toHaveLength(count);
    expect(r.stderr).toMatch(summary);
  });
});

describe('duplicates, suppression, summary', () => {
  it('records read twice are dropped and counted; --keep-duplicates keeps them', async () => {
    const r = await run(['--output', 'csv', '--fields', 'RecordID', `${dir}/dup`]);
    expect(rowsOf(r.stdout).map((x) => x.RecordID).slice(0, 4)).toEqual(['100', '102', '104', '106']);
    expect(r.stderr).toMatch(/events read 4, skipped 0, duplicates 3,/);
    expect(rowsOf((await run(['--output', 'csv', '--keep-duplicates', `${dir}/dup`])).stdout).filter((x) => x.Rule === 'Certutil Download')).toHaveLength(7);
  });
  it('--suppress Computer: one hit per window with the count on it; --summary-json', async () => {
    const json = `${dir}/summary.json`;
    const r = await run(['--suppress', 'Computer', '--suppress-window', '1h', '--summary-json', json, `${dir}/logs`]);
    const hits = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { rule: { title: string }; suppressed?: number; kind: string });
    const certutil = hits.filter((h) => h.rule.title === 'Certutil Download');
    expect(certutil).toHaveLength(1);
    expect(certutil[0].suppressed).toBe(6);
    expect(r.stderr).toMatch(/suppressed 6/);
    expect(existsSync(json)).toBe(true);
    const summary = JSON.parse(readFileSync(json, 'utf8')) as Record<string, unknown>;
    expect(summary).toMatchObject({
      hits: 10,
      hitsByLevel: { high: 9, low: 1 },
      hosts: [{ computer: 'WS1', hits: 10 }],
      eventsByEventId: { '1': 8 },
      counts: { duplicatesDropped: 0, hitsSuppressed: 6, rulesLeftOut: { status: 1 } },
    });
    expect((summary.rules as Array<Record<string, unknown>>)[0]).toEqual({ title: 'Certutil Download', id: '0a1b2c3d-0000-4000-8000-000000000001', level: 'high', count: 7, first: '2024-05-01T10:00:00.000Z', last: '2024-05-01T10:00:00.000Z' });
    // first and last are those of the hits written: under suppression, the one that stands for the seven.
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(/^sigstream: rules loaded/);
  });
});
