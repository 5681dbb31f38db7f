/**
 * Necessary literals of a rule: a disjunction of (field, lower-case substring) such that the rule
 * can only match an event where at least one of them occurs. Derived from the condition tree:
 * an `and` needs only one of its children's clauses (the most selective is kept), an `or` needs
 * the union, a `not` gives no literal. Used by the prefilter to skip most rules cheaply.
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

/** The most selective clause: longest shortest needle, then fewest needles. */
function best(clauses: Clause[]): Clause {
  let chosen: Needle[] | undefined;
  let score = -Infinity;
  for (const clause of clauses) {
    if (!clause || clause.length === 0) continue;
    // Longer literals are rarer; an exact value is a little more selective than the same text as a substring.
    const s = Math.min(...clause.map((n) => n.text.length + (n.exact ? 2 : 0))) * 4 - clause.length;
    if (s > score) {
      chosen = clause;
      score = s;
    }
  }
  return chosen;
}

/** Pseudo-field of keyword needles: all string values of the event, joined. */
export const ANY_FIELD = '\u0000keywords';

function itemClause(item: DetectionItem): Clause {
  if (item.negated) return undefined;
  const field = item.field ?? ANY_FIELD;
  const perValue = item.values.map((v) => valueNeedles(v, field, item.field === undefined));
  return item.linking === 'and' ? best(perValue) : union(perValue);
}

function searchClause(node: SearchNode): Clause {
  if (node.kind === 'item') return itemClause(node.item);
  const children = node.children.map(searchClause);
  return node.kind === 'and' ? best(children) : union(children);
}

function conditionClause(node: ConditionNode, searches: Record<string, Clause>): Clause {
  switch (node.kind) {
    case 'search': return searches[node.name];
    case 'not': return undefined;
    case 'selector': {
      const clauses = node.names.map((n) => searches[n]);
      return node.quantifier === 'all' ? best(clauses) : union(clauses);
    }
    case 'and': return best(node.operands.map((o) => conditionClause(o, searches)));
    case 'or': return union(node.operands.map((o) => conditionClause(o, searches)));
  }
}

export function ruleClause(rule: SigmaRule): Clause {
  const searches: Record<string, Clause> = {};
  for (const [name, node] of Object.entries(rule.detection.searches)) searches[name] = searchClause(node);
  return union(rule.detection.conditions.map((c) => conditionClause(c, searches)));
}
