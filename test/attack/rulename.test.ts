import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRuleName } from '../../engine/attack/rulename.js';
import { resolveAttack } from '../../engine/attack/resolve.js';
import { resolveTechnique } from '../../engine/attack/technique.js';

const shared = path.resolve(import.meta.dirname, '../../../shared');
const configs = path.join(shared, 'sysmon/configs');
const haveConfigs = existsSync(configs);
if (!haveConfigs) console.log(`RuleName config tests skipped: ${configs} not present`);

describe('parseRuleName', () => {
  it.each([
    ['technique_id=T1055,technique_name=Process Injection', [{ id: 'T1055', name: 'Process Injection' }]],
    ['technique_id=T1055.001,technique_name=Dynamic-link Library Injection', [{ id: 'T1055.001', name: 'Dynamic-link Library Injection' }]],
    ['TechniqueID=T1105,TechniqueName=Ingress Tool Transfer', [{ id: 'T1105', name: 'Ingress Tool Transfer' }]],
    ['technique=T1053.002,technique_name=At', [{ id: 'T1053.002', name: 'At' }]],
    ['T1089,Tamper-Defender', [{ id: 'T1089' }]],
    ['T1176', [{ id: 'T1176' }]],
    ['T1031,T1050', [{ id: 'T1031' }, { id: 'T1050' }]],
    ['Compound Rule technique_id=T1021.003,technique', [{ id: 'T1021.003' }]],
    ['Caution', []],
    ['technique_name=Outlook Server 95/98 Identity Keys', []],
    ['-', []],
    ['', []],
    ['XT1055 T10551', []],
  ])('%s', (name, expected) => {
    expect(parseRuleName(name)).toEqual(expected);
  });
});

/** Every `name="..."` attribute of a config, XML entities decoded. */
function ruleNames(file: string): string[] {
  const xml = readFileSync(path.join(configs, file), 'utf8');
  return Array.from(xml.matchAll(/\bname="([^"]*)"/g), (m) =>
    m[1].replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
  );
}

function survey(file: string) {
  const names = ruleNames(file);
  const withTechniques = names.filter((n) => parseRuleName(n).length > 0);
  const ids = new Set(withTechniques.flatMap((n) => parseRuleName(n).map((t) => t.id)));
  const revoked = new Set([...ids].filter((id) => resolveTechnique(id, 'rulename').status === 'revoked'));
  const unknown = new Set([...ids].filter((id) => resolveTechnique(id, 'rulename').status === 'unknown'));
  // Every id found in a real config is a catalog id (live or revoked): none is a false positive.
  expect([...unknown]).toEqual([]);
  console.log(`${file}: ${names.length} name= attributes, ${withTechniques.length} yield techniques, ${ids.size} distinct ids, revoked ${[...revoked].sort().join(' ') || 'none'}, unknown ${[...unknown].sort().join(' ') || 'none'}`);
  return { names, withTechniques, ids, revoked, unknown };
}

describe.skipIf(!haveConfigs)('RuleName in real Sysmon configs', () => {
  it('sysmon-modular: technique_id=...,technique_name=...', () => {
    const s = survey('sysmon-modular-sysmonconfig.xml');
    expect(s.names.length).toBe(897);
    // 838 `technique_id=`, 4 `technique=`, 7 `T1562,office`-style, less one `technique_id=` without an id;
    // the other 49 are plain text (`Fltmc`, `Eventviewer Bypass UAC`) or empty.
    expect(s.withTechniques.length).toBe(848);
    expect(s.ids.size).toBe(113);
    expect([...s.revoked].sort()).toEqual(['T1099', 'T1574.002']);
    expect(resolveAttack([], 'technique_id=T1574.002,technique_name=DLL Side-Loading').techniques[0]).toMatchObject({
      id: 'T1574.001',
      originalId: 'T1574.002',
      status: 'revoked',
      source: 'rulename',
    });
    expect(resolveAttack([], 'technique_id=T1546.008,technique_name=Accessibility Features').techniques[0]).toMatchObject({
      id: 'T1546.008',
      name: 'Accessibility Features',
      parent: { id: 'T1546', name: 'Event Triggered Execution' },
    });
  });

  it('SwiftOnSecurity: T1089,Tamper-Defender and bare ids, old ids remapped', () => {
    const s = survey('swiftonsecurity-sysmonconfig-export.xml');
    expect(s.names.length).toBe(128);
    expect(s.withTechniques.length).toBe(56);
    expect(s.ids.size).toBe(22);
    expect(s.revoked.size).toBe(15);
    // Two revoked ids with one replacement merge into one entry (the first id is kept as originalId).
    expect(resolveAttack([], 'T1031,T1050').techniques.map((t) => [t.id, t.originalId])).toEqual([['T1543.003', 'T1031']]);
    const tamper = resolveAttack([], 'T1089,Tamper-Defender').techniques;
    expect(tamper.map((t) => [t.id, t.name, t.originalId])).toEqual([['T1562.001', 'Disable or Modify Tools', 'T1089']]);
    expect(resolveAttack([], 'T1060,RunKey').techniques[0]).toMatchObject({ id: 'T1547.001', originalId: 'T1060' });
    const [extensions] = resolveAttack([], 'T1176').techniques;
    expect(extensions).toMatchObject({ id: 'T1176', name: 'Software Extensions', source: 'rulename' });
    expect(extensions.status).toBeUndefined();
  });

  it('MSTIC Linux: TechniqueID=...,TechniqueName=...', () => {
    const s = survey('mstic-sysmon-linux-main.xml');
    expect(s.ids.size).toBe(16);
    expect(s.revoked.size).toBe(0);
    expect(resolveAttack([], 'TechniqueID=T1105,TechniqueName=Ingress Tool Transfer').techniques[0]).toMatchObject({
      id: 'T1105',
      name: 'Ingress Tool Transfer',
      tactics: [{ id: 'TA0011', name: 'Command and Control', shortname: 'command-and-control' }],
    });
  });
});
