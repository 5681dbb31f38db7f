/** Human output of `sigstream test`: each failure located and with its diff, then the summary line. */
import { formatLocation } from '../diagnostics.js';
import type { CaseResult } from './runner.js';

/** `file:line:col` of a case (without the key path the YAML locator adds). */
export function caseLocation(result: CaseResult): string {
  return formatLocation({ ...result.where, path: undefined });
}

const indent = (text: string, by: string) => text.split('\n').map((line) => by + line).join('\n');

/** The failures of one case, messages and diffs, without the header line. */
export function failureText(result: CaseResult): string {
  return result.failures.map((f) => (f.diff ? `${f.message}\n${indent(f.diff, '  ')}` : f.message)).join('\n');
}

export function failureBlock(result: CaseResult): string {
  return `FAIL ${caseLocation(result)} > ${result.name}\n${indent(failureText(result), '  ')}\n`;
}

/** The last line of every run, alone on its line: `N passed, N failed`. */
export function summaryLine(results: readonly CaseResult[]): string {
  const failed = results.filter((r) => !r.passed).length;
  return `${results.length - failed} passed, ${failed} failed`;
}
