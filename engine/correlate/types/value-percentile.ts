/** value_percentile: the condition.percentile-th percentile of the numeric condition.field (pySigma). */
import { numericContribution, percentileOf } from './numeric.js';
import type { CorrelationTypeDef } from './type.js';

export const valuePercentile: CorrelationTypeDef = {
  contribution: numericContribution,
  create: () => undefined,
  add() {},
  remove() {},
  measure: (_aggregate, entries, head, ctx) =>
    percentileOf(entries, head, ctx.rule.condition.kind === 'threshold' ? (ctx.rule.condition.percentile ?? 50) : 50),
};
