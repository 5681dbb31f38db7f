/**
 * A `SigmaRule` → one closure over an `EventView` (compile once, evaluate many times). Searches
 * are compiled once and shared by every condition that names them; `and`/`or` short-circuit.
 */
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { ConditionNode, DetectionItem, SearchNode, SigmaRule } from '../sigma/model.js';
import { WILDCARD_MULTI, parseSigmaString, type SigmaValue } from '../sigma/values.js';
import { compileValue, type ValueTest } from './compile-value.js';
import { asText, type EventView } from './event-access.js';
import { NeedleSet } from './needle-set.js';

export type EventTest = (view: EventView) => boolean;

/** Keywords match as an implicit `contains` over every string in the event (SIGMA.md §3.4). */
function keywordValue(value: SigmaValue): SigmaValue {
  if (value.type === 'number') return keywordValue(parseSigmaString(value.text));
  if (value.type === 'string') {
    const parts = [...value.parts];
    if (parts[0] !== WILDCARD_MULTI) parts.unshift(WILDCARD_MULTI);
    if (parts[parts.length - 1] !== WILDCARD_MULTI) parts.push(WILDCARD_MULTI);
    return { ...value, parts };
  }
  if (value.type === 'expansion') return { type: 'expansion', values: value.values.map(keywordValue) };
  return value;
}

/** Plain loops, not every/some: the hot path must not allocate a callback per evaluation. */
function link(tests: EventTest[], linking: 'and' | 'or'): EventTest {
  if (tests.length === 1) return tests[0];
  if (tests.length === 2) {
    const [a, b] = tests;
    return linking === 'and' ? (view) => a(view) && b(view) : (view) => a(view) || b(view);
  }
  if (linking === 'and') {
    return (view) => {
      for (let i = 0; i < tests.length; i++) if (!tests[i](view)) return false;
      return true;
    };
  }
  return (view) => {
    for (let i = 0; i < tests.length; i++) if (tests[i](view)) return true;
    return false;
  };
}

/** The literal of a case-insensitive `*literal*` value, else undefined. */
function containsLiteral(value: SigmaValue): string | undefined {
  if (value.type !== 'string' || value.cased || value.parts.length !== 3) return undefined;
  const [a, literal, b] = value.parts;
  return a === WILDCARD_MULTI && b === WILDCARD_MULTI && typeof literal === 'string' ? literal.toLowerCase() : undefined;
}

/** Long OR-lists of `contains` values (hash lists, tool names) are searched in one pass. */
const NEEDLE_SET_MIN = 8;

interface CompiledValue {
  test: ValueTest;
  /** null/exists tests look at the field itself, not at each element of an array field. */
  presence: boolean;
  /** A pure substring test: true for a text iff true for any text containing it (keywords use the joined event text). */
  substring: boolean;
}

/** `group`: search long OR-lists of contains literals in one pass (explain wants them one by one). */
function compileValues(values: SigmaValue[], group: boolean): CompiledValue[] | { error: string } {
  const compiled: CompiledValue[] = [];
  let rest = values;
  const literals = values.map(containsLiteral);
  const setLiterals = literals.filter((l): l is string => l !== undefined);
  if (group && setLiterals.length >= NEEDLE_SET_MIN) {
    const set = new NeedleSet<true>(setLiterals.map((l) => [l, true]));
    compiled.push({ presence: false, substring: true, test: (v, view) => {
      const text = asText(v);
      return text !== undefined && set.test(view.lowered(text));
    } });
    rest = values.filter((_, i) => literals[i] === undefined);
  }
  for (const value of rest) {
    const test = compileValue(value);
    if ('error' in test) return test;
    compiled.push({ test, presence: value.type === 'null' || value.type === 'exists', substring: containsLiteral(value) !== undefined });
  }
  return compiled;
}

function itemValueTests(item: DetectionItem, group: boolean): EventTest[] | { error: string } {
  const values = item.field === undefined ? item.values.map(keywordValue) : item.values;
  const compiled = compileValues(values, group);
  if ('error' in compiled) return compiled;
  if (item.field === undefined) {
    return compiled.map(({ test, substring }) => {
      if (substring) return (view: EventView) => test(view.joinedStrings(), view);
      return (view: EventView) => {
        const texts = view.allStrings();
        for (let i = 0; i < texts.length; i++) if (test(texts[i], view)) return true;
        return false;
      };
    });
  }
  const field = item.field;
  return compiled.map(({ test, presence }) => {
    if (presence) return (view: EventView) => test(view.get(field), view);
    return (view: EventView) => {
      const v = view.get(field);
      if (!Array.isArray(v)) return test(v, view);
      for (let j = 0; j < v.length; j++) if (test(v[j], view)) return true;
      return false;
    };
  });
}

/** One test per written value of the item, before `all`/`neq` linking (explain reports each). */
export function compileItemValues(item: DetectionItem): EventTest[] | { error: string } {
  return itemValueTests(item, false);
}

function compileItem(item: DetectionItem): EventTest | { error: string } {
  const perValue = itemValueTests(item, item.linking === 'or');
  if ('error' in perValue) return perValue;
  const linked = link(perValue, item.linking);
  return item.negated ? (view) => !linked(view) : linked;
}

function compileSearch(node: SearchNode): EventTest | { error: string; item?: DetectionItem } {
  if (node.kind === 'item') {
    const test = compileItem(node.item);
    return 'error' in test ? { error: test.error, item: node.item } : test;
  }
  const children: EventTest[] = [];
  for (const child of node.children) {
    const test = compileSearch(child);
    if ('error' in test) return test;
    children.push(test);
  }
  return link(children, node.kind);
}

function compileCondition(node: ConditionNode, searches: Record<string, EventTest>): EventTest {
  switch (node.kind) {
    case 'search':
      return searches[node.name];
    case 'not': {
      const inner = compileCondition(node.operand, searches);
      return (view) => !inner(view);
    }
    case 'selector':
      return link(node.names.map((n) => searches[n]), node.quantifier === 'all' ? 'and' : 'or');
    default:
      return link(node.operands.map((o) => compileCondition(o, searches)), node.kind);
  }
}

export function compileRulePredicate(rule: SigmaRule): { test?: EventTest; diagnostics: Diagnostic[] } {
  const searches: Record<string, EventTest> = {};
  for (const [name, node] of Object.entries(rule.detection.searches)) {
    const test = compileSearch(node);
    if ('error' in test) {
      return { diagnostics: [diagnostic('error', 'bad-value', test.error, rule.locate(test.item?.path ?? []))] };
    }
    searches[name] = test;
  }
  const conditions = rule.detection.conditions.map((c) => compileCondition(c, searches));
  return { test: link(conditions, 'or'), diagnostics: [] };
}
