import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { attackCommand } from '../../engine/cli/attack.js';
import { commands } from '../../engine/cli/commands.js';
import { sampleHits } from './hits.js';
import { expectValidLayer } from './layer-schema.js';
import { runMain } from '../helpers/cli-io.js';

function collect() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk) => (text += chunk));
  return { stream, text: () => text };
}

async function run(argv: string[], stdin = '', tty?: { columns: number }) {
  const out = collect();
  if (tty) Object.assign(out.stream, { isTTY: true, columns: tty.columns });
  const err = collect();
  const code = await attackCommand.run(argv, { stdout: out.stream, stderr: err.stream, stdin: Readable.from([stdin]) });
  return { code, stdout: out.text(), stderr: err.text() };
}

const ndjson = sampleHits.map((h) => JSON.stringify(h)).join('\n') + '\n';
const work = mkdtempSync(path.join(tmpdir(), 'sigstream-attack-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('sigstream attack', () => {
  it('is registered as a command', () => {
    expect(commands.attack).toBe(attackCommand);
  });

  it('layer: reads hits from stdin and writes a valid layer', async () => {
    const { code, stdout, stderr } = await run(['layer'], ndjson);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const layer = JSON.parse(stdout);
    expectValidLayer(layer);
    expect(layer.versions.attack).toBe('19');
    expect(layer.techniques.map((t: { techniqueID: string }) => t.techniqueID)).toEqual(['T1003.001', 'T1059.001', 'T1685']);
  });

  it('layer --attack-version 18 writes a v18 layer; anything but 18 or 19 is a usage error', async () => {
    const v18 = await run(['layer', '--attack-version', '18'], ndjson);
    expect(v18.code).toBe(0);
    const layer = JSON.parse(v18.stdout);
    expectValidLayer(layer);
    expect(layer.versions.attack).toBe('18');
    expect(layer.techniques.map((t: { techniqueID: string }) => t.techniqueID)).toEqual(['T1003.001', 'T1059.001', 'T1562.001']);
    const bad = await run(['layer', '--attack-version', '17'], ndjson);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--attack-version must be 18 or 19, not '17'");
  });

  it('layer: reports bad lines by line number and goes on', async () => {
    const input = `${JSON.stringify(sampleHits[0])}\n{not json\n{"foo":1}\n${JSON.stringify(sampleHits[2])}\n`;
    const { code, stdout, stderr } = await run(['layer', '--name', 'mine'], input);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^-:2:\d+: error: malformed JSON/m);
    expect(stderr).toContain('-:3: error: JSON line is not a sigstream hit');
    expect(stderr).toContain('2 input lines skipped');
    const layer = JSON.parse(stdout);
    expect(layer.name).toBe('mine');
    expect(layer.techniques).toHaveLength(2);
  });

  it('summary: a table by default, JSON with --json, from files', async () => {
    const file = path.join(work, 'hits.ndjson');
    writeFileSync(file, ndjson);
    const table = await run(['summary', file]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^Execution \(TA0002\) /m);
    const json = await run(['summary', '--json'], ndjson);
    expect(JSON.parse(json.stdout)).toMatchObject({ hits: 5, hitsWithAttack: 4, techniques: 4 });
    expect(table.stdout).not.toContain('\u001b[');
    const onTerminal = await run(['summary'], ndjson, { columns: 90 });
    expect(onTerminal.stdout).toContain('\u001b[1mExecution (TA0002)');
    const missing = await run(['summary', path.join(work, 'nope.ndjson')]);
    expect(missing.stderr).toContain('nope.ndjson: error: ENOENT');
  });

  it('coverage: reads rule YAML from folders and reports broken files by position', async () => {
    const rules = path.join(work, 'rules');
    mkdirSync(rules);
    const body = 'logsource: {product: windows, category: process_creation}\ndetection: {sel: {Image|endswith: x.exe}, condition: sel}\n';
    writeFileSync(path.join(rules, 'a.yml'), `title: A\ntags:\n  - attack.execution\n  - attack.t1059.001\n${body}`);
    writeFileSync(
      path.join(rules, 'b.yaml'),
      `title: B\nname: b\ntags: [attack.t1059.001, attack.t1003]\n${body}---\ntitle: B correlation\ntags: [attack.t1110]\ncorrelation: {type: event_count, rules: [b], group-by: [Computer], timespan: 5m, condition: {gte: 5}}\n`,
    );
    writeFileSync(path.join(rules, 'broken.yml'), 'title: X\ntags: [attack.t1059\n');
    writeFileSync(path.join(rules, 'notes.txt'), 'ignored');
    const { code, stdout, stderr } = await run(['coverage', '--rules', rules]);
    expect(code).toBe(0);
    const layer = JSON.parse(stdout);
    expectValidLayer(layer);
    expect(layer.techniques.map((t: { techniqueID: string; score: number }) => `${t.techniqueID}:${t.score}`)).toEqual(['T1003:1', 'T1059.001:2', 'T1110:1']);
    expect(stderr).toMatch(/broken\.yml:\d+:\d+: error: /);
    expect(stderr).toContain('3 rules, 3 with technique tags; 3 technique ids covered (3 top-level techniques); 1 rule documents rejected (not counted)');
  });

  it('usage errors exit 2', async () => {
    await expect(run([])).rejects.toThrow(/a subcommand is required: coverage, layer, summary/);
    await expect(run(['layr'])).rejects.toThrow(/unknown subcommand 'layr'; did you mean 'layer'\?/);
    expect((await run(['coverage'])).code).toBe(2);
    // An unknown flag is a UsageError, which the dispatcher prints as one line with exit 2 (test/cli/hygiene.test.ts).
    await expect(run(['summary', '--bogus'])).rejects.toThrow(/unknown option '--bogus'/);
  });
});

describe('sigstream run | sigstream attack (built CLI)', () => {
  it('hits carry tag and RuleName techniques, and the layer and summary read them back', async () => {
    const rule = path.join(work, 'lsass.yml');
    writeFileSync(
      rule,
      'title: LSASS access\nid: 5a5e0c7e-0000-4000-8000-000000000001\nlevel: high\ntags: [attack.credential-access, attack.t1003.001]\n' +
        'logsource: {product: windows, category: process_access}\ndetection: {sel: {TargetImage|endswith: \\lsass.exe}, condition: sel}\n',
    );
    const events = [
      { EventID: 10, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'dc1', UtcTime: '2024-05-01 10:00:00.000', TargetImage: 'C:\\Windows\\System32\\lsass.exe', RuleName: 'technique_id=T1003.001,technique_name=LSASS Memory' },
      { EventID: 10, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'ws7', UtcTime: '2024-05-01 11:00:00.000', TargetImage: 'C:\\Windows\\System32\\lsass.exe', RuleName: 'T1089,Tamper-Defender' },
    ];
    const run = await runMain(['run', '-r', rule], { stdin: events.map((e) => JSON.stringify(e)).join('\n') });
    expect(run.code).toBe(0);
    const hits = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(hits[0].attack.techniques).toEqual([
      {
        id: 'T1003.001', name: 'LSASS Memory', tactics: [{ id: 'TA0006', name: 'Credential Access', shortname: 'credential-access' }],
        parent: { id: 'T1003', name: 'OS Credential Dumping' }, url: 'https://attack.mitre.org/techniques/T1003/001', source: 'tag', sources: ['tag', 'rulename'],
      },
    ]);
    expect(hits[1].attack.techniques.map((t: { id: string; source: string; originalId?: string }) => [t.id, t.source, t.originalId])).toEqual([
      ['T1003.001', 'tag', undefined],
      ['T1562.001', 'rulename', 'T1089'],
    ]);
    const layer = await runMain(['attack', 'layer'], { stdin: run.stdout });
    expect(layer.code).toBe(0);
    const parsed = JSON.parse(layer.stdout);
    expectValidLayer(parsed);
    expect(parsed.techniques.find((t: { techniqueID: string }) => t.techniqueID === 'T1003.001').metadata).toContainEqual({ name: 'hosts (2)', value: 'dc1, ws7' });
    const summary = await runMain(['attack', 'summary'], { stdin: run.stdout });
    expect(summary.stdout).toMatch(/^Credential Access \(TA0006\) +2 +2 +2024-05-01 10:00:00 +2024-05-01 11:00:00$/m);
  });

  it('summary and layer name v19-tagged hits with names and tactics (issue 12.4)', async () => {
    const rule = path.join(work, 'netsh-firewall.yml');
    writeFileSync(
      rule,
      'title: Firewall Disabled via Netsh\nid: 5a5e0c7e-0000-4000-8000-000000000019\nlevel: medium\n' +
        'tags: [attack.defense-impairment, attack.t1686.003, attack.g0016, attack.s0002]\n' +
        'logsource: {product: windows, category: process_creation}\n' +
        "detection: {sel: {Image|endswith: '\\netsh.exe', CommandLine|contains|all: ['firewall', 'disable']}, condition: sel}\n",
    );
    const event = { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'ws7', UtcTime: '2024-05-01 10:00:00.000', Image: 'C:\\Windows\\System32\\netsh.exe', CommandLine: 'netsh advfirewall set allprofiles state off firewall disable' };
    const run = await runMain(['run', '-r', rule], { stdin: JSON.stringify(event) });
    expect(run.code).toBe(0);
    const [hit] = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(hit.attack.techniques[0]).toMatchObject({ id: 'T1686.003', name: 'Windows Host Firewall', tactics: [{ id: 'TA0112', name: 'Defense Impairment' }] });
    expect(hit.attack.groups).toEqual([{ id: 'G0016', name: 'APT29', url: 'https://attack.mitre.org/groups/G0016' }]);
    expect(hit.attack.software).toEqual([{ id: 'S0002', name: 'Mimikatz', url: 'https://attack.mitre.org/software/S0002' }]);
    const summary = await runMain(['attack', 'summary'], { stdin: run.stdout });
    expect(summary.stdout).toMatch(/^Defense Impairment \(TA0112\) +1 +1 /m);
    expect(summary.stdout).toMatch(/^ {2}T1686\.003 Windows Host Firewall +1 +1 /m);
    const layer = JSON.parse((await runMain(['attack', 'layer'], { stdin: run.stdout })).stdout);
    expectValidLayer(layer);
    expect(layer.versions.attack).toBe('19');
    expect(layer.techniques.map((t: { techniqueID: string }) => t.techniqueID)).toEqual(['T1686.003']);
    const v18 = JSON.parse((await runMain(['attack', 'layer', '--attack-version', '18'], { stdin: run.stdout })).stdout);
    expect(v18.techniques.map((t: { techniqueID: string; metadata: unknown }) => [t.techniqueID, t.metadata])).toEqual([
      ['T1562.004', [{ name: 'hits', value: '1' }, { name: 'first seen', value: '2024-05-01T10:00:00.000Z' }, { name: 'last seen', value: '2024-05-01T10:00:00.000Z' }, { name: 'hosts (1)', value: 'ws7' }, { name: 'ATT&CK v19 id', value: 'T1686.003' }]],
    ]);
  });
});
