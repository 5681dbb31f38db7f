/** `re` (verbatim value, search semantics) and its flag modifiers i/m/s (SIGMA.md §4, M5). */
import { fail, type Modifier } from './modifier.js';
import { mapValue } from './convert.js';
import type { SigmaRegex } from '../values.js';

/** A leading inline `(?ims)` group (16 SigmaHQ rules) becomes flags: JS RegExp rejects it. */
const INLINE_FLAGS = /^\(\?([ims]+)\)/;

export const re: Modifier = {
  input: 'raw',
  apply(value) {
    if (value.type !== 'raw' || typeof value.value !== 'string') {
      return fail(`'re' needs a string pattern`);
    }
    let pattern = value.value;
    const flags = { i: false, m: false, s: false };
    const inline = INLINE_FLAGS.exec(pattern);
    if (inline) {
      for (const f of inline[1]) flags[f as 'i' | 'm' | 's'] = true;
      pattern = pattern.slice(inline[0].length);
    }
    const regex: SigmaRegex = { type: 'regex', pattern, flags };
    return regex;
  },
};

function flagModifier(flag: 'i' | 'm' | 's'): Modifier {
  return {
    input: 'typed',
    apply(value) {
      return mapValue(value, (v) => (v.type === 'regex' ? { ...v, flags: { ...v.flags, [flag]: true } } : fail(`regex flag '${flag}' needs a preceding 're'`)));
    },
  };
}

export const ignorecase = flagModifier('i');
export const multiline = flagModifier('m');
export const dotall = flagModifier('s');
