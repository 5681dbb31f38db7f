import { describe, expect, it } from 'vitest';
import { resolveAttack, resolveAttackForEvent } from '../../engine/attack/resolve.js';
import { mergeAttack } from '../../engine/attack/merge.js';

describe('resolveAttack', () => {
  it('names a sub-technique, its parent and its tactics', () => {
    const info = resolveAttack(['attack.execution', 'attack.t1059.001']);
    expect(info.techniques).toEqual([
      {
        id: 'T1059.001',
        name: 'PowerShell',
        tactics: [{ id: 'TA0002', name: 'Execution', shortname: 'execution' }],
        parent: { id: 'T1059', name: 'Command and Scripting Interpreter' },
        url: 'https://attack.mitre.org/techniques/T1059/001',
        source: 'tag',
      },
    ]);
    expect(info.tactics).toEqual([{ id: 'TA0002', name: 'Execution', shortname: 'execution' }]);
  });

  it('accepts any case', () => {
    expect(resolveAttack(['ATTACK.T1059.001', 'Attack.Execution']).techniques[0].id).toBe('T1059.001');
    expect(resolveAttack(['ATTACK.T1059.001', 'Attack.Execution']).tactics.map((t) => t.id)).toEqual(['TA0002']);
  });

  it('unions technique tactics with tactic tags, in matrix order, including the v19 tactics', () => {
    const info = resolveAttack(['attack.stealth', 'attack.defense-impairment', 'attack.t1055', 'attack.defense-evasion']);
    expect(info.tactics.map((t) => `${t.id} ${t.name}`)).toEqual([
      'TA0004 Privilege Escalation',
      'TA0005 Defense Evasion',
      'TA0005 Stealth',
      'TA0112 Defense Impairment',
    ]);
  });

  it('remaps a revoked id to its replacement and says so', () => {
    const [ref] = resolveAttack(['attack.t1089']).techniques;
    expect(ref).toMatchObject({ id: 'T1562.001', name: 'Disable or Modify Tools', status: 'revoked', originalId: 'T1089' });
    // A chain: T1073 -> T1574.002 (itself revoked) -> T1574.001.
    expect(resolveAttack(['attack.t1073']).techniques[0]).toMatchObject({ id: 'T1574.001', originalId: 'T1073' });
  });

  it('keeps and flags deprecated and unknown ids', () => {
    const info = resolveAttack(['attack.t1026', 'attack.t1685', 'attack.t9999.001']);
    expect(info.techniques.map((t) => [t.id, t.name, t.status])).toEqual([
      ['T1026', 'Multiband Communication', 'deprecated'],
      ['T1685', 'Disable or Modify Tools', 'unknown'],
      ['T9999.001', '(not in ATT&CK 18.1)', 'unknown'],
    ]);
    expect(resolveAttack(['attack.t1685.005']).techniques[0].parent).toEqual({ id: 'T1685', name: 'Disable or Modify Tools' });
  });

  it('ignores other namespaces and non-technique attack ids', () => {
    const info = resolveAttack(['cve.2021-44228', 'car.2013-05-004', 'detection.threat-hunting', 'tlp.white', 'attack.g0016', 'attack.s0002', 'attack.bogus']);
    expect(info).toEqual({ techniques: [], tactics: [] });
  });

  it('merges RuleName techniques, one entry per id with both sources visible', () => {
    const info = resolveAttack(['attack.t1055'], 'technique_id=T1055,technique_name=Process Injection');
    expect(info.techniques).toHaveLength(1);
    expect(info.techniques[0]).toMatchObject({ id: 'T1055', source: 'tag', sources: ['tag', 'rulename'] });
    const fromEvent = resolveAttack(['attack.t1055'], 'T1089,Tamper-Defender');
    expect(fromEvent.techniques.map((t) => [t.id, t.source, t.originalId])).toEqual([
      ['T1055', 'tag', undefined],
      ['T1562.001', 'rulename', 'T1089'],
    ]);
    expect(fromEvent.tactics.map((t) => t.shortname)).toEqual(['privilege-escalation', 'defense-evasion']);
  });

  it('names RuleName ids the catalog lacks with the config own name', () => {
    const [ref] = resolveAttack([], 'technique_id=T1700,technique_name=Future Thing').techniques;
    expect(ref).toMatchObject({ id: 'T1700', name: 'Future Thing', status: 'unknown', source: 'rulename' });
  });

  it('treats Sysmon "-" as no RuleName', () => {
    expect(resolveAttack(['attack.t1055'], '-')).toBe(resolveAttack(['attack.t1055']));
  });

  it('memoizes per distinct tag list and RuleName, returning frozen shared results', () => {
    const tags = ['attack.t1003.001', 'attack.credential-access'];
    const first = resolveAttack(tags);
    expect(resolveAttack([...tags])).toBe(first);
    expect(resolveAttack(tags, 'T1003')).not.toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.techniques[0])).toBe(true);
    expect(() => (first.techniques as unknown as unknown[]).push(1)).toThrow();
  });
});

describe('resolveAttackForEvent', () => {
  it('takes the RuleName from the event when it is a string', () => {
    expect(resolveAttackForEvent(['attack.t1055'], { EventID: 10, RuleName: 'technique_id=T1003.001,technique_name=LSASS Memory' }).techniques.map((t) => t.id)).toEqual(['T1055', 'T1003.001']);
    expect(resolveAttackForEvent(['attack.t1055'], { EventID: 10, RuleName: 42 })).toBe(resolveAttack(['attack.t1055']));
    expect(resolveAttackForEvent(['attack.t1055'], undefined)).toBe(resolveAttack(['attack.t1055']));
  });
});

describe('mergeAttack', () => {
  it('unions techniques (first occurrence first, both sources kept) and tactics in matrix order', () => {
    const own = resolveAttack(['attack.credential-access', 'attack.t1110']);
    const a = resolveAttack(['attack.t1110', 'attack.t1078'], 'T1110');
    const b = resolveAttack(['attack.lateral-movement', 'attack.t1021.001']);
    const merged = mergeAttack([own, a, b]);
    expect(merged.techniques.map((t) => [t.id, t.source, t.sources])).toEqual([
      ['T1110', 'tag', ['tag', 'rulename']],
      ['T1078', 'tag', undefined],
      ['T1021.001', 'tag', undefined],
    ]);
    expect(merged.tactics.map((t) => t.shortname)).toEqual(['initial-access', 'persistence', 'privilege-escalation', 'defense-evasion', 'credential-access', 'lateral-movement']);
    expect(Object.isFrozen(merged)).toBe(true);
    expect(mergeAttack([])).toEqual({ techniques: [], tactics: [] });
  });
});
