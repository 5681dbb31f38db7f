/**
 * Rule collection → compiled rules ready for the hot loop: a predicate, a route, and the rule
 * summary every hit carries (built once here, not per hit).
 */
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { RuleSummary } from '../hit.js';
import type { SigmaRule } from '../sigma/model.js';
import { compileRulePredicate, type EventTest } from './compile-rule.js';
import type { EventView } from './event-access.js';
import { ruleConjunction, type Conjunction } from './needles.js';
import { routeFor, type Route } from './route.js';

export interface CompiledRule {
  rule: SigmaRule;
  summary: RuleSummary;
  route: Route;
  order: number;
  /** Full evaluation (EventType split included) against one event. */
  matches: EventTest;
  /** Literal clauses that must all have a hit for the rule to match (prefilter); empty: none. */
  literals: Conjunction;
}

export interface CompileResult {
  compiled: CompiledRule[];
  /** Rules that loaded but that no Sysmon stream feeds (reported, not hidden). */
  unrouted: Array<{ rule: SigmaRule; reason: string }>;
  /** Rules that failed to compile (e.g. a regex the linear-time engine cannot run). */
  rejected: Array<{ rule: SigmaRule; diagnostic: Diagnostic }>;
  diagnostics: Diagnostic[];
}

export function ruleSummary(rule: SigmaRule): RuleSummary {
  return {
    id: rule.id, name: rule.name, title: rule.title, level: rule.level, status: rule.status,
    author: rule.author, tags: rule.tags, path: rule.file,
  };
}

export function compileRules(rules: SigmaRule[]): CompileResult {
  const result: CompileResult = { compiled: [], unrouted: [], rejected: [], diagnostics: [] };
  rules.forEach((rule, order) => {
    const { test, diagnostics } = compileRulePredicate(rule);
    result.diagnostics.push(...diagnostics);
    if (!test) {
      result.rejected.push({ rule, diagnostic: diagnostics[0] });
      return;
    }
    const routed = routeFor(rule.logsource);
    if ('unrouted' in routed) {
      result.unrouted.push({ rule, reason: routed.unrouted });
      result.diagnostics.push(diagnostic('warning', 'unrouted', `not evaluated on Sysmon streams: ${routed.unrouted}`, rule.locate(['logsource'])));
      return;
    }
    const eventTypes = routed.route.eventTypes?.map((t) => t.toLowerCase());
    const matches: EventTest = eventTypes
      ? (view: EventView) => {
          const type = view.get('EventType');
          return typeof type === 'string' && eventTypes.includes(type.toLowerCase()) && test(view);
        }
      : test;
    result.compiled.push({ rule, summary: ruleSummary(rule), route: routed.route, order, matches, literals: ruleConjunction(rule) });
  });
  return result;
}
