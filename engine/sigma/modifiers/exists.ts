/** exists: field presence test; value must be a boolean (YAML 1.1 yes/no accepted) (M8). */
import { fail, type Modifier } from './modifier.js';

const TRUE = new Set(['true', 'yes', 'on']);
const FALSE = new Set(['false', 'no', 'off']);

export const exists: Modifier = {
  input: 'raw',
  apply(value) {
    if (value.type !== 'raw') return fail(`'exists' must be the first modifier`);
    if (typeof value.value === 'boolean') return { type: 'exists', value: value.value };
    const text = String(value.value).toLowerCase();
    if (TRUE.has(text)) return { type: 'exists', value: true };
    if (FALSE.has(text)) return { type: 'exists', value: false };
    return fail(`'exists' needs true or false, not '${value.text}'`);
  },
};
