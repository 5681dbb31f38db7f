/**
 * Two configs over the same events: which events one logs and the other drops, summarised by
 * event type and by the rule that kept or dropped them.
 */
import type { NormalizedEvent } from '../event.js';
import type { CompiledConfig } from './compile.js';
import { eventTypeById } from './event-types.js';
import { evaluateEvent, type Verdict } from './evaluate.js';

export interface ConfigDifference {
  event: NormalizedEvent;
  a: Verdict;
  b: Verdict;
  /** Which config logs the event. */
  keptBy: 'a' | 'b';
}

/** A and B's verdicts on one event, when they disagree on logging it. */
export function compareConfigs(a: CompiledConfig, b: CompiledConfig, event: NormalizedEvent): ConfigDifference | undefined {
  const va = evaluateEvent(a, event);
  const vb = evaluateEvent(b, event);
  if (va.decision === vb.decision) return undefined;
  return { event, a: va, b: vb, keptBy: va.decision === 'include' ? 'a' : 'b' };
}

/** Why a verdict came out as it did, as one label for grouping. */
export function verdictLabel(verdict: Verdict): string {
  if (verdict.reason === 'matched') return verdict.ruleName ?? `(unnamed rule, line ${verdict.condition?.line ?? verdict.block?.line})`;
  if (verdict.reason === 'default') return verdict.decision === 'include' ? '(default: no exclude rule matched)' : '(default: no include rule matched)';
  return `(${verdict.reason})`;
}

export interface OneSidedSummary {
  events: number;
  byEventType: Record<string, number>;
  /** The rule of the config that logs the events. */
  keptByRule: Record<string, number>;
  /** The rule (or default) of the config that drops them. */
  droppedByRule: Record<string, number>;
}

export interface DiffSummary {
  compared: number;
  same: number;
  onlyA: OneSidedSummary;
  onlyB: OneSidedSummary;
}

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

const emptySide = (): OneSidedSummary => ({ events: 0, byEventType: {}, keptByRule: {}, droppedByRule: {} });

export class DiffTally {
  readonly summary: DiffSummary = { compared: 0, same: 0, onlyA: emptySide(), onlyB: emptySide() };

  add(difference: ConfigDifference | undefined): void {
    this.summary.compared++;
    if (!difference) {
      this.summary.same++;
      return;
    }
    const side = difference.keptBy === 'a' ? this.summary.onlyA : this.summary.onlyB;
    const [kept, dropped] = difference.keptBy === 'a' ? [difference.a, difference.b] : [difference.b, difference.a];
    const id = difference.event.EventID;
    side.events++;
    bump(side.byEventType, `${id} ${(typeof id === 'number' ? eventTypeById(id)?.ruleTag : undefined) ?? ''}`.trim());
    bump(side.keptByRule, verdictLabel(kept));
    bump(side.droppedByRule, verdictLabel(dropped));
  }
}
