/** value_sum: the sum of the numeric condition.field. */
import { numericContribution, runningSum, type RunningSum } from './numeric.js';
import type { CorrelationTypeDef } from './type.js';

export const valueSum: CorrelationTypeDef = {
  contribution: numericContribution,
  ...runningSum,
  measure: (aggregate) => (aggregate as RunningSum).sum,
};
