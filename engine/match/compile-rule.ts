/**
 * A `SigmaRule` → one closure over an `EventView` (compile once, evaluate many times). Searches
 * are compiled once and shared by every condition that names them; `and`/`or` short-circuit.
 */
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { ConditionNode, DetectionItem, SearchNode, SigmaRule } from '../sigma/model.js';
import { WILDCARD_MULTI, parseSigmaString, type SigmaValue } from '../sigma/values.js';
import { compileValue, type ValueTest } from './compile-value.js';
import type { EventView } from './event-access.js';

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

function link(tests: EventTest[], linking: 'and' | 'or'): EventTest {
  if (tests.length === 1) return tests[0];
  return linking === 'and' ? (view) => tests.every((t) => t(view)) : (view) => tests.some((t) => t(view));
}

/** One test per written value of the item, before `all`/`neq` linking (explain reports each). */
export function compileItemValues(item: DetectionItem): EventTest[] | { error: string } {
  const tests: ValueTest[] = [];
  for (const value of item.values) {
    const test = compileValue(item.field === undefined ? keywordValue(value) : value);
    if ('error' in test) return test;
    tests.push(test);
  }
  let perValue: EventTest[];
  if (item.field === undefined) {
    perValue = tests.map((test) => (view: EventView) => {
      for (const text of view.allStrings()) if (test(text, view)) return true;
      return false;
    });
  } else {
    const field = item.field;
    perValue = tests.map((test, i) => {
      const kind = item.values[i].type;
      // Presence tests look at the field itself; value tests at each element of an array field.
      if (kind === 'null' || kind === 'exists') return (view: EventView) => test(view.get(field), view);
      return (view: EventView) => {
        const v = view.get(field);
        return Array.isArray(v) ? v.some((e) => test(e, view)) : test(v, view);
      };
    });
  }
  return perValue;
}

function compileItem(item: DetectionItem): EventTest | { error: string } {
  const perValue = compileItemValues(item);
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
