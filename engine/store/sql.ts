/**
 * A StoreQuery → a parameterised WHERE clause. User text only ever travels as a bound parameter:
 * identifiers come from the fixed column list (or a JSON path that is itself a parameter), so quotes,
 * semicolons, comments, `%`, `_` and backslashes in a search are just characters to match.
 */
import { isStoreColumn } from './columns.js';
import type { StoreCondition, StoreQuery } from './event-store.js';

export interface WhereClause {
  /** `WHERE …` (or empty), with `$1`, `$2`, … placeholders. */
  sql: string;
  params: Array<string | number | bigint>;
}

type Param = (value: string | number | bigint) => string;

/** A wildcard pattern (`*`, `?`; every other character literal) → an ILIKE pattern with `\` as the escape character. */
export function likePattern(pattern: string): string {
  return pattern.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, '%').replace(/\?/g, '_');
}

/** EventID is a 32-bit column: an id outside it (or not an integer) can match no event. */
const storableIds = (ids: readonly number[]) => ids.filter((id) => Number.isInteger(id) && Math.abs(id) < 2 ** 31);

export function whereClause(query: StoreQuery = {}): WhereClause {
  const params: WhereClause['params'] = [];
  const param: Param = (value) => {
    params.push(value);
    return `$${params.length}`;
  };
  const parts: string[] = [];
  if (query.sinceMs !== undefined) parts.push(`ts_ms >= ${param(BigInt(Math.floor(query.sinceMs)))}`);
  if (query.untilMs !== undefined) parts.push(`ts_ms < ${param(BigInt(Math.ceil(query.untilMs)))}`);
  if (query.computers?.length) parts.push(`lower("Computer") IN (${query.computers.map((c) => param(c.toLowerCase())).join(', ')})`);
  if (query.eventIds) parts.push(conditionSql({ eventIds: query.eventIds }, param));
  if (query.match) parts.push(conditionSql(query.match, param));
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

function conditionSql(condition: StoreCondition, param: Param): string {
  if ('all' in condition) return condition.all.length ? `(${condition.all.map((c) => conditionSql(c, param)).join(' AND ')})` : 'TRUE';
  if ('any' in condition) return condition.any.length ? `(${condition.any.map((c) => conditionSql(c, param)).join(' OR ')})` : 'FALSE';
  if ('eventIds' in condition) {
    const ids = storableIds(condition.eventIds);
    return ids.length ? `"EventID" IN (${ids.map((id) => param(id)).join(', ')})` : 'FALSE';
  }
  // A value the store keeps as JSON text (an array or object) is matched element-wise by the engine:
  // SQL lets it through and the engine decides, so the SQL never drops an event the engine would keep.
  const path = () => param(`$."${condition.field.replace(/["\\]/g, '')}"`);
  const value = isStoreColumn(condition.field) ? `"${condition.field}"` : `json_extract_string(event, ${path()})`;
  const structured = isStoreColumn(condition.field) ? `left(${value}, 1) IN ('[', '{')` : `json_type(event, ${path()}) IN ('ARRAY', 'OBJECT')`;
  const tests =
    'like' in condition
      ? condition.like.map((pattern) => `${value} ILIKE ${param(likePattern(pattern))} ESCAPE '\\'`)
      : condition.regex.map((pattern) => `regexp_matches(${value}, ${param(pattern)}, 'i')`);
  return tests.length ? `(${[...tests, structured].join(' OR ')})` : 'FALSE';
}
