/**
 * temporal_ordered: like temporal, but the rules must match in the order of `rules`
 * (SIGMA.md §6.3 DECISION: e1…en with t1 ≤ … ≤ tn; equal timestamps count as ordered).
 * The chain is built greedily: for each rule in order, its earliest event not before the previous
 * link (earliest-first is optimal for existence). A threshold measures the chain length from the first
 * rule; a string condition sees a rule only if it occurs after the seen rules listed before it.
 */
import type { CorrelationTypeDef, Entry } from './type.js';

function chain(entries: readonly Entry[], head: number, refs: number, stopAtGap: boolean): boolean[] {
  const seen = new Array<boolean>(refs).fill(false);
  let after = -Infinity;
  for (let r = 0; r < refs; r++) {
    let found = Infinity;
    for (let i = head; i < entries.length; i++) {
      if (entries[i].r === r && entries[i].t >= after && entries[i].t < found) found = entries[i].t;
    }
    if (found === Infinity) {
      if (stopAtGap) break;
      continue;
    }
    seen[r] = true;
    after = found;
  }
  return seen;
}

export const temporalOrdered: CorrelationTypeDef = {
  contribution: () => true,
  create: () => undefined,
  add() {},
  remove() {},
  measure: (_aggregate, entries, head, ctx) => chain(entries, head, ctx.rule.rules.length, true).filter(Boolean).length,
  seen: (_aggregate, entries, head, ctx) => chain(entries, head, ctx.rule.rules.length, false),
};
