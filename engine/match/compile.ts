/**
 * Rule collection → compiled rules ready for the hot loop: a predicate, a route, and the rule
 * summary every hit carries (built once here, not per hit).
 *
 * What start-up needs of a rule (its prefilter literals, whether it compiles and its diagnostics
 * if not) is memoized per rule (`COMPILE_MEMOS`), so the rule cache keeps it across runs; the full
 * predicate of a rule known to compile is built the first time an event reaches it (most rules
 * never see a candidate event in a small file).
 */
import { diagnostic, type Diagnostic, type Location } from '../diagnostics.js';
import type { RuleSummary } from '../hit.js';
import type { SigmaRule } from '../sigma/model.js';
import { compileRulePredicate, type EventTest } from './compile-rule.js';
import type { EventView } from './event-access.js';
import { packConjunction, ruleConjunction, unpackConjunction, type Conjunction, type PackedConjunction } from './needles.js';
import { routeFor, type Route } from './route.js';
import { RuleMemo, type StorableMemo } from '../sigma/rule-memo.js';

export interface CompiledRule {
  rule: SigmaRule;
  summary: RuleSummary;
  route: Route;
  order: number;
  /** Full evaluation (EventType split included) against one event. */
  matches: EventTest;
  /** Literal clauses that must all have a hit for the rule to match (prefilter); empty: none. Derived or decoded on first read. */
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

/** A rule's predicate, or the diagnostics of why it does not compile; `test` absent and no diagnostics: compiles, not built yet. */
interface CompileOutcome {
  test?: EventTest;
  diagnostics: Diagnostic[];
}

const compileOutcome = new RuleMemo<CompileOutcome, Diagnostic[]>('compile-outcome:1', compileRulePredicate, {
  store: (outcome) => outcome.diagnostics,
  restore: (diagnostics) => ({ diagnostics }),
});

/**
 * Stored as JSON text inside the cache's JSON: a start then reads one string per rule, and a rule's
 * literals become objects only when a prefilter over it is built (at the first event of its kind).
 */
const prefilterLiterals = new RuleMemo<Conjunction, string>('prefilter-literals:3', ruleConjunction, {
  store: (conjunction) => JSON.stringify(packConjunction(conjunction)),
  restore: (text) => unpackConjunction(JSON.parse(text) as PackedConjunction),
});

/** Where an unrouted rule's log source is written (locating it parses the file again); null for a routed rule. */
const unroutedAt = new RuleMemo<Location | null>('unrouted-at:1', (rule) => ('unrouted' in routeFor(rule.logsource) ? rule.locate(['logsource']) : null));

/** What the rule cache keeps of this stage (engine/pipeline/engine.ts hands them to it). */
export const COMPILE_MEMOS: readonly StorableMemo[] = [compileOutcome, prefilterLiterals, unroutedAt];

/** Only events of the rule's EventTypes (a category sharing an EventID with others) reach `test`. */
function withEventTypes(test: EventTest, eventTypes: string[] | undefined): EventTest {
  if (!eventTypes) return test;
  return (view: EventView) => {
    const type = view.get('EventType');
    return typeof type === 'string' && eventTypes.includes(type.toLowerCase()) && test(view);
  };
}

export function compileRules(rules: SigmaRule[]): CompileResult {
  const result: CompileResult = { compiled: [], unrouted: [], rejected: [], diagnostics: [] };
  rules.forEach((rule, order) => {
    const outcome = compileOutcome.get(rule);
    const { diagnostics } = outcome;
    result.diagnostics.push(...diagnostics);
    if (diagnostics.length > 0) {
      result.rejected.push({ rule, diagnostic: diagnostics[0] });
      return;
    }
    const routed = routeFor(rule.logsource);
    if ('unrouted' in routed) {
      result.unrouted.push({ rule, reason: routed.unrouted });
      result.diagnostics.push(diagnostic('warning', 'unrouted', `not evaluated on Sysmon streams: ${routed.unrouted}`, unroutedAt.get(rule) ?? rule.locate(['logsource'])));
      return;
    }
    const eventTypes = routed.route.eventTypes?.map((t) => t.toLowerCase());
    const compiled: CompiledRule = {
      rule, summary: ruleSummary(rule), route: routed.route, order,
      get literals() {
        return prefilterLiterals.get(rule);
      },
      matches: outcome.test
        ? withEventTypes(outcome.test, eventTypes)
        : (view) => {
            // Built on the first event that reaches the rule, then in place of this stub.
            compiled.matches = withEventTypes(compileRulePredicate(rule).test!, eventTypes);
            return compiled.matches(view);
          },
    };
    result.compiled.push(compiled);
  });
  return result;
}
