/** F1-F3: meta filters restrict the rules they target, ANDed as written. */
import { describe, expect, it } from 'vitest';
import { engineFromText } from '../helpers/rules.js';

const rules = `title: r1
id: 11111111-1111-4111-8111-111111111111
name: r_one
logsource: {product: windows, category: process_creation}
detection:
  sel: {Image|endswith: '\\cmd.exe'}
  condition: sel
---
title: r2
id: 22222222-2222-4222-8222-222222222222
logsource: {product: windows, category: process_creation}
detection:
  sel: {Image|endswith: '\\cmd.exe'}
  condition: sel
`;
const filter = (targets: string) => `---
title: not on DCs
logsource: {product: windows}
filter:
  rules: ${targets}
  dc: {Computer|startswith: 'DC-'}
  condition: not dc
`;
const event = (computer: string) => ({ EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: computer, Image: 'C:\\cmd.exe' });
const titles = (text: string, computer: string) => engineFromText(text).detector.process(event(computer)).map((h) => h.rule.title);

describe('filters (F1-F3)', () => {
  it('rules: any applies to every rule of a contained logsource', () => {
    expect(titles(rules + filter('any'), 'DC-1')).toEqual([]);
    expect(titles(rules + filter('any'), 'PC-1')).toEqual(['r1', 'r2']);
  });
  it('targets rules by name or id only', () => {
    expect(titles(rules + filter('[r_one]'), 'DC-1')).toEqual(['r2']);
    expect(titles(rules + filter('[22222222-2222-4222-8222-222222222222]'), 'DC-1')).toEqual(['r1']);
  });
  it('does not apply when its logsource is more specific than the rule', () => {
    const narrow = filter('any').replace('logsource: {product: windows}', 'logsource: {product: windows, category: image_load}');
    expect(titles(rules + narrow, 'DC-1')).toEqual(['r1', 'r2']);
  });
});
