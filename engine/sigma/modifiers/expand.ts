/**
 * expand: `%name%` placeholders resolved from configured values (M13). Each placeholder becomes an
 * OR-linked expansion (cartesian over several placeholders); an unresolved one rejects the rule.
 */
import { type SigmaString, type SigmaValue } from '../values.js';
import { asStringValue, mapValue } from './convert.js';
import { fail, type Modifier } from './modifier.js';

const PLACEHOLDER = /(?<!\\)%([^%]+)%/g;

export const expand: Modifier = {
  input: 'typed',
  apply(value, context) {
    return mapValue(asStringValue(value), (v) => {
      if (v.type !== 'string') return fail(`'expand' needs a string, not ${v.type}`);
      let combos: Array<SigmaString['parts']> = [[]];
      for (const part of v.parts) {
        if (typeof part !== 'string') {
          combos = combos.map((c) => [...c, part]);
          continue;
        }
        let last = 0;
        for (const match of part.matchAll(PLACEHOLDER)) {
          const name = match[1];
          // Unconfigured placeholders resolve to no values (the item then matches nothing) and
          // the loader warns; rejecting would drop SigmaHQ rules that ship with site allow-lists.
          const values = context.placeholders[name] ?? [];
          if (!(name in context.placeholders)) context.unresolved.add(name);
          const before = part.slice(last, match.index).replace(/\\%/g, '%');
          combos = combos.flatMap((c) => values.map((pv) => [...c, before + pv]));
          last = match.index + match[0].length;
        }
        const tail = part.slice(last).replace(/\\%/g, '%');
        combos = combos.map((c) => [...c, tail]);
      }
      const values: SigmaValue[] = combos.map((parts) => ({ ...v, parts: mergeLiterals(parts) }));
      return values.length === 1 ? values[0] : { type: 'expansion', values };
    });
  },
};

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
