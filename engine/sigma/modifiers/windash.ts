/** windash: every `-`/`/` in a flag position becomes one of five dash characters (SIGMA.md §4, M4). */
import { asStringValue, mapValue } from './convert.js';
import { fail, type Modifier } from './modifier.js';
import { stringVariants } from './variants.js';

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
    return mapValue(asStringValue(value), (v) => (v.type === 'string' ? stringVariants(v, variants) : fail(`'windash' needs a string, not ${v.type}`)));
  },
};
