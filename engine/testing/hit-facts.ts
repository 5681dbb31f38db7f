/** The facts of a hit that expectations talk about: which rule, which case events, which techniques. */
import { PROVENANCE_KEY, type Provenance } from '../event.js';
import type { Hit, RuleSummary } from '../hit.js';

/** True when `ref` is the rule's id, name or title (ids compared case-insensitively). */
export function ruleIs(rule: RuleSummary, ref: string): boolean {
  return rule.id?.toLowerCase() === ref.toLowerCase() || rule.name === ref || rule.title === ref;
}

/** Numbers of every event behind a hit (case event number, else input record or line), sorted, unique. */
export function eventNumbers(hit: Hit): number[] {
  const numbers = new Set<number>();
  const visit = (h: Hit) => {
    if (h.kind === 'detection') {
      const source = h.source ?? (h.event[PROVENANCE_KEY] as Provenance | undefined);
      // Case events carry their 1-based number as `record`; NDJSON inputs only a line.
      const n = source?.record ?? source?.line;
      if (n !== undefined) numbers.add(n);
    } else {
      h.hits.forEach(visit);
    }
  };
  visit(hit);
  return [...numbers].sort((a, b) => a - b);
}

export function techniqueIds(hit: Hit): string[] {
  return hit.attack.techniques.map((t) => t.id.toUpperCase());
}

/** A tactic given as shortname (`execution`), name (`Execution`) or id (`TA0002`). */
export function hasTactic(hit: Hit, tactic: string): boolean {
  const want = tactic.toLowerCase();
  return hit.attack.tactics.some((t) => t.id.toLowerCase() === want || t.name.toLowerCase() === want || t.shortname?.toLowerCase() === want);
}
