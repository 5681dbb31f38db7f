/** temporal: the number of distinct referenced rules with at least one event in the window. */
import type { CorrelationTypeDef } from './type.js';

export const temporal: CorrelationTypeDef = {
  contribution: () => true,
  create: (ctx) => new Array<number>(ctx.rule.rules.length).fill(0),
  add(aggregate, entry) {
    (aggregate as number[])[entry.r]++;
  },
  remove(aggregate, entry) {
    (aggregate as number[])[entry.r]--;
  },
  measure: (aggregate) => (aggregate as number[]).filter((n) => n > 0).length,
  seen: (aggregate) => (aggregate as number[]).map((n) => n > 0),
};
