/**
 * `run --workers N` (issue 14, deliverable 4): the hits of a sharded run are those of one worker,
 * hit for hit and in the same order (so also per host), on the shared regression events with all
 * SigmaHQ rules and on a multi-host correlation stream whose correlations group by host, by user
 * across hosts, and sequence by ProcessGuid. Runs the built CLI (dist/).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { partitionOf } from '../../engine/partition.js';
import type { Hit } from '../../engine/hit.js';
import { sigstream } from '../helpers/cli.js';
import { hasShared, sharedDir, sharedNotice } from '../helpers/rules.js';

const hostsOf = (stdout: string) => new Set(stdout.trim().split('\n').map((l) => (JSON.parse(l) as { computer?: string }).computer));

function sameAsOneWorker(rules: string[], input: string, extra: string[] = []) {
  const one = sigstream(['run', ...rules.flatMap((r) => ['-r', r]), '--workers', '1', ...extra, input]);
  const two = sigstream(['run', ...rules.flatMap((r) => ['-r', r]), '--workers', '2', ...extra, input]);
  expect(one.status, one.stderr).toBe(0);
  expect(two.status, two.stderr).toBe(0);
  expect(two.stdout).toBe(one.stdout);
  expect(two.stderr.split('\n').filter((l) => l.includes('events read'))).toEqual(one.stderr.split('\n').filter((l) => l.includes('events read')));
  return one;
}

sharedNotice('--workers identity on the shared regression events');

describe('run --workers 2 gives the hits of --workers 1', () => {
  it.skipIf(!hasShared)('on the shared regression events with all SigmaHQ rules', () => {
    const dir = resolve(sharedDir, 'sigmahq/regression');
    const events = readdirSync(dir).filter((f) => f.endsWith('.ndjson')).sort().map((f) => readFileSync(resolve(dir, f), 'utf8').trim()).join('\n');
    const input = join(mkdtempSync(join(tmpdir(), 'sigstream-workers-')), 'regression.ndjson');
    writeFileSync(input, events + '\n');
    const one = sameAsOneWorker([resolve(sharedDir, 'sigmahq/rules')], input);
    expect(one.stdout.trim().split('\n').length).toBeGreaterThan(150);
    // The hosts with hits fall in both partitions, so both workers had work.
    expect(new Set([...hostsOf(one.stdout)].map((h) => partitionOf({ EventID: 1, Computer: h ?? '' }, 2))).size).toBe(2);
  }, 120_000);

  it('on a multi-host correlation stream (group by host, by user across hosts, sequence by ProcessGuid)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sigstream-workers-'));
    writeFileSync(join(dir, 'rules.yml'), `title: whoami
name: whoami
logsource: {product: windows, category: process_creation}
detection: {sel: {Image|endswith: '\\\\whoami.exe'}, condition: sel}
---
title: net use
name: net_use
logsource: {product: windows, category: process_creation}
detection: {sel: {CommandLine|contains: 'net use'}, condition: sel}
---
title: recon burst on one host
correlation: {type: event_count, rules: whoami, group-by: [Computer], timespan: 1m, condition: {gte: 3}}
---
title: one user on many hosts
correlation: {type: value_count, rules: whoami, group-by: [User], timespan: 5m, condition: {field: Computer, gte: 3}}
---
title: quiet host
correlation: {type: event_count, rules: net_use, group-by: [Computer], timespan: 30s, condition: {lt: 2}}
---
title: whoami then net use
sequence:
  maxspan: 20s
  by: ProcessGuid
  steps:
    - rule: whoami
    - rule: net_use
`);
    const hosts = ['ws-01', 'ws-02', 'ws-03', 'srv-01', 'dc-01', 'ws-04'];
    const users = ['CORP\\alice', 'CORP\\bob', 'CORP\\carol'];
    const lines: string[] = [];
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 3000; i++) {
      const host = hosts[Math.floor(rand() * hosts.length)];
      const guid = `{${host}-${Math.floor(rand() * 40)}}`;
      const r = rand();
      const [image, cmd] = r < 0.08 ? ['C:\\Windows\\System32\\whoami.exe', 'whoami /all'] : r < 0.14 ? ['C:\\Windows\\System32\\net.exe', 'net use \\\\srv\\c$'] : ['C:\\Windows\\explorer.exe', 'explorer.exe'];
      const time = new Date(Date.UTC(2024, 0, 1) + i * 700).toISOString().replace('T', ' ').replace('Z', '');
      lines.push(JSON.stringify({ EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: host, UtcTime: time, ProcessGuid: guid, Image: image, CommandLine: cmd, User: users[Math.floor(rand() * users.length)] }));
    }
    const input = join(dir, 'stream.ndjson');
    writeFileSync(input, lines.join('\n') + '\n');
    const one = sameAsOneWorker([join(dir, 'rules.yml')], input);
    const kinds = new Map<string, number>();
    for (const line of one.stdout.trim().split('\n')) {
      const hit = JSON.parse(line) as { kind: string; rule: { title: string } };
      const key = hit.kind === 'correlation' ? hit.rule.title : 'detection';
      kinds.set(key, (kinds.get(key) ?? 0) + 1);
    }
    // Every correlation kind fired, so the final stage was exercised for each.
    for (const title of ['recon burst on one host', 'one user on many hosts', 'quiet host', 'whoami then net use']) expect(kinds.get(title) ?? 0, title).toBeGreaterThan(0);
  }, 120_000);

  it('unparsed lines (pushLine): the events, hits and skips of the reader and one detector, in input order', async () => {
    const lib = (await import(resolve('dist/engine/index.js'))) as typeof import('../../engine/index.js');
    const dir = mkdtempSync(join(tmpdir(), 'sigstream-workers-'));
    const rules = join(dir, 'rules.yml');
    writeFileSync(rules, `title: whoami
name: whoami
logsource: {product: windows, category: process_creation}
detection: {sel: {Image|endswith: '\\\\whoami.exe'}, condition: sel}
---
title: burst on one host
correlation: {type: event_count, rules: whoami, group-by: [Computer], timespan: 1m, condition: {gte: 2}}
`);
    const whoami = (i: number, host: unknown) => JSON.stringify({ EventID: 1, Computer: host, UtcTime: `2024-01-01 00:00:${String(i % 60).padStart(2, '0')}.000`, Image: 'C:\\Windows\\whoami.exe', CommandLine: `whoami ${i}` });
    const lines: string[] = [];
    for (let i = 0; i < 120; i++) lines.push(whoami(i, ['ws-01', 'ws-02', 'srv-01', 'dc-01'][i % 4]));
    // Lines whose host is not plainly there (parsed on the main thread), and lines that give no event.
    lines.splice(10, 0, whoami(200, 'ws\u002d01').replace('ws-01', 'ws\\u002d01'), '{"EventID":1,"Data":{"Computer":"x"},"Image":"C:\\\\whoami.exe"}');
    lines.splice(30, 0, '{"EventID":1,"Computer":', '[1,2]', '{"EventID":"one","Computer":"ws-02"}', whoami(201, 7));
    const input = join(dir, 'events.ndjson');
    writeFileSync(input, lines.join('\n') + '\n');
    const json = new lib.HitJson();
    const note = (d: { code: string; where: { line?: number } }) => `${d.code}@${d.where.line}\n`;

    const engine = await lib.createEngine([rules]);
    let expected = '';
    for await (const item of lib.readEvents([input])) {
      if (item.kind === 'event') for (const hit of engine.detector.process(item.event)) expected += json.text(hit) + '\n';
      else expected += note(item.diagnostic);
    }
    for (const hit of engine.detector.flush()) expected += json.text(hit) + '\n';

    let got = '';
    const sink = { write: (hit: Hit) => void (got += json.text(hit) + '\n'), writeLines: (text: Uint8Array) => void (got += Buffer.from(text).toString()), problem: (p: { diagnostic: { code: string; where: { line?: number } } }) => void (got += note(p.diagnostic)) };
    const sharded = await lib.ShardedDetector.start(engine, [rules], {}, 2, sink);
    // As text or as bytes (what a reader of raw lines hands over), alternately.
    for (const [i, text] of lines.entries()) await sharded.pushLine(i % 2 ? Buffer.from(text) : text, { input, line: i + 1 });
    await sharded.end();
    await sharded.terminate();
    expect(got).toBe(expected);
    expect(expected).toMatch(/"kind":"correlation"/);
    expect(expected.match(/bad-json@|not-an-object@|bad-record@/g)).toHaveLength(3);
    expect(sharded.stats.events).toBe(engine.detector.stats.events);
  }, 60_000);

  it('rejects a bad --workers', () => {
    const r = sigstream(['run', '-r', 'rules', '--workers', 'many'], '');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--workers: 'many' is not a positive integer/);
  });
});
