/** gt/gte/lt/lte: numeric comparison, also after a time-part modifier (M10, M12). */
import type { CompareOp } from '../values.js';
import { fail, type Modifier } from './modifier.js';

function compareModifier(op: CompareOp): Modifier {
  return {
    input: 'raw',
    apply(value) {
      if (value.type === 'timepart') return { ...value, op };
      if (value.type !== 'raw' || typeof value.value !== 'number') return fail(`'${op}' needs a number`);
      return { type: 'compare', op, value: value.value };
    },
  };
}

export const gt = compareModifier('gt');
export const gte = compareModifier('gte');
export const lt = compareModifier('lt');
export const lte = compareModifier('lte');
