/** JUnit XML (the Ant/Surefire dialect CI systems read): one <testsuite> per test file, one <testcase> per case. */
import type { CaseResult } from './runner.js';
import { caseLocation, failureText } from './text-report.js';

function escapeXml(text: string): string {
  // Characters XML 1.0 cannot carry at all are dropped; the five specials are escaped.
  return text
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

export function junitXml(results: readonly CaseResult[], name = 'sigstream test'): string {
  const bySuite = new Map<string, CaseResult[]>();
  for (const result of results) bySuite.set(result.suite, [...(bySuite.get(result.suite) ?? []), result]);
  const failed = results.filter((r) => !r.passed).length;
  const total = results.reduce((sum, r) => sum + r.durationMs, 0);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${escapeXml(name)}" tests="${results.length}" failures="${failed}" errors="0" time="${seconds(total)}">`];
  for (const [suite, cases] of bySuite) {
    const suiteFailed = cases.filter((r) => !r.passed).length;
    const time = cases.reduce((sum, r) => sum + r.durationMs, 0);
    lines.push(`  <testsuite name="${escapeXml(suite)}" tests="${cases.length}" failures="${suiteFailed}" errors="0" skipped="0" time="${seconds(time)}">`);
    for (const result of cases) {
      const attrs = `name="${escapeXml(result.name)}" classname="${escapeXml(result.ruleFile)}" file="${escapeXml(caseLocation(result))}" time="${seconds(result.durationMs)}"`;
      if (result.passed) {
        lines.push(`    <testcase ${attrs}/>`);
      } else {
        lines.push(`    <testcase ${attrs}>`);
        const message = result.failures.map((f) => f.message).join('; ');
        lines.push(`      <failure message="${escapeXml(message)}" type="expectation">${escapeXml(failureText(result))}</failure>`);
        lines.push('    </testcase>');
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
}
