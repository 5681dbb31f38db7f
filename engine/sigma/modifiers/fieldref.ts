/** fieldref: compare with another field of the same event (M9). */
import { hasWildcards, plainText } from '../values.js';
import { asStringValue, mapValue } from './convert.js';
import { fail, type Modifier } from './modifier.js';

export const fieldref: Modifier = {
  input: 'typed',
  apply(value) {
    return mapValue(asStringValue(value), (v) => {
      if (v.type !== 'string') return fail(`'fieldref' needs a field name, not ${v.type}`);
      if (hasWildcards(v)) return fail(`'fieldref' field name cannot contain wildcards`);
      return { type: 'fieldref', field: plainText(v), startsWith: false, endsWith: false };
    });
  },
};
