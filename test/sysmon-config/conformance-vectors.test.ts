/**
 * Sysinternals' own rule-engine unit tests (SysmonCommon UnitTests/rules.cpp), transcribed in
 * ../shared/sysmon/config-vectors: every config case, every event verdict and RuleName.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSysmonConfig, evaluateEvent, parseSysmonConfig } from '../../engine/index.js';
import { SHARED_DIR, sharedPath } from './shared.js';

interface Check { description: string; event_id: number; fields: Record<string, string>; expected: 'include' | 'exclude'; expected_rule_name: string }
interface Case { description: string; config_xml?: string; config_file?: string; checks: Check[] }

describe.skipIf(!SHARED_DIR)('Sysmon config vectors from SysmonCommon unit tests', () => {
  const dir = sharedPath('sysmon', 'config-vectors');
  const vectors = SHARED_DIR ? (JSON.parse(readFileSync(path.join(dir, 'sysmoncommon-rules-vectors.json'), 'utf8')) as { cases: Case[]; counts: { checks: number } }) : { cases: [], counts: { checks: 0 } };

  it('passes every check (prints N/total)', () => {
    const failures: string[] = [];
    let passed = 0;
    let total = 0;
    for (const c of vectors.cases) {
      const file = c.config_file ?? `<${c.description}>`;
      const text = c.config_xml ?? readFileSync(path.join(dir, c.config_file as string), 'utf8');
      const { config, diagnostics } = parseSysmonConfig(text, file);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      for (const check of c.checks) {
        total++;
        if (!config || errors.length > 0) {
          failures.push(`${c.description}: config did not load: ${errors.map((e) => e.message).join('; ')}`);
          continue;
        }
        const verdict = evaluateEvent(compileSysmonConfig(config), { EventID: check.event_id, ...check.fields });
        const ok = verdict.decision === check.expected && (verdict.ruleName ?? '') === check.expected_rule_name;
        if (ok) passed++;
        else failures.push(`${c.description} / ${check.description}: got ${verdict.decision} '${verdict.ruleName ?? ''}', expected ${check.expected} '${check.expected_rule_name}'`);
      }
    }
    console.log(`Sysmon config vectors: ${passed}/${total} checks pass`);
    expect(total).toBe(vectors.counts.checks);
    expect(failures).toEqual([]);
  });
});
