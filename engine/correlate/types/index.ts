/** The registry of correlation types: one module each, one shared interface (type.ts). */
import type { CorrelationType } from '../../sigma/correlation/model.js';
import { eventCount } from './event-count.js';
import { temporalOrdered } from './temporal-ordered.js';
import { temporal } from './temporal.js';
import type { CorrelationTypeDef } from './type.js';
import { valueAvg } from './value-avg.js';
import { valueCount } from './value-count.js';
import { valueMedian } from './value-median.js';
import { valuePercentile } from './value-percentile.js';
import { valueSum } from './value-sum.js';

export const correlationTypes: Record<CorrelationType, CorrelationTypeDef> = {
  event_count: eventCount,
  value_count: valueCount,
  temporal,
  temporal_ordered: temporalOrdered,
  value_sum: valueSum,
  value_avg: valueAvg,
  value_percentile: valuePercentile,
  value_median: valueMedian,
};
