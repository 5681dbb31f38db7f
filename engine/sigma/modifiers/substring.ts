/** contains / startswith / endswith on strings, regexes and field references (SIGMA.md §4). */
import { WILDCARD_MULTI, type SigmaRegex, type SigmaString } from '../values.js';
import { asStringValue, mapValue } from './convert.js';
import { fail, type ChainValue, type Modifier } from './modifier.js';

function widenString(value: SigmaString, start: boolean, end: boolean): SigmaString {
  const parts = [...value.parts];
  if (start && parts[0] !== WILDCARD_MULTI) parts.unshift(WILDCARD_MULTI);
  if (end && parts[parts.length - 1] !== WILDCARD_MULTI) parts.push(WILDCARD_MULTI);
  return { ...value, parts };
}

function widenRegex(value: SigmaRegex, start: boolean, end: boolean): SigmaRegex {
  let pattern = value.pattern;
  if (start && !pattern.startsWith('.*') && !pattern.startsWith('^')) pattern = '.*' + pattern;
  if (end && !pattern.endsWith('.*') && !pattern.endsWith('$')) pattern = pattern + '.*';
  return { ...value, pattern };
}

function substringModifier(name: string, start: boolean, end: boolean): Modifier {
  return {
    input: 'typed',
    apply(value) {
      return mapValue(asStringValue(value), (v: ChainValue) => {
        if (v.type === 'string') return widenString(v, start, end);
        if (v.type === 'regex') return widenRegex(v, start, end);
        if (v.type === 'fieldref') return { ...v, startsWith: v.startsWith || end, endsWith: v.endsWith || start };
        return fail(`'${name}' needs a string, regex or field reference, not ${v.type}`);
      });
    },
  };
}

export const contains = substringModifier('contains', true, true);
export const startswith = substringModifier('startswith', false, true);
export const endswith = substringModifier('endswith', true, false);
