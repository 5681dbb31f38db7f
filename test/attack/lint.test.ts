import { describe, expect, it } from 'vitest';
import { lintAttackTags } from '../../engine/attack/lint.js';

describe('lintAttackTags', () => {
  it('is silent for live ids, valid v19 ids, tactics, group and software ids and other namespaces', () => {
    expect(lintAttackTags(['attack.t1059.001', 'attack.t1685', 'attack.t1686.003', 'attack.execution', 'attack.stealth', 'attack.defense-impairment', 'attack.g0016', 'attack.s0002', 'cve.2021-1', 'tlp.white'])).toEqual([]);
  });

  it('flags revoked, deprecated, moved, unknown ids and non-ATT&CK tags, located by tag index', () => {
    const where = { file: 'rules/x.yml', line: 7 };
    const found = lintAttackTags(['attack.t1089', 'attack.t1026', 'attack.t1562.004', 'attack.t9999', 'attack.foo', 'attack.lateral_movement'], where);
    expect(found.map((d) => [d.code, d.where.path, d.where.file, d.where.line, d.severity])).toEqual([
      ['attack-revoked', 'tags[0]', 'rules/x.yml', 7, 'warning'],
      ['attack-deprecated', 'tags[1]', 'rules/x.yml', 7, 'warning'],
      ['attack-moved', 'tags[2]', 'rules/x.yml', 7, 'warning'],
      ['attack-unknown-technique', 'tags[3]', 'rules/x.yml', 7, 'warning'],
      ['attack-tag-unknown', 'tags[4]', 'rules/x.yml', 7, 'warning'],
      ['attack-tactic-legacy-form', 'tags[5]', 'rules/x.yml', 7, 'warning'],
    ]);
    expect(found[0].message).toBe("'attack.t1089': T1089 is revoked in ATT&CK 18.1; use T1562.001 (Disable or Modify Tools)");
    expect(found[2].message).toBe("'attack.t1562.004': T1562.004 (Disable or Modify System Firewall) moved in ATT&CK v19: now T1686 (Disable or Modify System Firewall)");
  });
});
