/** Test helper: DetectionHits as the engine writes them, ATT&CK resolved from tags and RuleName. */
import type { DetectionHit } from '../../engine/hit.js';
import { resolveAttack } from '../../engine/attack/resolve.js';

export function makeHit(title: string, tags: string[], opts: { time?: string; computer?: string; ruleName?: string } = {}): DetectionHit {
  return {
    kind: 'detection',
    rule: { title, tags, path: `rules/${title}.yml`, level: 'high' },
    attack: resolveAttack(tags, opts.ruleName),
    ...(opts.time ? { time: opts.time } : {}),
    ...(opts.computer ? { computer: opts.computer } : {}),
    event: { EventID: 1, ...(opts.ruleName ? { RuleName: opts.ruleName } : {}) },
  };
}

export const sampleHits: DetectionHit[] = [
  makeHit('Encoded PowerShell', ['attack.execution', 'attack.t1059.001'], { time: '2024-05-01T10:00:00.000Z', computer: 'ws1' }),
  makeHit('Encoded PowerShell', ['attack.execution', 'attack.t1059.001'], { time: '2024-05-01T09:00:00.000Z', computer: 'ws2' }),
  makeHit('LSASS Access', ['attack.credential-access', 'attack.t1003.001'], { time: '2024-05-02T08:30:00.000Z', computer: 'dc1' }),
  makeHit('Defender Tamper', ['attack.defense-impairment', 'attack.t1685'], {
    time: '2024-05-03T00:00:00.000Z',
    computer: 'ws1',
    ruleName: 'T1089,Tamper-Defender',
  }),
  makeHit('No ATT&CK', ['detection.threat-hunting'], { computer: 'ws3' }),
];
