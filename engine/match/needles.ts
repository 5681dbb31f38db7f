/**
 * Necessary literals of a rule, as a conjunction of clauses, each clause a disjunction of
 * (field, lower-case substring or exact value): the rule can only match an event where every
 * clause has a hit. Derived from the condition tree: an `and` keeps its children's clauses (the
 * most selective few), an `or` needs one hit among its alternatives' best clauses, a `not` gives
 * nothing. Used by the prefilter to skip most rules cheaply.
 */
import type { ConditionNode, DetectionItem, SearchNode, SigmaRule } from '../sigma/model.js';
import type { SigmaValue } from '../sigma/values.js';
import { requiredRegexLiteral } from './regex-literal.js';

export interface Needle {
  field: string;
  /** Lower-case text that must occur in the field's value (or be all of it, when `exact`). */
  text: string;
  exact?: boolean;
}

/** `undefined`: no literal is necessary (the rule must always be evaluated). */
export type Clause = Needle[] | undefined;

/** Shorter literals filter too little to be worth a lookup. */
const MIN_NEEDLE = 3;

/**
 * Stands for "some non-ASCII character" when a value's literals are too short but not ASCII
 * (emoji and homoglyph rules): most command lines are pure ASCII, so this still rules them out.
 */
export const NON_ASCII = '\u0000non-ascii';

/** `keyword`: the value is an implicit contains (never an exact value, numbers as text). */
function valueNeedles(value: SigmaValue, field: string, keyword: boolean): Clause {
  if (value.type === 'string') {
    if (!keyword && value.parts.length === 1 && typeof value.parts[0] === 'string') return [{ field, text: value.parts[0].toLowerCase(), exact: true }];
    if (!keyword && value.parts.length === 0) return [{ field, text: '', exact: true }];
    let longest = '';
    for (const part of value.parts) if (typeof part === 'string' && part.length > longest.length) longest = part;
    // A literal with three Latin-1 characters in a row can be keyed by the scan; one without
    // (emoji, CJK) is cheaper to stand for as "some non-ASCII character".
    if (longest.length >= MIN_NEEDLE && /[\x00-\xff]{3}/.test(longest)) return [{ field, text: longest.toLowerCase() }];
    const literal = value.parts.filter((p): p is string => typeof p === 'string').join('');
    return /[^\x00-\x7f]/.test(literal.toLowerCase()) ? [{ field, text: NON_ASCII }] : undefined;
  }
  if (value.type === 'regex') {
    const literal = requiredRegexLiteral(value.pattern);
    return literal !== undefined && literal.length >= MIN_NEEDLE ? [{ field, text: literal.toLowerCase() }] : undefined;
  }
  if (value.type === 'expansion') return union(value.values.map((v) => valueNeedles(v, field, keyword)));
  // A number matches its own text or the number's canonical text (compile-value.ts).
  if (value.type === 'number' && keyword) return value.text.length >= MIN_NEEDLE ? [{ field, text: value.text.toLowerCase() }] : undefined;
  if (value.type === 'number') return [...new Set([value.text.toLowerCase(), String(value.value)])].map((text) => ({ field, text, exact: true }));
  // null (absent, JSON null or "": SIGMA.md §3.2), exists, cidr, ...: no literal is necessary.
  return undefined;
}

function union(clauses: Clause[]): Clause {
  const out: Needle[] = [];
  for (const clause of clauses) {
    if (!clause) return undefined;
    out.push(...clause);
  }
  return out;
}

/** The most selective clause of a conjunction: longest shortest needle, then fewest needles. */
function best(clauses: Clause[]): Clause {
  let chosen: Needle[] | undefined;
  let top = -Infinity;
  for (const clause of clauses) {
    if (!clause || clause.length === 0) continue;
    const s = score(clause);
    if (s > top) {
      chosen = clause;
      top = s;
    }
  }
  return chosen;
}

/** Pseudo-field of keyword needles: every string value of the event. */
export const ANY_FIELD = '\u0000keywords';

/**
 * A conjunction of clauses: the rule can only match when every clause has a hit. An empty list
 * asks for nothing (the rule is always evaluated). Several clauses filter far better than the
 * single "best" one: `Image|endswith: x.exe` and `Company: Microsoft Corporation` together are rare
 * even though the company alone is in most events.
 */
export type Conjunction = Needle[][];

/** At most this many clauses per rule: the most selective ones. */
const MAX_CLAUSES = 3;

function score(clause: Needle[]): number {
  // Longer literals are rarer; an exact value is a little more selective than the same text as a substring.
  return Math.min(...clause.map((n) => n.text.length + (n.exact ? 2 : 0))) * 4 - clause.length;
}

function all(parts: Conjunction[]): Conjunction {
  return parts.flat().sort((a, b) => score(b) - score(a)).slice(0, MAX_CLAUSES);
}

/** An OR of conjunctions needs one hit among the alternatives' best clauses (none if any alternative needs nothing). */
function any(parts: Conjunction[]): Conjunction {
  if (parts.length === 1) return parts[0];
  const bests = parts.map((p) => best(p));
  return bests.some((b) => b === undefined) ? [] : [union(bests) as Needle[]];
}

/**
 * Keyword needles are searched in each string of the event apart, while full evaluation searches
 * them joined by NUL: a literal with a NUL could span two strings there, so it filters nothing.
 */
function withoutNul(clause: Clause): Clause {
  return clause?.some((n) => n.text !== NON_ASCII && n.text.includes('\u0000')) ? undefined : clause;
}

function itemConjunction(item: DetectionItem): Conjunction {
  if (item.negated) return [];
  const field = item.field ?? ANY_FIELD;
  const perValue = item.values.map((v) => valueNeedles(v, field, item.field === undefined)).map((c) => (item.field === undefined ? withoutNul(c) : c));
  if (item.linking === 'and') return all(perValue.map((c) => (c ? [c] : [])));
  const clause = union(perValue);
  return clause ? [clause] : [];
}

function searchConjunction(node: SearchNode): Conjunction {
  if (node.kind === 'item') return itemConjunction(node.item);
  const children = node.children.map(searchConjunction);
  return node.kind === 'and' ? all(children) : any(children);
}

function conditionConjunction(node: ConditionNode, searches: Record<string, Conjunction>): Conjunction {
  switch (node.kind) {
    case 'search': return searches[node.name];
    case 'not': return [];
    case 'selector': {
      const parts = node.names.map((n) => searches[n]);
      return node.quantifier === 'all' ? all(parts) : any(parts);
    }
    case 'and': return all(node.operands.map((o) => conditionConjunction(o, searches)));
    case 'or': return any(node.operands.map((o) => conditionConjunction(o, searches)));
  }
}

export function ruleConjunction(rule: SigmaRule): Conjunction {
  const searches: Record<string, Conjunction> = {};
  for (const [name, node] of Object.entries(rule.detection.searches)) searches[name] = searchConjunction(node);
  return any(rule.detection.conditions.map((c) => conditionConjunction(c, searches)));
}
