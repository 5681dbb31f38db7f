/**
 * `search`: SysmonSearch's criteria (criteria.ts) and raw `FIELD=VALUE` terms become ONE Sigma rule,
 * which the engine compiles and runs like any other. So a search matches exactly what its saved rule
 * (`--save-rule`) matches in `run`, wildcards and case-insensitivity included, because they are the
 * same rule.
 */
import { stringify } from 'yaml';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { NormalizedEvent } from '../event.js';
import type { Hit } from '../hit.js';
import { engineFromCollection, type Engine } from '../pipeline/engine.js';
import { addRuleText, emptyCollection } from '../sigma/load.js';
import { criterionNamed, type FieldRule } from './criteria.js';

/** One search term: a named criterion (`--ip`) or a raw field, with the values it accepts (any of them). */
export type SearchTerm = { criterion: string; values: string[] } | { field: string; values: string[] };

export interface SearchQuery {
  terms: SearchTerm[];
  /** `all`: an event must satisfy every term; `any`: one term is enough. */
  join: 'all' | 'any';
}

export interface CompiledSearch {
  /** The Sigma rule (YAML) the search is: what `--save-rule` writes. */
  ruleText: string;
  engine: Engine;
}

/** Where a raw term applies: every event, whatever its EventID. */
export const ANY_EVENT = -1;

/** A term's field rules per EventID (`ANY_EVENT` for a raw field). */
function fieldsOf(term: SearchTerm): Map<number, readonly FieldRule[]> {
  if ('field' in term) return new Map([[ANY_EVENT, [{ field: term.field, match: 'exact' }]]]);
  const criterion = criterionNamed(term.criterion)!;
  return new Map(Object.entries(criterion.fields).map(([id, rules]) => [Number(id), rules]));
}

/** Sigma wildcards inside a regular expression: `*`, `?` stop at the list separator. */
function wildcardRegex(value: string, separator: string): string {
  return value.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === '*' ? `[^${separator}]*` : c === '?' ? `[^${separator}]` : `\\${c}`));
}

/** A one-element list reads better as its element. */
const oneOrList = (values: string[]): string | string[] => (values.length === 1 ? values[0] : values);

/**
 * A search value as a Sigma value: `*` and `?` stay wildcards and a backslash is always literal
 * (`C:\Users\*` must not read as an escaped star), so every backslash is written escaped.
 */
const sigmaValue = (value: string) => value.replaceAll('\\', '\\\\');

/** The regular expression (case-insensitive) that finds one value as an item of a list field. */
export function listItemRegex(match: 'list-item' | 'hash-item', value: string): string {
  return match === 'list-item' ? `(?:^|[;:])${wildcardRegex(value, ';')}(?:;|$)` : `(?:^|[=,])${wildcardRegex(value, ',')}(?:,|$)`;
}

/** The Sigma selection items (maps, OR'ed) that test one field rule against the values. */
function selectionItems(rule: FieldRule, values: string[]): Record<string, unknown>[] {
  switch (rule.match) {
    case 'exact':
      return [{ [rule.field]: oneOrList(values.map(sigmaValue)) }];
    case 'basename':
      // The separator is an escaped backslash too, so a value that starts with a wildcard stays a wildcard.
      return [{ [rule.field]: oneOrList(values.map(sigmaValue)) }, { [`${rule.field}|endswith`]: values.map(sigmaValue).flatMap((v) => ['\\\\' + v, '/' + v]) }];
    case 'list-item':
    case 'hash-item':
      return [{ [`${rule.field}|re|i`]: oneOrList(values.map((v) => listItemRegex(rule.match as 'list-item' | 'hash-item', v))) }];
  }
}

function termLabel(term: SearchTerm): string {
  return 'field' in term ? `${term.field}=${term.values.join('|')}` : `--${term.criterion} ${term.values.join('|')}`;
}

/** Problems with the query itself (unknown criterion, empty value); empty when it can run. */
export function checkQuery(query: SearchQuery): Diagnostic[] {
  const where = { file: '<search>' };
  const problems: Diagnostic[] = [];
  if (query.terms.length === 0) problems.push(diagnostic('error', 'search-criterion', 'a search needs at least one criterion or FIELD=VALUE', where));
  for (const term of query.terms) {
    if ('criterion' in term && !criterionNamed(term.criterion)) problems.push(diagnostic('error', 'search-criterion', `unknown criterion '${term.criterion}'`, where));
    if ('field' in term && !/^[A-Za-z_][\w.-]*$/.test(term.field)) problems.push(diagnostic('error', 'search-criterion', `'${term.field}' is not a field name (FIELD=VALUE)`, where));
    if (term.values.some((v) => v === '')) problems.push(diagnostic('error', 'search-criterion', `${termLabel(term)}: empty value`, where));
  }
  return problems;
}

/** EventIDs that share the same field rules per term: one selection set of the search's rule. */
export interface SearchGroup {
  /** The EventIDs, or `[ANY_EVENT]` for a group of raw terms that applies to every event. */
  eventIds: number[];
  /** The terms tested in this group (index into the query's terms) and their field rules here. */
  terms: { index: number; rules: readonly FieldRule[] }[];
}

/**
 * The search's groups: with `all`, the EventIDs every criterion has (raw terms join each group);
 * with `any`, every EventID of any criterion, and the raw terms in a group of their own. The Sigma
 * rule and the store's SQL are both written from these groups, so they select the same events.
 */
export function searchGroups(query: SearchQuery): SearchGroup[] {
  const perTerm = query.terms.map(fieldsOf);
  const specific = perTerm.filter((m) => !m.has(ANY_EVENT));
  let eventIds: number[];
  if (query.join === 'all') {
    eventIds = specific.length === 0 ? [ANY_EVENT] : [...specific[0].keys()].filter((id) => specific.every((m) => m.has(id)));
  } else {
    eventIds = [...new Set(perTerm.flatMap((m) => [...m.keys()]))];
  }
  // Group EventIDs by which term uses which fields there, so each group is one selection set.
  const groups = new Map<string, SearchGroup>();
  for (const id of eventIds.sort((a, b) => a - b)) {
    const terms = perTerm.flatMap((m, index) => {
      // With `all`, a raw field term joins every group; with `any`, it stands alone in its own group.
      const rules = m.get(id) ?? (query.join === 'all' && id !== ANY_EVENT ? m.get(ANY_EVENT) : undefined);
      return rules ? [{ index, rules }] : [];
    });
    const key = JSON.stringify(terms);
    const group = groups.get(key) ?? { eventIds: [], terms };
    group.eventIds.push(id);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * The search as a Sigma detection: one group per set of EventIDs whose fields are the same, each an
 * `EventID` selection AND'ed with one selection per term (`all`) or with their OR (`any`).
 */
function detectionOf(query: SearchQuery): Record<string, unknown> {
  const groups = searchGroups(query);
  const detection: Record<string, unknown> = {};
  const conditions: string[] = [];
  let n = 0;
  for (const group of groups) {
    n++;
    const parts: string[] = [];
    for (const { index, rules } of group.terms) {
      const name = `group${n}_term${index + 1}`;
      detection[name] = rules.flatMap((rule) => selectionItems(rule, query.terms[index].values));
      parts.push(name);
    }
    const joined = parts.length === 1 ? parts[0] : `(${parts.join(query.join === 'all' ? ' and ' : ' or ')})`;
    if (group.eventIds.includes(ANY_EVENT)) {
      conditions.push(joined);
    } else {
      detection[`group${n}_eventid`] = { EventID: group.eventIds };
      conditions.push(`(group${n}_eventid and ${joined})`);
    }
  }
  // A query whose terms share no EventID (`--all --port 80 --hash X`) matches nothing, said plainly.
  if (conditions.length === 0) {
    detection.no_event = { EventID: [] as number[] };
    conditions.push('no_event');
  }
  detection.condition = conditions.join(' or ');
  return detection;
}

/**
 * The Sigma rule text of a search, valid for `run` and `lint`: two documents, one per product,
 * because a Sigma log source must name one and the criteria fit Sysmon for Windows and for Linux alike.
 */
export function searchRuleText(query: SearchQuery, now = new Date()): string {
  const description = query.terms.map(termLabel).join(query.join === 'all' ? ' AND ' : ' OR ');
  const detection = detectionOf(query);
  return PRODUCTS.map((product) =>
    stringify(
      {
        title: `sigstream search (${product}): ${description}`.slice(0, 256),
        id: crypto.randomUUID(),
        status: 'experimental',
        description: `Made by 'sigstream search' (${query.join === 'all' ? '--all' : '--any'}): ${description}`,
        author: 'sigstream search',
        date: now.toISOString().slice(0, 10).replaceAll('-', '/'),
        logsource: { product },
        detection,
        level: 'informational',
      },
      { lineWidth: 0, aliasDuplicateObjects: false },
    ),
  ).join('---\n');
}

const PRODUCTS = ['windows', 'linux'] as const;

/** Compile a query; diagnostics instead of a search when the query or its rule is not valid. */
export function compileSearch(query: SearchQuery): { search?: CompiledSearch; diagnostics: Diagnostic[] } {
  const problems = checkQuery(query);
  if (problems.length > 0) return { diagnostics: problems };
  const ruleText = searchRuleText(query);
  const collection = emptyCollection();
  addRuleText(collection, '<search>', ruleText);
  const engine = engineFromCollection(collection);
  const errors = engine.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || engine.compiled.compiled.length !== PRODUCTS.length) return { diagnostics: errors };
  return { search: { ruleText, engine }, diagnostics: [] };
}

/**
 * The hits of the search's rule over a stream of events: one per matching event, in order (an event
 * without a Channel is routed to both products' documents; its first hit stands for it).
 */
export async function* searchEvents(search: CompiledSearch, events: AsyncIterable<NormalizedEvent>): AsyncGenerator<Hit> {
  for await (const event of events) {
    const [first] = search.engine.detector.process(event);
    if (first) yield first;
  }
}
