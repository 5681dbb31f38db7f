/** value_avg: the mean of the numeric condition.field. */
import { numericContribution, runningSum, type RunningSum } from './numeric.js';
import type { CorrelationTypeDef } from './type.js';

export const valueAvg: CorrelationTypeDef = {
  contribution: numericContribution,
  ...runningSum,
  measure: (aggregate) => (aggregate as RunningSum).sum / (aggregate as RunningSum).count,
};
