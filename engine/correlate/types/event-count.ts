/** event_count: the number of events matching any referenced rule. */
import type { CorrelationTypeDef } from './type.js';

export const eventCount: CorrelationTypeDef = {
  contribution: () => true,
  create: () => undefined,
  add() {},
  remove() {},
  measure: (_aggregate, entries, head) => entries.length - head,
};
