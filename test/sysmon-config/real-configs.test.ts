/**
 * The real configs in ../shared/sysmon/configs load without error, and their verdicts over the
 * SigmaHQ regression events match verdicts checked by hand against the config text (the config
 * line of the deciding condition is given for each).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSysmonConfig, evaluateEvent, parseSysmonConfig, type CompiledConfig, type NormalizedEvent } from '../../engine/index.js';
import { SHARED_DIR, sharedPath } from './shared.js';

const CONFIGS = {
  swift: 'swiftonsecurity-sysmonconfig-export.xml',
  modular: 'sysmon-modular-sysmonconfig.xml',
  mstic: 'mstic-sysmon-linux-main.xml',
};

/** [config, regression file (rule id), event line, decision, RuleName ('' = none), line of the deciding condition] */
const HAND_VERIFIED: Array<[keyof typeof CONFIGS, string, number, 'include' | 'exclude', string, number | undefined]> = [
  // conhost.exe: SwiftOnSecurity's ProcessCreate exclude `Image is C:\Windows\system32\conhost.exe`.
  ['swift', '056c7317-9a09-4bd4-9067-d051312752ea', 1, 'exclude', '', 104],
  // WMIC.exe: no SwiftOnSecurity ProcessCreate exclude matches; a lone exclude block logs the rest.
  ['swift', '15434e33-5027-4914-88d5-3d4145ec25a9', 1, 'include', '', undefined],
  // FileCreate C:\Users\Public\7zip.exe: `TargetFilename name="EXE" end with .exe`.
  ['swift', '1cf465a1-2609-4c15-9b66-c32dbe4bfd67', 1, 'include', 'EXE', 499],
  // RegistryEvent ...\WinStations\RDP-Tcp\PortNumber: `name="RDP port change" end with`.
  ['swift', '509e84b9-a71a-40e0-834f-05470369bd1e', 1, 'include', 'RDP port change', 614],
  // RegistryEvent ...\shell\open\command\...: `name="T1042" contains \command\`.
  ['swift', '46dd5308-4572-4d12-aa43-8938f0184d4f', 1, 'include', 'T1042', 621],
  // WMIC product query: sysmon-modular's ProcessCreate includes have WMIC only with delete;shadowcopy.
  ['modular', '15434e33-5027-4914-88d5-3d4145ec25a9', 1, 'exclude', '', undefined],
  // chrome.exe ... http://...: first matching include is `CommandLine contains http` (T1027).
  ['modular', '0e8cfe08-02c9-4815-a2f8-0d157b7ed33e', 1, 'include', 'technique_id=T1027,technique_name=Obfuscated Files or Information', 388],
  // certutil.exe: `OriginalFileName is certutil.exe` (T1202).
  ['modular', '13e6fe51-d478-4c7e-b0f2-6da9b400a829', 1, 'include', 'technique_id=T1202,technique_name=Indirect Command Execution', 263],
  // RegistryEvent (12) ...\Schedule\TaskCache\Tree\...: `begin with` (T1053).
  ['modular', '526cc8bc-1cdc-48ad-8b26-f19bff969cec', 1, 'include', 'technique_id=T1053,technique_name=Scheduled Task', 1663],
  // A Windows process on Microsoft's Linux config: it has ProcessCreate include and exclude blocks, no match → dropped.
  ['mstic', '13e6fe51-d478-4c7e-b0f2-6da9b400a829', 1, 'exclude', '', undefined],
];

function loadEvents(dir: string, ruleId: string): NormalizedEvent[] {
  return readFileSync(path.join(dir, `${ruleId}.ndjson`), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as NormalizedEvent);
}

describe.skipIf(!SHARED_DIR)('real Sysmon configs', () => {
  const compiled = {} as Record<keyof typeof CONFIGS, CompiledConfig>;
  const regression = sharedPath('sigmahq', 'regression');

  it.each(Object.entries(CONFIGS))('%s (%s) loads without errors or warnings', (key, file) => {
    const { config, diagnostics } = parseSysmonConfig(readFileSync(sharedPath('sysmon', 'configs', file), 'utf8'), file);
    expect(diagnostics).toEqual([]);
    expect(config!.blocks.length).toBeGreaterThan(0);
    compiled[key as keyof typeof CONFIGS] = compileSysmonConfig(config!);
  });

  it.each(HAND_VERIFIED)('%s on %s:%i → %s %j (condition line %s)', (key, ruleId, line, decision, ruleName, conditionLine) => {
    const event = loadEvents(regression, ruleId)[line - 1];
    const verdict = evaluateEvent(compiled[key], event);
    expect(verdict.decision).toBe(decision);
    expect(verdict.ruleName ?? '').toBe(ruleName);
    expect(verdict.condition?.line).toBe(conditionLine);
  });

  it('every regression event gets a verdict (summary printed)', () => {
    const files = readdirSync(regression).filter((f) => f.endsWith('.ndjson'));
    const events = files.flatMap((f) => loadEvents(regression, f.replace(/\.ndjson$/, '')));
    for (const key of Object.keys(CONFIGS) as Array<keyof typeof CONFIGS>) {
      const sysmon = events.map((e) => evaluateEvent(compiled[key], e)).filter((v) => v.reason !== 'not-sysmon');
      const kept = sysmon.filter((v) => v.decision === 'include').length;
      console.log(`${CONFIGS[key]}: keeps ${kept} of ${sysmon.length} Sysmon regression events`);
      expect(sysmon.length).toBe(167);
    }
  });
});
