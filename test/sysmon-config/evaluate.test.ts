/**
 * Relations, include/exclude and defaults, from the Sysmon documentation's examples and the rule
 * engine's behaviour (SysmonCommon rules.c).
 */
import { describe, expect, it } from 'vitest';
import { compileSysmonConfig, configCoverage, evaluateEvent, parseSysmonConfig, type NormalizedEvent, type Verdict } from '../../engine/index.js';

function evaluator(xml: string): (event: NormalizedEvent) => Verdict {
  const { config, diagnostics } = parseSysmonConfig(xml, 'test.xml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const compiled = compileSysmonConfig(config!);
  return (event) => evaluateEvent(compiled, event);
}

const decision = (v: Verdict) => `${v.decision}${v.ruleName ? ` ${v.ruleName}` : ''}`;

describe('the documentation example (schema 4.22, no RuleGroup)', () => {
  const run = evaluator(`<Sysmon schemaversion="4.22">
  <HashAlgorithms>md5,sha256</HashAlgorithms>
  <CheckRevocation/>
  <EventFiltering>
    <DriverLoad onmatch="exclude">
      <Signature condition="contains">microsoft</Signature>
      <Signature condition="contains">windows</Signature>
    </DriverLoad>
    <NetworkConnect onmatch="exclude">
      <Image condition="end with">chrome.exe</Image>
      <Image condition="end with">iexplore.exe</Image>
      <SourcePort condition="is">137</SourcePort>
    </NetworkConnect>
  </EventFiltering>
</Sysmon>`);

  it('same field conditions are OR-ed', () => {
    expect(run({ EventID: 6, Signature: 'Microsoft Corporation' }).decision).toBe('exclude');
    expect(run({ EventID: 6, Signature: 'Microsoft Windows' }).decision).toBe('exclude');
    expect(run({ EventID: 6, Signature: 'Acme Drivers' }).decision).toBe('include');
  });

  it('different fields are AND-ed (since schema 4.2, without RuleGroup)', () => {
    expect(run({ EventID: 3, Image: 'C:\\chrome.exe', SourcePort: '137' }).decision).toBe('exclude');
    expect(run({ EventID: 3, Image: 'C:\\iexplore.exe', SourcePort: '137' }).decision).toBe('exclude');
    expect(run({ EventID: 3, Image: 'C:\\chrome.exe', SourcePort: '443' }).decision).toBe('include');
  });

  it('event types without a block use their default', () => {
    expect(run({ EventID: 1, Image: 'x' })).toMatchObject({ decision: 'include', reason: 'default' });
    expect(run({ EventID: 5 })).toMatchObject({ decision: 'include', reason: 'default' });
    expect(run({ EventID: 11 })).toMatchObject({ decision: 'exclude', reason: 'default' });
    expect(run({ EventID: 12 })).toMatchObject({ decision: 'exclude', reason: 'default' });
  });

  it('4, 16 and 255 are never filtered; other channels and unknown ids pass through', () => {
    for (const id of [4, 16, 255]) expect(run({ EventID: id })).toMatchObject({ decision: 'include', reason: 'unfiltered' });
    expect(run({ EventID: 4688, Channel: 'Security' })).toMatchObject({ decision: 'include', reason: 'not-sysmon' });
    expect(run({ EventID: 999, Channel: 'Microsoft-Windows-Sysmon/Operational' })).toMatchObject({ reason: 'unknown-type' });
  });
});

describe('RuleGroup (documentation example)', () => {
  const run = evaluator(`<Sysmon schemaversion="4.90"><EventFiltering>
  <RuleGroup name="group 1" groupRelation="and">
    <ProcessCreate onmatch="include">
      <Image condition="contains">timeout.exe</Image>
      <CommandLine condition="contains">timeout</CommandLine>
    </ProcessCreate>
  </RuleGroup>
</EventFiltering></Sysmon>`);

  it('AND group needs both fields; RuleName is the group name', () => {
    expect(decision(run({ EventID: 1, Image: 'C:\\Windows\\System32\\timeout.exe', CommandLine: 'timeout /t 5' }))).toBe('include group 1');
    expect(decision(run({ EventID: 1, Image: 'C:\\Windows\\System32\\timeout.exe', CommandLine: 'x' }))).toBe('exclude');
  });

  it('a field absent from the event matches no condition', () => {
    expect(decision(run({ EventID: 1, Image: 'timeout.exe' }))).toBe('exclude');
  });
});

describe('groupRelation="or", compound rules and names', () => {
  const run = evaluator(`<Sysmon schemaversion="4.90"><EventFiltering>
  <RuleGroup name="grp" groupRelation="or">
    <ProcessCreate onmatch="include">
      <Image condition="image">wmic.exe</Image>
      <Image name="technique_id=T1218.011,technique_name=Rundll32" condition="image">rundll32.exe</Image>
      <Rule name="technique_id=T1490,technique_name=Inhibit System Recovery" groupRelation="and">
        <OriginalFileName condition="is">vssadmin.exe</OriginalFileName>
        <CommandLine condition="contains all">delete;shadows</CommandLine>
      </Rule>
      <Rule groupRelation="or">
        <CommandLine name="enc" condition="contains"> -enc </CommandLine>
        <CommandLine condition="contains">FromBase64String</CommandLine>
      </Rule>
    </ProcessCreate>
  </RuleGroup>
</EventFiltering></Sysmon>`);

  it('any entry suffices in an OR group', () => {
    expect(decision(run({ EventID: 1, Image: 'C:\\Windows\\System32\\wbem\\WMIC.exe' }))).toBe('include grp');
    expect(decision(run({ EventID: 1, Image: 'C:\\Windows\\System32\\rundll32.exe' }))).toBe('include technique_id=T1218.011,technique_name=Rundll32');
  });

  it('an AND compound rule needs all its conditions and reports its name', () => {
    expect(decision(run({ EventID: 1, Image: 'x', OriginalFileName: 'VSSADMIN.EXE', CommandLine: 'vssadmin delete shadows /all' }))).toBe('include technique_id=T1490,technique_name=Inhibit System Recovery');
    expect(decision(run({ EventID: 1, Image: 'x', OriginalFileName: 'vssadmin.exe', CommandLine: 'vssadmin list shadows' }))).toBe('exclude');
  });

  it('an OR compound rule reports the name of the condition that matched, else the group', () => {
    expect(decision(run({ EventID: 1, Image: 'x', CommandLine: 'powershell -enc AAA' }))).toBe('include enc');
    expect(decision(run({ EventID: 1, Image: 'x', CommandLine: '[Convert]::FromBase64String(x)' }))).toBe('include grp');
  });

  it('the verdict locates the deciding block and condition', () => {
    const v = run({ EventID: 1, Image: 'C:\\Windows\\System32\\rundll32.exe' });
    expect(v.block).toMatchObject({ file: 'test.xml', line: 3, col: 5 });
    expect(v.condition).toMatchObject({ line: 5, col: 7 });
  });
});

describe('AND block: same-field conditions are OR-ed, Rule is AND by default', () => {
  const run = evaluator(`<Sysmon schemaversion="4.90"><EventFiltering>
  <ProcessCreate onmatch="include">
    <Image condition="end with">\\cmd.exe</Image>
    <ParentImage condition="end with">\\winword.exe</ParentImage>
    <Image condition="end with">\\powershell.exe</Image>
  </ProcessCreate>
  <NetworkConnect onmatch="include">
    <Rule name="r"><Image condition="end with">a.exe</Image><DestinationPort>443</DestinationPort></Rule>
  </NetworkConnect>
</EventFiltering></Sysmon>`);

  it('either Image, and the ParentImage', () => {
    expect(run({ EventID: 1, Image: 'C:\\x\\powershell.exe', ParentImage: 'C:\\o\\WINWORD.EXE' }).decision).toBe('include');
    expect(run({ EventID: 1, Image: 'C:\\x\\cmd.exe', ParentImage: 'C:\\o\\WINWORD.EXE' }).decision).toBe('include');
    expect(run({ EventID: 1, Image: 'C:\\x\\calc.exe', ParentImage: 'C:\\o\\WINWORD.EXE' }).decision).toBe('exclude');
    expect(run({ EventID: 1, Image: 'C:\\x\\cmd.exe', ParentImage: 'C:\\explorer.exe' }).decision).toBe('exclude');
  });

  it('<Rule> without groupRelation combines with AND; a condition without condition= is "is"', () => {
    expect(decision(run({ EventID: 3, Image: 'C:\\a.exe', DestinationPort: '443' }))).toBe('include r');
    expect(decision(run({ EventID: 3, Image: 'C:\\a.exe', DestinationPort: '80' }))).toBe('exclude');
  });
});

describe('include and exclude blocks', () => {
  const run = evaluator(`<Sysmon schemaversion="4.90"><EventFiltering>
  <RuleGroup groupRelation="or"><FileCreate onmatch="include">
    <TargetFilename name="exe" condition="end with">.exe</TargetFilename>
  </FileCreate></RuleGroup>
  <RuleGroup groupRelation="or"><FileCreate onmatch="exclude">
    <Image name="updater" condition="image">updater.exe</Image>
  </FileCreate></RuleGroup>
  <RuleGroup groupRelation="or"><ProcessCreate onmatch="include"/></RuleGroup>
  <RuleGroup groupRelation="or"><ProcessTerminate onmatch="exclude"/></RuleGroup>
</EventFiltering></Sysmon>`);

  it('exclude wins over include; matching neither is dropped', () => {
    expect(decision(run({ EventID: 11, Image: 'C:\\a\\b.exe', TargetFilename: 'C:\\t\\x.exe' }))).toBe('include exe');
    expect(decision(run({ EventID: 11, Image: 'C:\\a\\updater.exe', TargetFilename: 'C:\\t\\x.exe' }))).toBe('exclude updater');
    expect(decision(run({ EventID: 11, Image: 'C:\\a\\b.exe', TargetFilename: 'C:\\t\\x.txt' }))).toBe('exclude');
  });

  it('an empty include drops everything, an empty exclude keeps everything', () => {
    expect(run({ EventID: 1, Image: 'x' })).toMatchObject({ decision: 'exclude', reason: 'default' });
    expect(run({ EventID: 5, Image: 'x' })).toMatchObject({ decision: 'include', reason: 'default' });
  });
});

describe('shared tags: RegistryEvent, PipeEvent, WmiEvent', () => {
  const run = evaluator(`<Sysmon schemaversion="4.90"><EventFiltering>
  <RuleGroup groupRelation="or"><RegistryEvent onmatch="include">
    <TargetObject name="run" condition="contains">\\CurrentVersion\\Run</TargetObject>
  </RegistryEvent></RuleGroup>
  <RuleGroup groupRelation="or"><RegistryEvent onmatch="include">
    <User name="user" condition="is">EVIL\\bob</User>
  </RegistryEvent></RuleGroup>
  <RuleGroup groupRelation="or"><PipeEvent onmatch="include">
    <PipeName name="pipe" condition="begin with">\\msagent_</PipeName>
  </PipeEvent></RuleGroup>
</EventFiltering></Sysmon>`);

  it('one RegistryEvent block filters 12, 13 and 14', () => {
    for (const id of [12, 13, 14]) expect(decision(run({ EventID: id, TargetObject: 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\x', User: 'a' }))).toBe('include run');
  });

  it('a field at a different position in a sibling type never matches (User: 12 only)', () => {
    expect(decision(run({ EventID: 12, TargetObject: 'HKLM\\x', User: 'EVIL\\bob' }))).toBe('include user');
    expect(decision(run({ EventID: 13, TargetObject: 'HKLM\\x', User: 'EVIL\\bob' }))).toBe('exclude');
  });

  it('PipeEvent filters 17 and 18', () => {
    expect(decision(run({ EventID: 17, PipeName: '\\MSAgent_12' }))).toBe('include pipe');
    expect(decision(run({ EventID: 18, PipeName: '\\MSAgent_12' }))).toBe('include pipe');
  });
});

describe('RuleName as Sysmon reports it', () => {
  it('a name set in a block that failed stays for a later match without a name', () => {
    const run = evaluator(`<Sysmon schemaversion="4.90"><EventFiltering>
  <ProcessCreate onmatch="exclude">
    <Image name="stale" condition="end with">a.exe</Image>
    <CommandLine condition="contains">never</CommandLine>
  </ProcessCreate>
  <ProcessCreate onmatch="include">
    <Image condition="end with">a.exe</Image>
  </ProcessCreate>
</EventFiltering></Sysmon>`);
    expect(decision(run({ EventID: 1, Image: 'C:\\a.exe', CommandLine: 'x' }))).toBe('include stale');
  });

  it('blocks of the same kind are tried in reverse document order', () => {
    const run = evaluator(`<Sysmon schemaversion="4.90"><EventFiltering>
  <RuleGroup name="first" groupRelation="or"><ProcessCreate onmatch="include"><Image condition="end with">.exe</Image></ProcessCreate></RuleGroup>
  <RuleGroup name="second" groupRelation="or"><ProcessCreate onmatch="include"><Image condition="end with">a.exe</Image></ProcessCreate></RuleGroup>
</EventFiltering></Sysmon>`);
    expect(decision(run({ EventID: 1, Image: 'C:\\a.exe' }))).toBe('include second');
    expect(decision(run({ EventID: 1, Image: 'C:\\b.exe' }))).toBe('include first');
  });

  it('before schema 4.2 entries without RuleGroup are OR-ed', () => {
    const run = evaluator(`<Sysmon schemaversion="4.1"><EventFiltering><ProcessCreate onmatch="include">
  <Image condition="end with">a.exe</Image><CommandLine condition="contains">x</CommandLine>
</ProcessCreate></EventFiltering></Sysmon>`);
    expect(run({ EventID: 1, Image: 'C:\\a.exe', CommandLine: 'y' }).decision).toBe('include');
  });
});

describe('several exclude blocks and no include block', () => {
  it('drop every event of the type, and the parser warns', () => {
    const xml = `<Sysmon schemaversion="4.90"><EventFiltering>
  <RuleGroup groupRelation="or"><ProcessCreate onmatch="exclude"><Image condition="end with">a.exe</Image></ProcessCreate></RuleGroup>
  <RuleGroup groupRelation="or"><ProcessCreate onmatch="exclude"><Image condition="end with">b.exe</Image></ProcessCreate></RuleGroup>
</EventFiltering></Sysmon>`;
    expect(parseSysmonConfig(xml, 't.xml').diagnostics.map((d) => d.code)).toEqual(['config-exclude-only']);
    const compiled = compileSysmonConfig(parseSysmonConfig(xml, 't.xml').config!);
    expect(evaluateEvent(compiled, { EventID: 1, Image: 'C:\\c.exe' })).toMatchObject({ decision: 'exclude', reason: 'default' });
  });
});

describe('configCoverage', () => {
  it('says per event type what the config logs', () => {
    const { config } = parseSysmonConfig(`<Sysmon schemaversion="4.90"><EventFiltering>
  <RuleGroup groupRelation="or"><ProcessCreate onmatch="exclude"><Image condition="image">a.exe</Image></ProcessCreate></RuleGroup>
  <RuleGroup groupRelation="or"><NetworkConnect onmatch="include"><Image condition="image">a.exe</Image></NetworkConnect></RuleGroup>
  <RuleGroup groupRelation="or"><NetworkConnect onmatch="exclude"><Image condition="image">b.exe</Image></NetworkConnect></RuleGroup>
  <RuleGroup groupRelation="or"><ProcessTerminate onmatch="include"/></RuleGroup>
  <RuleGroup groupRelation="or"><RegistryEvent onmatch="include"><Details condition="contains">x</Details></RegistryEvent></RuleGroup>
</EventFiltering></Sysmon>`, 't.xml');
    const rows = Object.fromEntries(configCoverage(compileSysmonConfig(config!)).map((r) => [r.id, `${r.includeBlocks}/${r.excludeBlocks}/${r.conditions} ${r.logs}`]));
    expect(rows).toMatchObject({
      1: '0/1/1 all-but-excluded', 2: '0/0/0 none', 3: '1/1/2 only-included', 5: '1/0/0 none',
      12: '1/0/0 none', 13: '1/0/1 only-included', 14: '1/0/0 none',
    });
  });
});

