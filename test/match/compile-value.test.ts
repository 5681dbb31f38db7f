/**
 * `null` means "no value" (SIGMA.md §3.2, revised golden vector 11): absent, JSON null or "".
 * `''` still needs a present empty value, `exists: false` still means absent. Every case runs
 * through the whole detector (routing and the literal prefilter included) and through explain.
 */
import { describe, expect, it } from 'vitest';
import { explainRule } from '../../engine/match/explain.js';
import { collectionFromText, matches, ruleWithDetection } from '../helpers/rules.js';

const sel = (body: string, condition = 'sel') => ruleWithDetection(`sel:\n  ${body}\ncondition: ${condition}`);

const cases: Array<[string, string, Record<string, unknown>, boolean]> = [
  ['null: absent field', 'StartModule: null', {}, true],
  ['null: JSON null', 'StartModule: null', { StartModule: null }, true],
  ['null: empty data element ("")', 'StartModule: null', { StartModule: '' }, true],
  ['null: a value', 'StartModule: null', { StartModule: 'kernel32.dll' }, false],
  ['null: a single space is a value', 'StartModule: null', { StartModule: ' ' }, false],
  ["'': empty value", "StartModule: ''", { StartModule: '' }, true],
  ["'': absent field", "StartModule: ''", {}, false],
  ['exists false: empty value is present', 'StartModule|exists: false', { StartModule: '' }, false],
  ['exists false: absent', 'StartModule|exists: false', {}, true],
];

describe('null values (SIGMA.md §3.2, vector 11 revised)', () => {
  it.each(cases)('%s', (_name, body, event, expected) => {
    expect(matches(sel(body), { EventID: 8, ...event })).toBe(expected);
  });

  it('a `not` filter on null drops events whose field is empty', () => {
    const rule = ruleWithDetection("sel:\n  Image|endswith: '\\a.exe'\nfilter:\n  ParentImage: null\ncondition: sel and not filter");
    expect(matches(rule, { EventID: 1, Image: 'C:\\a.exe', ParentImage: '' })).toBe(false);
    expect(matches(rule, { EventID: 1, Image: 'C:\\a.exe', ParentImage: 'C:\\p.exe' })).toBe(true);
  });

  // CACTUSTORCH-style injection as Sysmon writes it: StartModule is an empty data element.
  const CACTUSTORCH = `title: CACTUSTORCH Remote Thread Creation
logsource: {product: windows, category: create_remote_thread}
detection:
  selection:
    SourceImage|endswith: ['\\System32\\cscript.exe', '\\winword.exe']
    TargetImage|contains: '\\SysWOW64\\'
    StartModule: null
  condition: selection
`;
  const injection = {
    EventID: 8, Channel: 'Microsoft-Windows-Sysmon/Operational',
    SourceImage: 'C:\\Program Files (x86)\\Microsoft Office\\root\\Office16\\WINWORD.EXE',
    TargetImage: 'C:\\Windows\\SysWOW64\\explorer.exe', StartAddress: '0x0000000002A40000', StartModule: '', StartFunction: '',
  };

  it('a CACTUSTORCH-style injection with an empty StartModule is detected', () => {
    expect(matches(CACTUSTORCH, injection)).toBe(true);
  });

  it('explain says the empty StartModule satisfies null', () => {
    const ex = explainRule(collectionFromText(CACTUSTORCH).rules[0], injection);
    expect(ex.matched).toBe(true);
    const tree = ex.searches[0].tree;
    const start = tree.kind === 'and' ? tree.children.find((c) => c.kind === 'item' && c.field === 'StartModule') : undefined;
    expect(start).toMatchObject({ matched: true, actual: '', values: [{ value: 'null (absent, null or empty)', matched: true }] });
  });
});
