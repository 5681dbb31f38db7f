/** Deciding a correlation condition over a measured window. */
import { evaluateRuleExpression, expressionHasNot } from '../sigma/correlation/expression.js';
import type { Comparison, CorrelationCondition } from '../sigma/correlation/model.js';

function compare({ op, value }: Comparison, measured: number): boolean {
  switch (op) {
    case 'gt':
      return measured > value;
    case 'gte':
      return measured >= value;
    case 'lt':
      return measured < value;
    case 'lte':
      return measured <= value;
    case 'eq':
      return measured === value;
    case 'neq':
      return measured !== value;
  }
}

/**
 * Conditions that only a closed window can decide: an upper bound, eq/neq, or `not` in a string
 * condition (more events could still make them false). Lower bounds fire as soon as they hold.
 */
export function decidedAtClose(condition: CorrelationCondition): boolean {
  if (condition.kind === 'expression') return expressionHasNot(condition.expression);
  return condition.comparisons.some((c) => c.op !== 'gt' && c.op !== 'gte');
}

/** A threshold holds when every comparison of its range holds (NaN, e.g. the mean of nothing, never does). */
export function thresholdHolds(comparisons: readonly Comparison[], measured: number): boolean {
  return !Number.isNaN(measured) && comparisons.every((c) => compare(c, measured));
}

export function expressionHolds(condition: CorrelationCondition & { kind: 'expression' }, refs: readonly string[], seen: readonly boolean[]): boolean {
  return evaluateRuleExpression(condition.expression, (ref) => refs.some((r, i) => r === ref && seen[i]));
}
