/**
 * Readable expected-vs-actual blocks: one JSON line per item, a line diff (jsdiff) marking what the
 * expectation wanted (`-`) and what the engine produced (`+`).
 */
import { diffArrays } from 'diff';

export function diffItems(expected: readonly unknown[], actual: readonly unknown[]): string {
  const left = expected.map((item) => JSON.stringify(item));
  const right = actual.map((item) => JSON.stringify(item));
  const lines = ['- expected', '+ actual'];
  for (const change of diffArrays(left, right)) {
    const mark = change.added ? '+' : change.removed ? '-' : ' ';
    for (const value of change.value) lines.push(`${mark} ${value}`);
  }
  if (left.length === 0 && right.length === 0) lines.push('  (no hits on either side)');
  return lines.join('\n');
}
