/**
 * Explain one rule on one event: whether its log source applies, each search's items with the
 * event's value and each rule value's result, and the condition tree with every operand's result.
 * Uses the same compiled value tests as the hot loop (compileItemValues), so an explanation can
 * never disagree with what the matcher decides.
 */
import type { Location } from '../diagnostics.js';
import type { NormalizedEvent } from '../event.js';
import type { RuleSummary } from '../hit.js';
import type { ConditionNode, DetectionItem, SearchNode, SigmaRule } from '../sigma/model.js';
import { WILDCARD_MULTI, type SigmaValue } from '../sigma/values.js';
import { ruleSummary } from './compile.js';
import { compileItemValues } from './compile-rule.js';
import { EventView } from './event-access.js';
import { routeFor, type Route } from './route.js';
import { RuleIndex } from './rule-index.js';

export interface ValueExplanation {
  /** The rule value as written after modifiers (`*\certutil.exe`, `/re/i`, `10.0.0.0/8`). */
  value: string;
  matched: boolean;
}

export interface ItemExplanation {
  kind: 'item';
  /** Undefined for a keyword (field-less) item. */
  field?: string;
  modifiers: string[];
  /** The event's value of the field; undefined when absent. */
  actual?: unknown;
  values: ValueExplanation[];
  linking: 'and' | 'or';
  negated: boolean;
  matched: boolean;
  where: Location;
}

export type SearchExplanation = ItemExplanation | { kind: 'and' | 'or'; matched: boolean; children: SearchExplanation[] };

export type ConditionExplanation =
  | { kind: 'and' | 'or'; matched: boolean; operands: ConditionExplanation[] }
  | { kind: 'not'; matched: boolean; operand: ConditionExplanation }
  | { kind: 'search'; name: string; matched: boolean }
  | { kind: 'selector'; quantifier: 'any' | 'all'; pattern: string; matched: boolean; names: Array<{ name: string; matched: boolean }> };

export interface RuleExplanation {
  rule: RuleSummary;
  /** The rule's log source covers this event (channel and EventID routing, EventType split). */
  logsource: { applies: boolean; reason: string };
  searches: Array<{ name: string; matched: boolean; tree: SearchExplanation }>;
  conditions: Array<{ text: string; matched: boolean; tree: ConditionExplanation }>;
  /** Log source applies and a condition is true: exactly when the engine reports a hit. */
  matched: boolean;
}

function render(value: SigmaValue): string {
  switch (value.type) {
    case 'string':
      return value.parts.map((p) => (p === WILDCARD_MULTI ? '*' : typeof p === 'string' ? p.replace(/[*?]/g, '\\$&') : '?')).join('') + (value.cased ? ' (cased)' : '');
    case 'regex':
      return `/${value.pattern}/${value.flags.i ? 'i' : ''}${value.flags.m ? 'm' : ''}${value.flags.s ? 's' : ''}`;
    case 'number':
      return value.text;
    case 'boolean':
      return String(value.value);
    case 'null':
      return 'null (absent, null or empty)';
    case 'cidr':
      return value.text;
    case 'fieldref':
      return `field ${value.field}${value.startsWith && value.endsWith ? ' (contained)' : value.startsWith ? ' (prefix)' : value.endsWith ? ' (suffix)' : ''}`;
    case 'exists':
      return value.value ? 'exists' : 'absent';
    case 'compare':
      return `${value.op} ${value.value}`;
    case 'timepart':
      return `${value.part} ${value.op ?? '='} ${value.value}`;
    case 'expansion':
      return value.values.length === 1 ? render(value.values[0]) : `${render(value.values[0])} (or ${value.values.length - 1} more variants)`;
  }
}

/** What explaining an item needs that does not depend on the event: built once per item. */
interface PreparedItem {
  tests: Array<(view: EventView) => boolean>;
  rendered: string[];
  where: Location;
}

const prepared = new WeakMap<DetectionItem, PreparedItem>();

function prepare(item: DetectionItem, rule: SigmaRule): PreparedItem {
  let ready = prepared.get(item);
  if (ready === undefined) {
    const tests = compileItemValues(item);
    // Rules reaching explain have compiled for the engine already; a compile error cannot occur here.
    if ('error' in tests) throw new Error(`explain: ${tests.error}`);
    ready = { tests, rendered: item.values.map(render), where: rule.locate(item.path) };
    prepared.set(item, ready);
  }
  return ready;
}

function explainItem(item: DetectionItem, view: EventView, rule: SigmaRule): ItemExplanation {
  const { tests, rendered, where } = prepare(item, rule);
  const values = rendered.map((value, i) => ({ value, matched: tests[i](view) }));
  const linked = item.linking === 'and' ? values.every((v) => v.matched) : values.some((v) => v.matched);
  return {
    kind: 'item',
    field: item.field,
    modifiers: item.modifiers,
    actual: item.field === undefined ? undefined : view.get(item.field),
    values,
    linking: item.linking,
    negated: item.negated,
    matched: item.negated ? !linked : linked,
    where,
  };
}

function explainSearch(node: SearchNode, view: EventView, rule: SigmaRule): SearchExplanation {
  if (node.kind === 'item') return explainItem(node.item, view, rule);
  const children = node.children.map((c) => explainSearch(c, view, rule));
  return { kind: node.kind, matched: node.kind === 'and' ? children.every((c) => c.matched) : children.some((c) => c.matched), children };
}

function explainCondition(node: ConditionNode, results: ReadonlyMap<string, boolean>): ConditionExplanation {
  switch (node.kind) {
    case 'search':
      return { kind: 'search', name: node.name, matched: results.get(node.name) === true };
    case 'not': {
      const operand = explainCondition(node.operand, results);
      return { kind: 'not', matched: !operand.matched, operand };
    }
    case 'selector': {
      const names = node.names.map((name) => ({ name, matched: results.get(name) === true }));
      const matched = node.quantifier === 'all' ? names.every((n) => n.matched) : names.some((n) => n.matched);
      return { kind: 'selector', quantifier: node.quantifier, pattern: node.pattern, matched, names };
    }
    default: {
      const operands = node.operands.map((o) => explainCondition(o, results));
      return { kind: node.kind, matched: node.kind === 'and' ? operands.every((o) => o.matched) : operands.some((o) => o.matched), operands };
    }
  }
}

/** Per rule: its route as a one-rule index (the matcher's own routing), or why it has none. */
const routes = new WeakMap<SigmaRule, { index: RuleIndex<{ route: Route; order: number }>; eventTypes?: string[] } | { unrouted: string }>();

function explainLogsource(rule: SigmaRule, event: NormalizedEvent): { applies: boolean; reason: string } {
  let routed = routes.get(rule);
  if (routed === undefined) {
    const result = routeFor(rule.logsource);
    routed = 'unrouted' in result ? result : { index: new RuleIndex([{ route: result.route, order: 0 }]), eventTypes: result.route.eventTypes };
    routes.set(rule, routed);
  }
  if ('unrouted' in routed) return { applies: false, reason: routed.unrouted };
  const where = `Channel ${JSON.stringify(event.Channel ?? null)}, EventID ${JSON.stringify(event.EventID ?? null)}`;
  if (routed.index.candidates(event).length === 0) return { applies: false, reason: `the rule's log source does not cover ${where}` };
  const types = routed.eventTypes;
  if (types && !(typeof event.EventType === 'string' && types.some((t) => t.toLowerCase() === (event.EventType as string).toLowerCase()))) {
    return { applies: false, reason: `EventType ${JSON.stringify(event.EventType ?? null)} is not one of ${types.join(', ')}` };
  }
  return { applies: true, reason: `covers ${where}` };
}

export function explainRule(rule: SigmaRule, event: NormalizedEvent): RuleExplanation {
  const view = new EventView(event);
  const searches = Object.entries(rule.detection.searches).map(([name, node]) => {
    const tree = explainSearch(node, view, rule);
    return { name, matched: tree.matched, tree };
  });
  const results = new Map(searches.map((s) => [s.name, s.matched]));
  const conditions = rule.detection.conditions.map((node, i) => {
    const tree = explainCondition(node, results);
    return { text: rule.detection.conditionText[i] ?? rule.detection.conditionText.join(' | '), matched: tree.matched, tree };
  });
  const logsource = explainLogsource(rule, event);
  return { rule: ruleSummary(rule), logsource, searches, conditions, matched: logsource.applies && conditions.some((c) => c.matched) };
}

/** For `run --explain` (DetectionHit.matched): the search identifiers of the rule that matched the event. */
export function matchedSearches(rule: SigmaRule, event: NormalizedEvent): string[] {
  return explainRule(rule, event).searches.filter((s) => s.matched).map((s) => s.name);
}
