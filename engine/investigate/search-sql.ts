/**
 * A search as a store condition (`search --store`): the same groups as the search's Sigma rule
 * (searchGroups), each field rule as the SQL test that selects what its Sigma selection selects,
 * so the store hands over only the matching events instead of every event in the time range.
 *
 * The engine still runs the search's rule over what the store returns. The SQL is written to be
 * exact for the criteria's Sysmon fields (the store tests shown equal counts), but two things it
 * can only over-approximate, never under: a dotted raw field (`a.b`, which the engine also reads as
 * a nested path) is not pushed down, and a value kept as JSON (an array or object) passes to the
 * engine, which matches it element-wise. Case folding of non-ASCII letters can also differ between
 * DuckDB and JavaScript. The re-check makes those cases exact; on plain Sysmon events it drops nothing.
 */
import type { StoreCondition } from '../store/event-store.js';
import type { FieldRule } from './criteria.js';
import { ANY_EVENT, listItemRegex, searchGroups, type SearchQuery } from './search.js';

/** One field rule against a term's values, as the Sigma selection items of search.ts test it. */
function ruleCondition(rule: FieldRule, values: readonly string[]): StoreCondition {
  if (rule.field.includes('.')) return { all: [] };
  switch (rule.match) {
    case 'exact':
      return { field: rule.field, like: values };
    case 'basename':
      return { field: rule.field, like: values.flatMap((v) => [v, `*\\${v}`, `*/${v}`]) };
    case 'list-item':
    case 'hash-item':
      return { field: rule.field, regex: values.map((v) => listItemRegex(rule.match as 'list-item' | 'hash-item', v)) };
  }
}

/** The events a search can match, as one condition on the store (a query without terms matches nothing). */
export function searchStoreCondition(query: SearchQuery): StoreCondition {
  return {
    any: searchGroups(query).map((group) => {
      const terms: StoreCondition[] = group.terms.map(({ index, rules }) => ({ any: rules.map((rule) => ruleCondition(rule, query.terms[index].values)) }));
      const joined: StoreCondition = query.join === 'all' ? { all: terms } : { any: terms };
      return group.eventIds.includes(ANY_EVENT) ? joined : { all: [{ eventIds: group.eventIds }, joined] };
    }),
  };
}
