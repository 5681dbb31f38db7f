/** value_count: the number of distinct values (or value tuples, for a field list) of condition.field. */
import { keyOf } from '../keys.js';
import type { CorrelationTypeDef } from './type.js';

export const valueCount: CorrelationTypeDef = {
  contribution: (hit, ref, ctx) => keyOf(hit, ctx.valueFields[ref]),
  create: () => new Map<string, number>(),
  add(aggregate, entry) {
    const counts = aggregate as Map<string, number>;
    counts.set(entry.v as string, (counts.get(entry.v as string) ?? 0) + 1);
  },
  remove(aggregate, entry) {
    const counts = aggregate as Map<string, number>;
    const left = counts.get(entry.v as string)! - 1;
    if (left === 0) counts.delete(entry.v as string);
    else counts.set(entry.v as string, left);
  },
  measure: (aggregate) => (aggregate as Map<string, number>).size,
};
