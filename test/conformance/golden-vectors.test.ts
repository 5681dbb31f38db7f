/**
 * SIGMA.md §9b golden vectors (checklist G3): one test each, detection YAML and flat event as
 * given there. `condition: sel` unless a row sets its own.
 */
import { describe, expect, it } from 'vitest';
import { matches, ruleWithDetection } from '../helpers/rules.js';

interface Vector {
  n: string;
  detection: string;
  event: Record<string, unknown>;
  match: boolean;
}

const sel = (body: string, condition = 'sel') => `sel:\n${body.split('\n').map((l) => '  ' + l).join('\n')}\ncondition: ${condition}`;

const vectors: Vector[] = [
  { n: '1', detection: sel("Image|endswith: '\\cmd.exe'"), event: { Image: 'C:\\Windows\\System32\\CMD.EXE' }, match: true },
  { n: '2', detection: sel("CommandLine|contains|all: ['-enc','http']"), event: { CommandLine: 'powershell -EncodedCommand http://x' }, match: true },
  { n: '3', detection: sel("CommandLine|contains|all: ['-enc','http']"), event: { CommandLine: 'powershell -enc x' }, match: false },
  { n: '4', detection: sel("CommandLine|contains|windash: ' -enc '"), event: { CommandLine: 'powershell /enc AAA' }, match: true },
  { n: '5', detection: sel("CommandLine|contains|windash: ' -enc '"), event: { CommandLine: 'powershell \u2013enc AAA' }, match: true },
  { n: '6', detection: sel("CommandLine|windash|contains: 'x a-b'"), event: { CommandLine: 'x a/b' }, match: false },
  { n: '7', detection: sel("Image: 'C:\\Windows\\*'"), event: { Image: 'C:\\Windows\\notepad.exe' }, match: false },
  { n: '8', detection: sel("Image: 'C:\\Windows\\*'"), event: { Image: 'C:\\Windows*' }, match: true },
  { n: '9', detection: sel("Image: 'C:\\Windows\\\\*'"), event: { Image: 'C:\\Windows\\notepad.exe' }, match: true },
  { n: '10a', detection: sel("Image|endswith: '\\prog?.exe'"), event: { Image: 'C:\\x\\progA.exe' }, match: true },
  { n: '10b', detection: sel("Image|endswith: '\\prog?.exe'"), event: { Image: 'C:\\x\\prog.exe' }, match: false },
  { n: '11a', detection: sel('ParentImage: null'), event: {}, match: true },
  { n: '11b', detection: sel('ParentImage: null'), event: { ParentImage: '' }, match: true },
  { n: '11c', detection: sel('ParentImage: null'), event: { ParentImage: 'x' }, match: false },
  { n: '12a', detection: sel("ParentImage: ''"), event: { ParentImage: '' }, match: true },
  { n: '12b', detection: sel("ParentImage: ''"), event: {}, match: false },
  { n: '13', detection: sel('User|exists: false'), event: {}, match: true },
  { n: '14', detection: sel('EventID: 1'), event: { EventID: '1' }, match: true },
  { n: '15', detection: sel('Initiated: true'), event: { Initiated: 'true' }, match: true },
  { n: '16a', detection: sel("CommandLine|re: 'enc.*http'"), event: { CommandLine: 'x -enc y http z' }, match: true },
  { n: '16b', detection: sel("CommandLine|re: 'enc.*http'"), event: { CommandLine: 'x -ENC y http z' }, match: false },
  { n: '17', detection: sel("CommandLine|re|i: 'enc.*http'"), event: { CommandLine: 'x -ENC y http z' }, match: true },
  { n: '18a', detection: sel('DestinationIp|cidr: 10.0.0.0/8'), event: { DestinationIp: '10.1.2.3' }, match: true },
  { n: '18b', detection: sel('DestinationIp|cidr: 10.0.0.0/8'), event: { DestinationIp: '11.0.0.1' }, match: false },
  { n: '19', detection: sel("DestinationIp|cidr: 'fe80::/10'"), event: { DestinationIp: 'fe80::1' }, match: true },
  { n: '20', detection: sel("CommandLine|base64offset|contains: 'http'"), event: { CommandLine: '-e eD1odHRwOi8vZXZpbA==' }, match: true },
  { n: '21', detection: sel("CommandLine|base64offset|contains: 'http'"), event: { CommandLine: '-e SUVYIGh0dHA6Ly9ldmls' }, match: true },
  { n: '22', detection: sel("CommandLine|wide|base64offset|contains: 'ping'"), event: { CommandLine: '-enc cABpAG4AZwAgADEAMgA3AC4AMAAuADAALgAxAA==' }, match: true },
  { n: '23', detection: sel("CommandLine|base64|contains: 'http'"), event: { CommandLine: 'YWIgaHR0cA' }, match: false },
  { n: '24', detection: sel("CommandLine|base64|contains: 'ab http'"), event: { CommandLine: 'x YWIgaHR0cA== y' }, match: true },
  { n: '25', detection: sel('Image|fieldref: ParentImage'), event: { Image: 'C:\\a.exe', ParentImage: 'c:\\A.EXE' }, match: true },
  { n: '26a', detection: sel('User|neq: SYSTEM'), event: {}, match: true },
  { n: '26b', detection: sel('User|neq: SYSTEM'), event: { User: 'system' }, match: false },
  { n: '27', detection: "keywords:\n  - 'event::clear'\ncondition: keywords", event: { CommandLine: 'mimikatz EVENT::clear' }, match: true },
  { n: '28a', detection: "sel:\n  '|all': ['OabVirtualDirectory', ' -ExternalUrl ']\ncondition: sel", event: { Payload: 'Set-OabVirtualDirectory -ExternalUrl x' }, match: true },
  { n: '28b', detection: "sel:\n  '|all': ['OabVirtualDirectory', ' -ExternalUrl ']\ncondition: sel", event: { Payload: 'Set-OabVirtualDirectory' }, match: false },
  { n: '29', detection: "sel:\n  - Image|endswith: '\\a.exe'\n  - Description: 'Test'\ncondition: sel", event: { Description: 'TEST' }, match: true },
  { n: '30a', detection: 'sel_a:\n  a: 1\nsel_b:\n  b: 2\nfilter_x:\n  c: 3\ncondition: 1 of sel_* and not 1 of filter_*', event: { b: 2 }, match: true },
  { n: '30b', detection: 'sel_a:\n  a: 1\nsel_b:\n  b: 2\nfilter_x:\n  c: 3\ncondition: 1 of sel_* and not 1 of filter_*', event: { b: 2, c: 3 }, match: false },
  { n: '31', detection: 's1:\n  a: 1\n_s2:\n  b: 2\ncondition: all of them', event: { a: 1 }, match: true },
  { n: '32', detection: sel('Count|gt: 5'), event: { Count: '6' }, match: true },
  { n: '33', detection: 'sel:\n  a: 1\nf:\n  x: 1\ncondition: sel and not f', event: { a: 1 }, match: true },
  { n: '34', detection: sel("CommandLine|contains: '%COMSPEC%'"), event: { CommandLine: 'cmd /c %comspec% /c x' }, match: true },
];

describe('SIGMA.md §9b golden vectors (G3)', () => {
  for (const v of vectors) {
    it(`#${v.n} ${v.match ? 'matches' : 'does not match'}`, () => {
      expect(matches(ruleWithDetection(v.detection), { EventID: 1, ...v.event })).toBe(v.match);
    });
  }
});
