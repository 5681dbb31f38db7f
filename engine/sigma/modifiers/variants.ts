/**
 * Shared by the expanding modifiers (windash, expand): each literal run of a Sigma string has
 * alternative texts; the result is the cartesian product over the runs, wildcards kept in place,
 * as one OR-linked expansion (or the single value when there is one combination).
 */
import type { SigmaString, SigmaValue } from '../values.js';

export function stringVariants(value: SigmaString, literalVariants: (literal: string) => string[]): SigmaValue {
  let combos: Array<SigmaString['parts']> = [[]];
  for (const part of value.parts) {
    const options = typeof part === 'string' ? literalVariants(part) : [part];
    combos = combos.flatMap((c) => options.map((o) => [...c, o]));
  }
  const values: SigmaValue[] = combos.map((parts) => ({ ...value, parts: mergeLiterals(parts) }));
  return values.length === 1 ? values[0] : { type: 'expansion', values };
}

/** Adjacent literal runs joined, empty runs dropped (so matching sees the same shape as a parsed string). */
function mergeLiterals(parts: SigmaString['parts']): SigmaString['parts'] {
  const out: SigmaString['parts'] = [];
  for (const part of parts) {
    if (part === '') continue;
    const prev = out[out.length - 1];
    if (typeof part === 'string' && typeof prev === 'string') out[out.length - 1] = prev + part;
    else out.push(part);
  }
  return out;
}
