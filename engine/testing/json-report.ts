/** `sigstream test --json`: the results as one JSON document for machines. */
import type { Diagnostic } from '../diagnostics.js';
import { eventNumbers } from './hit-facts.js';
import type { CaseResult } from './runner.js';
import { caseLocation } from './text-report.js';

export function resultsJson(results: readonly CaseResult[], diagnostics: readonly Diagnostic[]) {
  const failed = results.filter((r) => !r.passed).length;
  return {
    passed: results.length - failed,
    failed,
    results: results.map((r) => ({
      suite: r.suite,
      rule: r.ruleFile,
      case: r.name,
      location: caseLocation(r),
      passed: r.passed,
      failures: r.failures,
      hits: r.hits.map((h) => ({ rule: h.rule.id ?? h.rule.title, title: h.rule.title, events: eventNumbers(h), time: h.time })),
      durationMs: Math.round(r.durationMs * 1000) / 1000,
    })),
    diagnostics,
  };
}
