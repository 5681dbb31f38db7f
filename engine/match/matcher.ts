/** The hot loop: one event → the compiled rules that match it. */
import type { NormalizedEvent } from '../events/event.js';
import type { CompiledRule } from './compile.js';
import { EventView } from './event-access.js';
import { RuleIndex } from './rule-index.js';

export class Matcher {
  private readonly index: RuleIndex<CompiledRule>;

  constructor(readonly rules: CompiledRule[]) {
    this.index = new RuleIndex(rules);
  }

  /** Matching rules in load order (an empty array when none: callers must not mutate it). */
  match(event: NormalizedEvent): CompiledRule[] {
    const candidates = this.index.candidates(event);
    if (candidates.length === 0) return candidates;
    const view = new EventView(event);
    let matched: CompiledRule[] | undefined;
    for (const rule of candidates) {
      if (rule.matches(view)) (matched ??= []).push(rule);
    }
    return matched ?? NO_MATCH;
  }
}

const NO_MATCH: CompiledRule[] = [];
