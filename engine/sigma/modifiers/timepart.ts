/** minute/hour/day/week/month/year: compare one part of a timestamp field (M12). */
import type { TimePart } from '../values.js';
import { fail, type Modifier } from './modifier.js';

function timePartModifier(part: TimePart): Modifier {
  return {
    input: 'raw',
    apply(value) {
      if (value.type !== 'raw' || typeof value.value !== 'number' || !Number.isInteger(value.value)) return fail(`'${part}' needs an integer`);
      return { type: 'timepart', part, value: value.value };
    },
  };
}

export const minute = timePartModifier('minute');
export const hour = timePartModifier('hour');
export const day = timePartModifier('day');
export const week = timePartModifier('week');
export const month = timePartModifier('month');
export const year = timePartModifier('year');
