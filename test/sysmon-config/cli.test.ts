/** `sigstream sysmon-config` subcommands, run in-process on small files. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { sysmonConfigCommand } from '../../engine/cli/sysmon-config.js';
import { imageRuleYaml } from './shared.js';

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (b: Buffer) => out.push(b));
  stderr.on('data', (b: Buffer) => err.push(b));
  const code = await sysmonConfigCommand.run(argv, { stdout, stderr, stdin: Readable.from([]) });
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

const dir = mkdtempSync(path.join(tmpdir(), 'sysmon-config-cli-'));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

const configA = file('a.xml', `<Sysmon schemaversion="4.90"><EventFiltering>
  <RuleGroup groupRelation="or"><ProcessCreate onmatch="include">
    <Image name="technique_id=T1059.001,technique_name=PowerShell" condition="end with">\\powershell.exe</Image>
  </ProcessCreate></RuleGroup>
</EventFiltering></Sysmon>`);
const configB = file('b.xml', `<Sysmon schemaversion="4.90"><EventFiltering>
  <RuleGroup groupRelation="or"><ProcessCreate onmatch="exclude">
    <Image name="noise" condition="end with">\\powershell.exe</Image>
  </ProcessCreate></RuleGroup>
</EventFiltering></Sysmon>`);
const events = file('events.ndjson', [
  JSON.stringify({ EventID: 1, Image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', RuleName: '-' }),
  JSON.stringify({ EventID: 1, Image: 'C:\\Windows\\System32\\cmd.exe', RuleName: '-' }),
  '{"EventID": 1, broken',
  JSON.stringify({ EventID: 4624, Channel: 'Security' }),
].join('\n') + '\n');

describe('sigstream sysmon-config', () => {
  it('simulate prints one verdict per event, reports skipped lines with their location', async () => {
    const { code, stdout, stderr } = await run(['simulate', '--config', configA, events]);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ verdict: 'logged', EventID: 1, eventType: 'ProcessCreate', RuleName: 'technique_id=T1059.001,technique_name=PowerShell', techniques: [expect.objectContaining({ id: 'T1059.001', name: 'PowerShell', source: 'rulename' })], reason: 'matched', condition: `${configA}:3:5`, source: { input: events, line: 1 } });
    expect(lines[1]).toMatchObject({ verdict: 'dropped', reason: 'default', source: { line: 2 } });
    expect(lines[2]).toMatchObject({ verdict: 'logged', reason: 'not-sysmon' });
    expect(stderr).toContain(`${events}:3`);
    expect(stderr).toContain('3 events, 2 logged (1 not filterable), 1 dropped, 1 input lines skipped');
  });

  it('simulate --output kept streams the kept events with RuleName set', async () => {
    const { stdout } = await run(['simulate', '--config', configA, '--output', 'kept', events]);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.RuleName)).toEqual(['technique_id=T1059.001,technique_name=PowerShell', undefined]);
    expect(lines[0]['@source']).toBeUndefined();
  });

  it('diff summarises events one config logs and the other drops', async () => {
    const json = JSON.parse((await run(['diff', configA, configB, '--format', 'json', events])).stdout);
    expect(json).toMatchObject({
      compared: 3,
      same: 1,
      onlyA: { events: 1, byEventType: { '1 ProcessCreate': 1 }, keptByRule: { 'technique_id=T1059.001,technique_name=PowerShell': 1 }, droppedByRule: { noise: 1 } },
      onlyB: { events: 1, keptByRule: { '(default: no exclude rule matched)': 1 }, droppedByRule: { '(default: no include rule matched)': 1 } },
    });
    const text = (await run(['diff', configA, configB, events])).stdout;
    expect(text).toContain('logged by A only: 1 events');
    const ndjson = (await run(['diff', configA, configB, '--format', 'ndjson', events])).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(ndjson.map((d) => d.loggedBy)).toEqual(['A', 'B']);
  });

  it('check reports located errors and exits 2; simulate refuses such a config', async () => {
    const bad = file('bad.xml', '<Sysmon schemaversion="4.90">\n<EventFiltering>\n<ProcessCreate onmatch="include"><Imagee>x</Imagee></ProcessCreate>\n</EventFiltering>\n</Sysmon>');
    const checked = await run(['check', '--config', bad]);
    expect(checked.code).toBe(2);
    expect(checked.stderr).toContain(`${bad}:3:34: error: incorrect field <Imagee>`);
    expect((await run(['simulate', '--config', bad, events])).code).toBe(2);
    expect((await run(['check', '--config', configA, '--dump'])).stdout).toContain(" - ProcessCreate                      onmatch: include   combine rules using 'Or'");
  });

  it('blindspots lists the rules that match a dropped event', async () => {
    const rule = file('powershell.yml', imageRuleYaml('PowerShell', '33333333-3333-4333-8333-333333333333', '\\powershell.exe'));
    const viaB = await run(['blindspots', '--config', configB, '--rules', rule, '--format', 'json', events]);
    expect(viaB.code).toBe(0);
    expect(JSON.parse(viaB.stdout)).toMatchObject({ droppedEvents: 1, rulesMatching: 1, fullyBlinded: 1, blinded: [{ rule: { title: 'PowerShell' }, matched: 1, dropped: 1, droppedBy: { noise: 1 } }] });
    const viaA = await run(['blindspots', '--config', configA, '--rules', rule, events]);
    expect(viaA.stdout).toContain('0 rules blinded');
  });

  it('usage errors are UsageErrors (one line and exit 2 from the dispatcher, test/cli/hygiene.test.ts)', async () => {
    await expect(run([])).rejects.toThrow(/a subcommand is required: check, simulate, diff, blindspots/);
    await expect(run(['simulat'])).rejects.toThrow(/unknown subcommand 'simulat'; did you mean 'simulate'\?/);
    await expect(run(['simulate'])).rejects.toThrow(/simulate needs --config/);
    await expect(run(['simulate', '--config', configA, '--output', 'x'])).rejects.toThrow(/--output must be verdicts or kept/);
    await expect(run(['blindspots', '--config', configA])).rejects.toThrow(/blindspots needs --rules/);
    await expect(run(['simulate', '--nope'])).rejects.toThrow(/unknown option '--nope'/);
  });
});
