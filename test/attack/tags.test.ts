import { describe, expect, it } from 'vitest';
import { parseAttackTag } from '../../engine/attack/tags.js';

describe('parseAttackTag', () => {
  it.each([
    ['attack.t1059', { kind: 'technique', id: 'T1059' }],
    ['attack.T1059.001', { kind: 'technique', id: 'T1059.001' }],
    ['ATTACK.t1059.001', { kind: 'technique', id: 'T1059.001' }],
    ['attack.execution', { kind: 'tactic', shortname: 'execution', legacyForm: false }],
    ['attack.Command-And-Control', { kind: 'tactic', shortname: 'command-and-control', legacyForm: false }],
    ['attack.command_and_control', { kind: 'tactic', shortname: 'command-and-control', legacyForm: true }],
    ['attack.stealth', { kind: 'tactic', shortname: 'stealth', legacyForm: false }],
    ['attack.defense-impairment', { kind: 'tactic', shortname: 'defense-impairment', legacyForm: false }],
    ['attack.defense-evasion', { kind: 'tactic', shortname: 'defense-evasion', legacyForm: false }],
    ['attack.g0016', { kind: 'group', id: 'G0016' }],
    ['attack.S0002', { kind: 'software', id: 'S0002' }],
    ['attack.m1042', { kind: 'mitigation', id: 'M1042' }],
    ['attack.c0024', { kind: 'campaign', id: 'C0024' }],
    ['attack.a0001', { kind: 'asset', id: 'A0001' }],
    ['attack.ds0005', { kind: 'data-source', id: 'DS0005' }],
    ['attack.t1059.1', { kind: 'invalid', value: 'attack.t1059.1' }],
    ['attack.t12345', { kind: 'invalid', value: 'attack.t12345' }],
    ['attack.evasion', { kind: 'invalid', value: 'attack.evasion' }],
    ['attack.', { kind: 'invalid', value: 'attack.' }],
  ])('%s', (tag, expected) => {
    expect(parseAttackTag(tag)).toEqual(expected);
  });

  it.each(['cve.2021-44228', 'car.2013-05-004', 'detection.emerging-threats', 'tlp.amber', 'attackx.t1059', 't1059'])(
    'ignores %s (not the attack namespace)',
    (tag) => {
      expect(parseAttackTag(tag)).toBeUndefined();
    },
  );
});
