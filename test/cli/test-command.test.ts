import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { testCommand } from '../../engine/cli/test.js';
import { runCli } from '../helpers/cli-io.js';
import { repoRoot } from '../helpers/rules.js';

const RULE = path.join(repoRoot, 'rules/windows/process_creation/proc_creation_win_shadow_copy_deletion.yml');

/** A copy of one pack rule with a hand-written test file, in a fresh folder. */
function ruleWithTests(tests: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sigstream-test-cli-'));
  copyFileSync(RULE, path.join(dir, 'shadow.yml'));
  writeFileSync(path.join(dir, 'shadow.tests.yml'), tests);
  return dir;
}

const CASES = (hits: number, second: number) => `
defaults: {EventID: 1, Channel: Microsoft-Windows-Sysmon/Operational, Computer: FS01}
cases:
  - name: two deletions
    events:
      - {Image: C:\\Windows\\System32\\vssadmin.exe, CommandLine: vssadmin delete shadows /all /quiet}
      - {Image: C:\\Windows\\System32\\notepad.exe, CommandLine: notepad}
      - {Image: C:\\Windows\\System32\\wbadmin.exe, CommandLine: wbadmin delete catalog -quiet}
    expect:
      hits: ${hits}
      exact:
        - {events: [1]}
        - {events: [${second}]}
  - name: listing is silent
    events: [{Image: C:\\Windows\\System32\\vssadmin.exe, CommandLine: vssadmin list shadows}]
    expect: none
`;

describe('sigstream test', () => {
  it('passes correct expectations and ends with the summary line', async () => {
    const dir = ruleWithTests(CASES(2, 3));
    const run = await runCli(testCommand, [dir]);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('2 passed, 0 failed');
    expect(run.code).toBe(0);
  });

  it('a wrong expectation exits non-zero with a readable expected/actual diff', async () => {
    const dir = ruleWithTests(CASES(2, 2));
    const run = await runCli(testCommand, [dir]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('1 passed, 1 failed');
    expect(run.stdout).toMatch(/FAIL .*shadow\.tests\.yml:4:5 > two deletions/);
    expect(run.stdout).toContain('exact hits differ');
    // The expectation said event 2, the engine hit event 3: both sides shown, marked.
    expect(run.stdout).toContain('- {"events":[2]}');
    expect(run.stdout).toContain('+ {"events":[3]}');
    expect(run.stdout).toContain('  {"events":[1]}');
  });

  it('--junit writes XML that parses, with the failure and its diff', async () => {
    // A count-only expectation that is wrong: 3 hits expected, the engine gives 2.
    const dir = ruleWithTests(CASES(2, 3).replace(/hits: 2\n\s+exact:\n.*\n.*\n/, 'hits: 3\n'));
    const junit = path.join(dir, 'junit.xml');
    const run = await runCli(testCommand, ['--junit', junit, dir]);
    expect(run.code).toBe(1);
    const xml = readFileSync(junit, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    expect(doc.testsuites).toMatchObject({ tests: '2', failures: '1' });
    const cases = [doc.testsuites.testsuite.testcase].flat() as Array<Record<string, any>>;
    expect(cases.map((c) => c.name)).toEqual(['two deletions', 'listing is silent']);
    expect(cases[0].failure.message).toContain('expected 3 hits, got 2');
    expect(cases[0].failure['#text']).toContain('+ {"rule":"Shadow Copies or Backup Catalog Deleted","events":[3]}');
    expect(cases[1].failure).toBeUndefined();
  });

  it('--json gives the results as one document', async () => {
    const dir = ruleWithTests(CASES(2, 2));
    const run = await runCli(testCommand, ['--json', dir]);
    const doc = JSON.parse(run.stdout);
    expect(doc).toMatchObject({ passed: 1, failed: 1 });
    expect(doc.results[0].hits.map((h: { events: number[] }) => h.events)).toEqual([[1], [3]]);
    expect(run.stderr.trim()).toBe('1 passed, 1 failed');
  });

  it('a broken test file is a located failure, never a silent pass', async () => {
    const dir = ruleWithTests('cases:\n  - name: x\n    events: [{EventID: 1}]\n    expect: {hits: one}\n');
    const run = await runCli(testCommand, [dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/shadow\.tests\.yml:4:\d+/);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('0 passed, 1 failed');
  });
});
