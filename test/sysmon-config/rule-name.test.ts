import { describe, expect, it } from 'vitest';
import { techniqueFromRuleName } from '../../engine/index.js';

describe('techniqueFromRuleName', () => {
  it.each([
    ['technique_id=T1055.001,technique_name=Process Injection', { id: 'T1055.001', name: 'Process Injection' }],
    ['TechniqueID=T1105,TechniqueName=Ingress Tool Transfer', { id: 'T1105', name: 'Ingress Tool Transfer' }],
    ['MR=T1195,Tec=Supply Chain Compromise,Tac=Initial Access,Alert=Vulnerable Dell Drivers Detected,Risk=10', { id: 'T1195', name: 'Supply Chain Compromise' }],
    ['T1089,Tamper-Defender', { id: 'T1089' }],
    ['T1176', { id: 'T1176' }],
    ['Compound Rule technique_id=T1021.003', { id: 'T1021.003' }],
  ])('%s', (name, expected) => {
    expect(techniqueFromRuleName(name)).toEqual(expected);
  });

  it.each(['RDP port change', 'EXE', 'T10', 'AT12345', '', undefined])('no technique in %j', (name) => {
    expect(techniqueFromRuleName(name)).toBeUndefined();
  });
});
