/** The hot loop: one event → route → literal prefilter → full evaluation of the survivors. */
import type { NormalizedEvent } from '../event.js';
import type { CompiledRule } from './compile.js';
import { EventView } from './event-access.js';
import { Prefilter } from './prefilter.js';
import { RuleIndex } from './rule-index.js';

export class Matcher {
  private readonly index: RuleIndex<CompiledRule>;
  /** One prefilter per candidate list (one per channel × EventID seen), built on first use. */
  private readonly prefilters = new WeakMap<CompiledRule[], Prefilter>();

  constructor(readonly rules: CompiledRule[]) {
    this.index = new RuleIndex(rules);
  }

  /** Matching rules in load order (an empty array when none: callers must not mutate it). */
  match(event: NormalizedEvent): CompiledRule[] {
    const candidates = this.index.candidates(event);
    if (candidates.length === 0) return NO_MATCH;
    let prefilter = this.prefilters.get(candidates);
    if (!prefilter) {
      prefilter = new Prefilter(candidates.map((c) => c.literals));
      this.prefilters.set(candidates, prefilter);
    }
    const view = new EventView(event);
    const selected = prefilter.run(view);
    let matched: CompiledRule[] | undefined;
    for (let i = 0; i < selected.length; i++) {
      const rule = candidates[selected[i]];
      if (rule.matches(view)) (matched ??= []).push(rule);
    }
    return matched ?? NO_MATCH;
  }
}

const NO_MATCH: CompiledRule[] = [];
