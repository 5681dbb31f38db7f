/**
 * The detection pipeline the library exposes: normalized events in, hits out. It wires the
 * stages of DESIGN.md in one direction: rule index → compiled predicates → base hits → ATT&CK
 * enrichment. Nothing here parses input or formats output.
 */
import { eventTimeMs, provenanceOf, type NormalizedEvent } from '../events/event.js';
import type { CompiledRule } from '../match/compile.js';
import { Matcher } from '../match/matcher.js';
import type { DetectionHit, Hit } from '../output/hit.js';
import { resolveAttackForEvent } from '../attack/resolve.js';

export interface DetectorStats {
  events: number;
  /** Events with at least one hit. */
  matchedEvents: number;
  hits: number;
}

export class Detector {
  readonly stats: DetectorStats = { events: 0, matchedEvents: 0, hits: 0 };
  private readonly matcher: Matcher;

  constructor(readonly rules: CompiledRule[]) {
    this.matcher = new Matcher(rules);
  }

  /** Hits for one event, in rule load order. */
  process(event: NormalizedEvent): Hit[] {
    this.stats.events++;
    const matched = this.matcher.match(event);
    if (matched.length === 0) return [];
    this.stats.matchedEvents++;
    const hits: Hit[] = matched.map((rule) => this.detectionHit(rule, event));
    this.stats.hits += hits.length;
    return hits;
  }

  /** Hits still pending at end of input (correlation windows closing). */
  flush(): Hit[] {
    return [];
  }

  private detectionHit(rule: CompiledRule, event: NormalizedEvent): DetectionHit {
    const ms = eventTimeMs(event);
    const hit: DetectionHit = {
      kind: 'detection',
      rule: rule.summary,
      // Memoized per rule tags array and RuleName: a lookup after the rule's first hit.
      attack: resolveAttackForEvent(rule.summary.tags, event),
      event,
    };
    if (ms !== undefined) hit.time = new Date(ms).toISOString();
    if (typeof event.Computer === 'string') hit.computer = event.Computer;
    const source = provenanceOf(event);
    if (source) hit.source = source;
    return hit;
  }
}
