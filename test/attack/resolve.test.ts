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
    // T1055's own tactics in the v19 view: its Defense Evasion is Stealth (TA0005 kept its id).
    expect(info.techniques[0].tactics.map((t) => t.name)).toEqual(['Privilege Escalation', 'Stealth']);
  });

  it('remaps a revoked id to its replacement and says so', () => {
    const [ref] = resolveAttack(['attack.t1089']).techniques;
    expect(ref).toMatchObject({ id: 'T1562.001', name: 'Disable or Modify Tools', status: 'revoked', originalId: 'T1089', successor: { id: 'T1685' } });
    // A chain: T1073 -> T1574.002 (itself revoked) -> T1574.001.
    expect(resolveAttack(['attack.t1073']).techniques[0]).toMatchObject({ id: 'T1574.001', originalId: 'T1073' });
  });

  it('keeps and flags deprecated and unknown ids', () => {
    const info = resolveAttack(['attack.t1026', 'attack.t9999.001']);
    expect(info.techniques.map((t) => [t.id, t.name, t.status])).toEqual([
      ['T1026', 'Multiband Communication', 'deprecated'],
      ['T9999.001', '(not in ATT&CK 18.1)', 'unknown'],
    ]);
  });

  it('ignores other namespaces and tags that name nothing', () => {
    const info = resolveAttack(['cve.2021-44228', 'car.2013-05-004', 'detection.threat-hunting', 'tlp.white', 'attack.bogus']);
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
    // T1562.001 moved in v19: its v18 entry keeps Defense Evasion; T1055's is Stealth in the v19 view.
    expect(fromEvent.tactics.map((t) => t.shortname)).toEqual(['privilege-escalation', 'defense-evasion', 'stealth']);
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

describe('ATT&CK v19 (issue 12.4)', () => {
  it('resolves v19 ids to their name, parent and tactics', () => {
    const [firewall] = resolveAttack(['attack.t1686.003']).techniques;
    expect([firewall.name, firewall.parent, firewall.url, firewall.status]).toEqual(['Windows Host Firewall', { id: 'T1686', name: 'Disable or Modify System Firewall' }, 'https://attack.mitre.org/techniques/T1686/003/', undefined]);
    expect(firewall.tactics).toEqual([{ id: 'TA0112', name: 'Defense Impairment', shortname: 'defense-impairment' }]);
    const cases: Array<[string, string, string]> = [
      ['T1685', 'Disable or Modify Tools', 'Defense Impairment'],
      ['T1685.005', 'Clear Windows Event Logs', 'Defense Impairment'],
      ['T1689', 'Downgrade Attack', 'Defense Impairment'],
      ['T1690', 'Prevent Command History Logging', 'Defense Impairment'],
      ['T1684.001', 'Impersonation', 'Stealth'],
    ];
    for (const [id, name, tactic] of cases) {
      const [ref] = resolveAttack([`attack.${id.toLowerCase()}`]).techniques;
      expect([ref.id, ref.name, ref.tactics.map((t) => t.name).join(), ref.status]).toEqual([id, name, tactic, undefined]);
    }
  });

  it('resolves a moved v18 id to its v18 entry and its v19 successor', () => {
    const [ref] = resolveAttack(['attack.t1562.004']).techniques;
    expect(ref).toMatchObject({ id: 'T1562.004', name: 'Disable or Modify System Firewall', tactics: [{ name: 'Defense Evasion' }] });
    expect(ref.status).toBeUndefined();
    expect(ref.successor).toEqual({
      id: 'T1686',
      name: 'Disable or Modify System Firewall',
      tactics: [{ id: 'TA0112', name: 'Defense Impairment', shortname: 'defense-impairment' }],
      url: 'https://attack.mitre.org/techniques/T1686/',
    });
    expect(resolveAttack(['attack.t1070.001']).techniques[0].successor?.id).toBe('T1685.005');
    // Already revoked in v18.1 (the map repeats it): the revoked path, no successor.
    expect(resolveAttack(['attack.t1547.011']).techniques[0]).toMatchObject({ id: 'T1647', status: 'revoked', originalId: 'T1547.011' });
    // Moved, but the map names no replacement: the v18 entry alone.
    expect(resolveAttack(['attack.t1562.009']).techniques[0].successor).toBeUndefined();
  });
});

describe('groups and software (issue 12.6)', () => {
  it('resolves group and software tags to their names', () => {
    const info = resolveAttack(['attack.g0016', 'attack.s0002', 'attack.s0029', 'attack.g9999']);
    expect(info.groups).toEqual([
      { id: 'G0016', name: 'APT29', url: 'https://attack.mitre.org/groups/G0016' },
      { id: 'G9999', name: '(not in ATT&CK 18.1)' },
    ]);
    expect(info.software?.map((s) => `${s.id} ${s.name}`)).toEqual(['S0002 Mimikatz', 'S0029 PsExec']);
    expect(info.techniques).toEqual([]);
  });

  it('a revoked group resolves to its replacement (G0118 UNC2452 → G0016)', () => {
    expect(resolveAttack(['attack.g0118']).groups?.[0]).toMatchObject({ id: 'G0016', name: 'APT29' });
  });

  it('merges groups and software of several hits once each', () => {
    const merged = mergeAttack([resolveAttack(['attack.g0016']), resolveAttack(['attack.g0016', 'attack.s0002'])]);
    expect(merged.groups?.map((g) => g.id)).toEqual(['G0016']);
    expect(merged.software?.map((s) => s.id)).toEqual(['S0002']);
  });
});

describe('RuleNames that are bare technique names (issue 12.6)', () => {
  const cases: Array<[string, string[]]> = [
    ['Windows Management Instrumentation', ['T1047']],
    ['Scheduled Task/Job', ['T1053']],
    ['process discovery', ['T1057']],
    ['Windows Command Shell', ['T1059.003']],
    ['Disable or Modify System Firewall', []], // two active entries share it in the data we have (v18.1 and v19): ambiguous
    ['Local Account', []], // three sub-techniques share the name: ambiguous, not guessed
    ['Caution', []],
    ['technique_id=T1055,technique_name=Process Injection', ['T1055']],
  ];
  it.each(cases)('%s', (ruleName, ids) => {
    const info = resolveAttack([], ruleName);
    expect(info.techniques.map((t) => t.id)).toEqual(ids);
    for (const t of info.techniques) expect(t.source).toBe('rulename');
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
    expect(merged.tactics.map((t) => t.shortname)).toEqual(['initial-access', 'persistence', 'privilege-escalation', 'stealth', 'credential-access', 'lateral-movement']);
    expect(Object.isFrozen(merged)).toBe(true);
    expect(mergeAttack([])).toEqual({ techniques: [], tactics: [] });
  });
});
