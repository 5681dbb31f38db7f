import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testCommand } from '../../engine/cli/test.js';
import { parseAllowList } from '../../engine/testing/allow-list.js';
import { runCli } from '../helpers/cli-io.js';
import { repoRoot } from '../helpers/rules.js';

const baseline = path.join(repoRoot, 'samples/benign/baseline.ndjson');
const workloads = path.join(repoRoot, 'samples/benign/workloads.ndjson');
const allow = path.join(repoRoot, 'samples/known-fps.csv');
const rules = path.join(repoRoot, 'rules');

describe('sigstream test --benign', () => {
  it('the shipped baseline stays quiet with the shipped allow list', async () => {
    const run = await runCli(testCommand, ['--benign', '--rules', rules, '--allow', allow, baseline]);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed$/);
    expect(run.stderr).toContain('2 allow-listed hits');
    expect(run.code).toBe(0);
  });

  it('without the allow list, the known false positives fail by rule with the offending events', async () => {
    const run = await runCli(testCommand, ['--benign', '--rules', rules, baseline]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAIL');
    expect(run.stdout).toContain('Certutil Decoding a File stays silent on benign events');
    expect(run.stdout).toContain('Scheduled Task Created to Run From a User-Writable Folder stays silent');
    expect(run.stdout).toMatch(/baseline\.ndjson","line":\d+\}/);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, 2 failed$/);
  });

  it('the workloads corpus (admin, install, update and developer chains) is quiet with the allow list, every hit a documented row', async () => {
    const run = await runCli(testCommand, ['--benign', '--rules', rules, '--allow', allow, workloads]);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed$/);
    expect(run.code).toBe(0);
    const bare = await runCli(testCommand, ['--benign', '--rules', rules, workloads]);
    const failed = bare.stdout.split('\n').filter((l) => l.startsWith('FAIL')).map((l) => l.replace(/ stays silent.*/, '').replace(/^FAIL \S+ > /, ''));
    expect(failed.sort()).toEqual([
      'Executable Written by a Downloader, Script Host or Document Then Started',
      'Inbound WinRM Connection Followed by a Program Started From the Remote Shell Host',
      'Shell Started by WMI Provider Host Runs a Command',
      'Systemd Unit File Written by an Unusual Process',
    ]);
  });

  it('--min-level high ignores medium rules', async () => {
    const run = await runCli(testCommand, ['--benign', '--rules', rules, '--min-level', 'high', baseline]);
    expect(run.code).toBe(0);
  });

  it('rejects an unknown level', async () => {
    const run = await runCli(testCommand, ['--benign', '--min-level', 'severe', baseline]);
    expect(run.code).toBe(2);
  });
});

describe('allow list', () => {
  it('parses SigmaHQ known-FPs rows, keeps ";" inside MatchString and locates bad rows', () => {
    const { entries, diagnostics } = parseAllowList('fps.csv', 'RuleId;RuleName;MatchString\nabc;Some rule;a;b\nonly;two\n*;Any;x\n');
    expect(entries.map((e) => [e.ruleId, e.matchString])).toEqual([['abc', 'a;b'], ['*', 'x']]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].where).toMatchObject({ file: 'fps.csv', line: 3 });
  });

  it('a broken allow list fails the run', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sigstream-fps-'));
    writeFileSync(path.join(dir, 'fps.csv'), 'RuleId;RuleName;MatchString\nbroken row\n');
    const run = await runCli(testCommand, ['--benign', '--rules', rules, '--allow', path.join(dir, 'fps.csv'), baseline]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('fps.csv:2:1');
  });
});

describe('an empty benign corpus', () => {
  it('fails instead of passing every rule', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sigstream-empty-'));
    writeFileSync(path.join(dir, 'empty.ndjson'), '');
    const run = await runCli(testCommand, ['--benign', '--rules', rules, path.join(dir, 'empty.ndjson')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('no event was read from the benign inputs');
  });
});
