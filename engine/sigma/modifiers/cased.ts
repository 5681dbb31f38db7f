/** cased: case-sensitive string comparison (M6). */
import { asStringValue, mapValue } from './convert.js';
import { fail, type Modifier } from './modifier.js';

export const cased: Modifier = {
  input: 'typed',
  apply(value) {
    return mapValue(asStringValue(value), (v) => (v.type === 'string' ? { ...v, cased: true } : fail(`'cased' needs a string, not ${v.type}`)));
  },
};
