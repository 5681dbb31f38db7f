/** windash: every `-`/`/` in a flag position becomes one of five dash characters (SIGMA.md §4, M4). */
import { type SigmaString, type SigmaValue } from '../values.js';
import { asStringValue, mapValue } from './convert.js';
import { fail, type Modifier } from './modifier.js';

const DASHES = ['-', '/', '\u2013', '\u2014', '\u2015'];
/** A dash not preceded by a word character and followed by one (Python's `\B[-/]\b`). */
const SLOT = /\B[-/]\b/g;

function variants(text: string): string[] {
  const slots = [...text.matchAll(SLOT)].map((m) => m.index);
  if (slots.length === 0) return [text];
  let results = [''];
  let last = 0;
  for (const at of slots) {
    const between = text.slice(last, at);
    results = results.flatMap((prefix) => DASHES.map((d) => prefix + between + d));
    last = at + 1;
  }
  const tail = text.slice(last);
  return results.map((r) => r + tail);
}

export const windash: Modifier = {
  input: 'typed',
  apply(value) {
    return mapValue(asStringValue(value), (v) => {
      if (v.type !== 'string') return fail(`'windash' needs a string, not ${v.type}`);
      // Cartesian product over the slots of every literal part, wildcards kept in place.
      let combos: Array<SigmaString['parts']> = [[]];
      for (const part of v.parts) {
        if (typeof part !== 'string') {
          combos = combos.map((c) => [...c, part]);
          continue;
        }
        const options = variants(part);
        combos = combos.flatMap((c) => options.map((o) => [...c, o]));
      }
      const values: SigmaValue[] = combos.map((parts) => ({ ...v, parts }));
      return values.length === 1 ? values[0] : { type: 'expansion', values };
    });
  },
};
