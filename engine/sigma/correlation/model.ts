/**
 * The plain-data model of Sigma correlation rules (SIGMA.md §6) and the metadata shared with our
 * sequence documents. Parsing lives in parse.ts; the streaming evaluation in engine/correlate/.
 */
import type { Location } from '../../diagnostics.js';

export const CORRELATION_TYPES = [
  'event_count',
  'value_count',
  'temporal',
  'temporal_ordered',
  'value_sum',
  'value_avg',
  'value_percentile',
  'value_median',
] as const;
export type CorrelationType = (typeof CORRELATION_TYPES)[number];

export const COMPARE_OPS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];

export interface Comparison {
  op: CompareOp;
  value: number;
}

/** `{gte: 10, field: X}`; several comparisons form a range (AND), SIGMA.md §6.2 DECISION. */
export interface ThresholdCondition {
  kind: 'threshold';
  comparisons: Comparison[];
  /** `condition.field` as a list (value_* types); empty for the others. */
  fields: string[];
  /** `condition.percentile` (value_percentile). */
  percentile?: number;
}

/** A boolean expression over rule references (extended temporal conditions, SIGMA.md §6.5). */
export type RuleExpression =
  | { kind: 'ref'; ref: string }
  | { kind: 'not'; operand: RuleExpression }
  | { kind: 'and' | 'or'; operands: RuleExpression[] };

export interface ExpressionCondition {
  kind: 'expression';
  text: string;
  expression: RuleExpression;
}

export type CorrelationCondition = ThresholdCondition | ExpressionCondition;

/** Metadata every correlation and sequence carries onto its hits. */
export interface RuleMeta {
  title: string;
  id?: string;
  name?: string;
  status?: string;
  level?: string;
  description?: string;
  author?: string;
  tags: string[];
  /** Rule file and 0-based document index, for hit provenance and diagnostics. */
  file: string;
  index: number;
  where: Location;
}

export interface CorrelationRule extends RuleMeta {
  kind: 'correlation';
  type: CorrelationType;
  /** References as written (rule id or name), in order. */
  rules: string[];
  /** Where each reference is written, aligned with `rules`. */
  ruleLocations: Location[];
  /** Empty = one global group (SIGMA.md §6.1 DECISION). */
  groupBy: string[];
  timespanMs: number;
  timespan: string;
  condition: CorrelationCondition;
  /** alias → (reference → field). After resolution the reference keys are spelled as in `rules`. */
  aliases: Record<string, Record<string, string>>;
  /** `generate` (top level or under `correlation`); false = referenced same-file rules emit no standalone hits. */
  generate: boolean;
  /** Filled by resolveReferences: the hit key (see hitKeys) of each reference, aligned with `rules`. */
  targets?: string[];
}

/** A correlation whose references have been resolved against the loaded collection. */
export type ResolvedCorrelationRule = CorrelationRule & { targets: string[] };

/**
 * The keys a hit of a rule is known by: `id:<uuid>` and `name:<name>`. A resolved reference is the
 * first key of its target (id when it has one), so a hit matches a reference if any of its keys does.
 */
export function hitKeys(rule: { id?: string; name?: string }): string[] {
  const keys: string[] = [];
  if (rule.id) keys.push(`id:${rule.id}`);
  if (rule.name) keys.push(`name:${rule.name}`);
  return keys;
}

/** True when a hit of this rule must not be printed on its own (see ResolvedReferences.suppressed). */
export function isSuppressed(rule: { id?: string; name?: string }, suppressed: ReadonlySet<string>): boolean {
  return hitKeys(rule).some((key) => suppressed.has(key));
}

/** Stable identity of a correlation or sequence for snapshots and messages. */
export function ruleKey(rule: RuleMeta): string {
  return rule.id ?? rule.name ?? `${rule.file}#${rule.index}`;
}
