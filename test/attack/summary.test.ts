import { describe, expect, it } from 'vitest';
import { attackSummary } from '../../engine/attack/report/summary.js';
import { formatAttackSummary } from '../../engine/attack/report/summary-text.js';
import { sampleHits } from './hits.js';

describe('attackSummary', () => {
  it('groups hits by tactic in matrix order, techniques by hit count', async () => {
    const summary = await attackSummary(sampleHits);
    expect(summary.hits).toBe(5);
    expect(summary.hitsWithAttack).toBe(4);
    expect(summary.techniques).toBe(4);
    expect(summary.tactics.map((t) => [t.name, t.hits, t.techniques.map((x) => `${x.id}:${x.hits}`)])).toEqual([
      ['Execution', 2, ['T1059.001:2']],
      // T1562.001 (from RuleName T1089) moved in v19: its v18 entry keeps Defense Evasion.
      ['Defense Evasion', 1, ['T1562.001:1']],
      // T1685 is v19: named, under its v19 tactic.
      ['Defense Impairment', 1, ['T1685:1']],
      ['Credential Access', 1, ['T1003.001:1']],
    ]);
    expect(summary.tactics[0]).toMatchObject({ id: 'TA0002', hosts: 2, first: '2024-05-01T09:00:00.000Z', last: '2024-05-01T10:00:00.000Z' });
    expect(summary.tactics[1].techniques[0]).toMatchObject({ status: 'revoked', originalId: 'T1089', name: 'Disable or Modify Tools', successor: 'T1685' });
    expect(summary.tactics[2].techniques[0]).toEqual({ id: 'T1685', name: 'Disable or Modify Tools', hits: 1, hosts: 1, first: '2024-05-03T00:00:00.000Z', last: '2024-05-03T00:00:00.000Z' });
  });

  it('prints a plain table without a terminal, with ANSI styles and cut names on one', async () => {
    const summary = await attackSummary(sampleHits);
    const plain = formatAttackSummary(summary, { color: false });
    expect(plain).not.toContain('\u001b[');
    const lines = plain.split('\n');
    expect(lines[0]).toMatch(/^TACTIC \/ TECHNIQUE +HITS +HOSTS +FIRST SEEN +LAST SEEN$/);
    expect(lines[1]).toMatch(/^Execution \(TA0002\) +2 +2 +2024-05-01 09:00:00 +2024-05-01 10:00:00$/);
    expect(lines[2]).toMatch(/^ {2}T1059\.001 PowerShell +2 +2 /);
    expect(plain).toContain('T1562.001 Disable or Modify Tools [remapped from T1089; v19 T1685]');
    expect(plain).toMatch(/ {2}T1685 Disable or Modify Tools +1 /);
    expect(plain).toContain('5 hits, 4 with ATT&CK; 4 techniques under 4 tactics.');
    const tty = formatAttackSummary(summary, { color: true, width: 90 });
    expect(tty).toContain('\u001b[1mExecution (TA0002)');
    // eslint-disable-next-line no-control-regex
    const widest = Math.max(...tty.split('\n').map((l) => l.replace(/\u001b\[\d+m/g, '').length));
    expect(widest).toBeLessThanOrEqual(90);
    expect(tty).toContain('…');
  });
});
