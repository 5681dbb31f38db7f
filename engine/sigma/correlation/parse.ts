/**
 * Sigma correlation documents → CorrelationRule (SIGMA.md §6, checklist K1-K4, K7). Structure is
 * checked by correlation.schema.json; this module adds the semantic checks. References stay as
 * written; resolveReferences (resolve.ts) binds them to the loaded collection.
 */
import { diagnostic, type DiagnosticCode, type Diagnostic } from '../../diagnostics.js';
import type { RuleDocument } from '../document.js';
import { checkSchema } from '../schema-check.js';
import schema from './correlation.schema.json' with { type: 'json' };
import { expressionRefs, parseRuleExpression } from './expression.js';
import { asList, parseMeta } from './meta.js';
import {
  COMPARE_OPS,
  type Comparison,
  type CorrelationCondition,
  type CorrelationRule,
  type CorrelationType,
} from './model.js';
import { parseTimespan } from './timespan.js';

/** The JSON Schema documents are checked against (typed as a plain object, so the .d.ts imports no JSON). */
export const correlationSchema: object = schema;

const TEMPORAL = new Set<CorrelationType>(['temporal', 'temporal_ordered']);
/** Types that aggregate `condition.field`. */
const VALUE_TYPES = new Set<CorrelationType>(['value_count', 'value_sum', 'value_avg', 'value_percentile', 'value_median']);
/** Numeric aggregates read exactly one field. */
const NUMERIC_TYPES = new Set<CorrelationType>(['value_sum', 'value_avg', 'value_percentile', 'value_median']);

export function parseCorrelationDocument(doc: RuleDocument): { rule?: CorrelationRule; diagnostics: Diagnostic[] } {
  const diagnostics = checkSchema(doc, schema, 'correlation-schema');
  if (diagnostics.length > 0) return { diagnostics };

  const body = doc.data.correlation as Record<string, unknown>;
  const at = (...path: Array<string | number>) => doc.locate(['correlation', ...path]);
  const error = (code: DiagnosticCode, message: string, ...path: Array<string | number>) =>
    diagnostics.push(diagnostic('error', code, message, at(...path)));

  const meta = parseMeta(doc, diagnostics);
  const type = body.type as CorrelationType;

  const timespan = String(body.timespan);
  const timespanMs = parseTimespan(timespan);
  if (timespanMs === undefined) {
    error('bad-timespan', `timespan '${timespan}' must be a positive integer followed by s, m, h, d, w, M or y`, 'timespan');
  }

  let rules = asList(body.rules);
  const rulesPath = Array.isArray(body.rules) ? (i: number) => ['rules', i] : () => ['rules'];
  let ruleLocations = rules.map((_, i) => at(...rulesPath(i)));

  let condition: CorrelationCondition | undefined;
  if (typeof body.condition === 'string') {
    if (!TEMPORAL.has(type)) {
      error('bad-condition', `a string condition is only allowed for temporal types, not ${type}`, 'condition');
    } else {
      const parsed = parseRuleExpression(body.condition);
      if ('error' in parsed) {
        error('bad-condition', `condition '${body.condition}': ${parsed.error}`, 'condition');
      } else {
        const refs = expressionRefs(parsed.expression);
        if (body.rules === undefined) {
          // pySigma: `rules` may be omitted and is then taken from the expression.
          rules = refs;
          ruleLocations = refs.map(() => at('condition'));
        } else {
          for (const ref of refs.filter((r) => !rules.includes(r))) {
            error('bad-condition', `condition names '${ref}', which is not in rules`, 'condition');
          }
          for (const [i, ref] of rules.entries()) {
            if (!refs.includes(ref)) error('bad-condition', `rule '${ref}' is not used in the condition`, ...rulesPath(i));
          }
        }
        condition = { kind: 'expression', text: body.condition, expression: parsed.expression };
      }
    }
  } else if (body.condition !== undefined) {
    condition = thresholdCondition(body.condition as Record<string, unknown>, type, error);
  } else if (TEMPORAL.has(type)) {
    // Default for temporal types: every referenced rule must have matched (pySigma, docs).
    condition = { kind: 'threshold', comparisons: [{ op: 'gte', value: rules.length }], fields: [] };
  } else {
    error('missing-condition', `a ${type} correlation needs a condition`, 'type');
  }

  if (rules.length === 0) error('missing-rules', 'a correlation needs rules (or a string condition naming them)', 'type');

  const groupBy = asList(body['group-by']);
  const aliases = (body.aliases ?? {}) as Record<string, Record<string, string>>;
  for (const alias of Object.keys(aliases)) {
    if (!groupBy.includes(alias)) {
      diagnostics.push(diagnostic('warning', 'unused-alias', `alias '${alias}' is not used in group-by`, at('aliases', alias)));
    }
  }

  const generate = (body.generate ?? doc.data.generate ?? false) as boolean;
  if (diagnostics.some((d) => d.severity === 'error') || !condition || timespanMs === undefined) return { diagnostics };
  return {
    rule: {
      ...meta,
      kind: 'correlation',
      type,
      rules,
      ruleLocations,
      groupBy,
      timespanMs,
      timespan,
      condition,
      aliases,
      generate,
    },
    diagnostics,
  };
}

function thresholdCondition(
  raw: Record<string, unknown>,
  type: CorrelationType,
  error: (code: DiagnosticCode, message: string, ...path: Array<string | number>) => void,
): CorrelationCondition | undefined {
  const comparisons: Comparison[] = COMPARE_OPS.filter((op) => raw[op] !== undefined).map((op) => ({
    op,
    value: raw[op] as number,
  }));
  if (comparisons.length === 0) {
    error('bad-condition', `condition needs one of ${COMPARE_OPS.join(', ')}`, 'condition');
    return undefined;
  }
  const fields = asList(raw.field);
  if (VALUE_TYPES.has(type) && fields.length === 0) {
    error('bad-condition', `a ${type} correlation needs condition.field`, 'condition');
  }
  if (!VALUE_TYPES.has(type) && fields.length > 0) {
    error('bad-condition', `condition.field has no meaning for ${type}`, 'condition', 'field');
  }
  if (NUMERIC_TYPES.has(type) && fields.length > 1) {
    error('bad-condition', `${type} aggregates exactly one field`, 'condition', 'field');
  }
  const percentile = raw.percentile as number | undefined;
  if (type === 'value_percentile' && percentile === undefined) {
    error('bad-condition', 'a value_percentile correlation needs condition.percentile', 'condition');
  }
  if (type !== 'value_percentile' && percentile !== undefined) {
    error('bad-condition', `condition.percentile has no meaning for ${type}`, 'condition', 'percentile');
  }
  return { kind: 'threshold', comparisons, fields, percentile };
}
