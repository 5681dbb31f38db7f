/**
 * A StoreQuery → a parameterised WHERE clause. User text only ever travels as a bound parameter:
 * identifiers come from the fixed column list (or a JSON path that is itself a parameter), so quotes,
 * semicolons and comments in a search are just characters to match.
 */
import { isStoreColumn } from './columns.js';
import type { FieldCondition, StoreQuery } from './event-store.js';

export interface WhereClause {
  /** `WHERE …` (or empty), with `$1`, `$2`, … placeholders. */
  sql: string;
  params: Array<string | number | bigint>;
}

/** A wildcard pattern (`*`, `?`) → an ILIKE pattern with `\` as the escape character. */
export function likePattern(pattern: string, contains = false): string {
  const escaped = pattern.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, '%').replace(/\?/g, '_');
  return contains ? `%${escaped}%` : escaped;
}

export function whereClause(query: StoreQuery = {}): WhereClause {
  const params: WhereClause['params'] = [];
  const param = (value: string | number | bigint) => {
    params.push(value);
    return `$${params.length}`;
  };
  const parts: string[] = [];
  if (query.sinceMs !== undefined) parts.push(`ts_ms >= ${param(BigInt(Math.floor(query.sinceMs)))}`);
  if (query.untilMs !== undefined) parts.push(`ts_ms <= ${param(BigInt(Math.floor(query.untilMs)))}`);
  if (query.computers?.length) parts.push(`lower("Computer") IN (${query.computers.map((c) => param(c.toLowerCase())).join(', ')})`);
  if (query.eventIds?.length) {
    // EventID is a 32-bit column: an id outside it (or not an integer) can match no event.
    const ids = query.eventIds.filter((id) => Number.isInteger(id) && Math.abs(id) < 2 ** 31);
    parts.push(ids.length ? `"EventID" IN (${ids.map((id) => param(id)).join(', ')})` : 'FALSE');
  }
  if (query.conditions?.length) {
    const tests = query.conditions.map((condition) => conditionSql(condition, param));
    parts.push(`(${tests.join(query.join === 'any' ? ' OR ' : ' AND ')})`);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

function conditionSql(condition: FieldCondition, param: (value: string) => string): string {
  const pattern = param(likePattern(condition.pattern, condition.contains));
  const fields = condition.fields.map((field) => {
    const value = isStoreColumn(field) ? `"${field}"` : `json_extract_string(event, ${param(`$."${field.replace(/["\\]/g, '')}"`)})`;
    return `${value} ILIKE ${pattern} ESCAPE '\\'`;
  });
  return `(${fields.join(' OR ')})`;
}
