/** value_median (pySigma/docs): the median of the numeric condition.field. */
import { numericContribution, percentileOf } from './numeric.js';
import type { CorrelationTypeDef } from './type.js';

export const valueMedian: CorrelationTypeDef = {
  contribution: numericContribution,
  create: () => undefined,
  add() {},
  remove() {},
  measure: (_aggregate, entries, head) => percentileOf(entries, head, 50),
};
