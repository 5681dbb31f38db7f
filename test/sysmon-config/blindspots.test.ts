/** Blind spots: Sigma rules that match events the config drops. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSysmonConfig, findBlindSpots, parseSysmonConfig, type NormalizedEvent } from '../../engine/index.js';
import { createEngine, engineFromCollection } from '../../engine/pipeline/engine.js';
import { addRuleText, emptyCollection } from '../../engine/sigma/load.js';
import { SHARED_DIR, imageRuleYaml, sharedPath } from './shared.js';

const compile = (xml: string, file = 'c.xml') => compileSysmonConfig(parseSysmonConfig(xml, file).config!);

describe('findBlindSpots', () => {
  it('names the rules that match a dropped event, and why it was dropped', async () => {
    const collection = emptyCollection();
    addRuleText(collection, 'whoami.yml', imageRuleYaml('Whoami', '11111111-1111-4111-8111-111111111111', '\\whoami.exe'));
    addRuleText(collection, 'cmd.yml', imageRuleYaml('Cmd', '22222222-2222-4222-8222-222222222222', '\\cmd.exe'));
    const engine = engineFromCollection(collection);
    expect(engine.compiled.compiled).toHaveLength(2);
    const config = compile(`<Sysmon schemaversion="4.90"><EventFiltering>
  <RuleGroup groupRelation="or"><ProcessCreate onmatch="exclude"><Image name="quiet" condition="image">whoami.exe</Image></ProcessCreate></RuleGroup>
</EventFiltering></Sysmon>`);
    const events: NormalizedEvent[] = [
      { EventID: 1, Image: 'C:\\Windows\\System32\\whoami.exe', '@source': { input: 'e.ndjson', line: 1 } },
      { EventID: 1, Image: 'C:\\Windows\\System32\\whoami.exe', '@source': { input: 'e.ndjson', line: 2 } },
      { EventID: 1, Image: 'C:\\Windows\\System32\\cmd.exe', '@source': { input: 'e.ndjson', line: 3 } },
    ];
    const report = await findBlindSpots(config, engine.compiled.compiled, events);
    expect(report).toMatchObject({ events: 3, droppedEvents: 2, rulesMatching: 2, fullyBlinded: 1 });
    expect(report.blinded).toEqual([
      { rule: expect.objectContaining({ title: 'Whoami' }), matched: 2, dropped: 2, droppedBy: { quiet: 2 }, examples: [{ input: 'e.ndjson', line: 1 }, { input: 'e.ndjson', line: 2 }] },
    ]);
  });
});

describe.skipIf(!SHARED_DIR)('blind spots of real configs on SigmaHQ regression cases (verdicts checked by hand)', () => {
  const cases = ['056c7317-9a09-4bd4-9067-d051312752ea', '15434e33-5027-4914-88d5-3d4145ec25a9', '1cf465a1-2609-4c15-9b66-c32dbe4bfd67'];

  async function blinded(configFile: string): Promise<string[]> {
    const index = JSON.parse(readFileSync(sharedPath('sigmahq', 'regression', 'index.json'), 'utf8')) as Array<{ rule_id: string; rule_path: string }>;
    const rulePaths = cases.map((id) => sharedPath('sigmahq', 'rules', index.find((c) => c.rule_id === id)!.rule_path));
    const engine = await createEngine(rulePaths);
    const events = cases.flatMap((id) => readFileSync(sharedPath('sigmahq', 'regression', `${id}.ndjson`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as NormalizedEvent));
    const config = compile(readFileSync(sharedPath('sysmon', 'configs', configFile), 'utf8'), configFile);
    const report = await findBlindSpots(config, engine.compiled.compiled, events);
    expect(report.rulesMatching).toBe(3);
    return report.blinded.map((b) => `${b.rule.id} ${Object.keys(b.droppedBy).join(',')}`).sort();
  }

  it('SwiftOnSecurity drops the headless conhost process (exclude on conhost.exe)', async () => {
    expect(await blinded('swiftonsecurity-sysmonconfig-export.xml')).toEqual(['056c7317-9a09-4bd4-9067-d051312752ea (unnamed rule, line 104)']);
  });

  it('sysmon-modular drops it too (exclude on conhost.exe), and the WMIC product query (no include matches)', async () => {
    expect(await blinded('sysmon-modular-sysmonconfig.xml')).toEqual([
      '056c7317-9a09-4bd4-9067-d051312752ea (unnamed rule, line 663)',
      '15434e33-5027-4914-88d5-3d4145ec25a9 (default: no include rule matched)',
    ]);
  });
});
