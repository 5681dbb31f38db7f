/**
 * The detection pipeline the library exposes: normalized events in, hits out. It wires the
 * stages of DESIGN.md in one direction: rule index → compiled predicates → base hits →
 * correlator → ATT&CK enrichment. Nothing here parses input or formats output.
 */
import { mergeAttack } from '../attack/merge.js';
import { resolveAttack, resolveAttackForEvent } from '../attack/resolve.js';
import { createCorrelator, type Correlator, type CorrelatorOptions } from '../correlate/correlator.js';
import { correlatorInput } from '../correlate/input.js';
import { eventTimeMs, provenanceOf, type NormalizedEvent } from '../event.js';
import type { CompiledRule } from '../match/compile.js';
import { matchedSearches } from '../match/explain.js';
import { Matcher } from '../match/matcher.js';
import type { CorrelationHit, DetectionHit, Hit } from '../hit.js';
import type { CorrelationSet } from '../sigma/correlation/load.js';
import { correlationHitId, detectionHitId } from './hit-id.js';
import { isSuppressed } from '../sigma/correlation/model.js';

export interface DetectorStats {
  events: number;
  /** Events with at least one base hit (printed or not). */
  matchedEvents: number;
  /** Hits written out: detections that are printed, plus correlation and sequence hits. */
  hits: number;
  correlationHits: number;
}

export interface DetectorOptions {
  /** Correlations and sequences over the base hits (from `loadCorrelations`). */
  correlations?: Pick<CorrelationSet, 'correlations' | 'sequences' | 'suppressed'>;
  correlator?: CorrelatorOptions;
  /** Name the search identifiers that matched on every detection hit (`run --explain`): slower. */
  explain?: boolean;
}

export class Detector {
  readonly stats: DetectorStats = { events: 0, matchedEvents: 0, hits: 0, correlationHits: 0 };
  /** Present when there is at least one correlation or sequence: its stats, snapshot and restore. */
  readonly correlator: Correlator | undefined;
  private readonly matcher: Matcher;
  /** Rules whose detections only feed correlations (`generate: false`, inline sequence steps). */
  private readonly silent: ReadonlySet<CompiledRule>;
  private readonly explain: boolean;

  constructor(readonly rules: CompiledRule[], options: DetectorOptions = {}) {
    this.explain = options.explain ?? false;
    this.matcher = new Matcher(rules);
    const set = options.correlations;
    this.silent = new Set(set ? rules.filter((r) => isSuppressed(r.summary, set.suppressed)) : []);
    if (set && set.correlations.length + set.sequences.length > 0) this.correlator = createCorrelator(set, options.correlator);
  }

  /** Hits for one event: its printed detections in rule load order, then any correlations it completed. */
  process(event: NormalizedEvent): Hit[] {
    this.stats.events++;
    const matched = this.matcher.match(event);
    let out: Hit[] = NO_HITS;
    let base: DetectionHit[] = NO_DETECTIONS;
    if (matched.length > 0) {
      this.stats.matchedEvents++;
      // Time, host and source are the event's: read them once, however many rules matched.
      const ms = eventTimeMs(event);
      const time = ms === undefined ? undefined : new Date(ms).toISOString();
      base = matched.map((rule) => this.detectionHit(rule, event, time));
      out = this.silent.size === 0 ? base : base.filter((_, i) => !this.silent.has(matched[i]));
      // Only printed hits are named now; hits that only feed correlations are named if one fires.
      for (const hit of out as DetectionHit[]) hit.id = detectionHitId(hit);
    }
    if (this.correlator) {
      const input = correlatorInput(event, base);
      if (input) out = this.withCorrelations(out, this.correlator.push(input));
    }
    this.stats.hits += out.length;
    return out;
  }

  /**
   * The producer's event time moved on without an event for this detector (a heartbeat of an idle
   * partition): windows and sequences due before it (less the out-of-order tolerance) are decided.
   */
  advance(timeMs: number): Hit[] {
    if (!this.correlator) return [];
    const out = this.withCorrelations([], this.correlator.push({ timeMs, hits: [] }));
    this.stats.hits += out.length;
    return out;
  }

  /** End of input: correlation windows and pending sequences decided in event time. */
  flush(): Hit[] {
    if (!this.correlator) return [];
    const out = this.withCorrelations([], this.correlator.flush());
    this.stats.hits += out.length;
    return out;
  }

  private withCorrelations(out: Hit[], fired: CorrelationHit[]): Hit[] {
    if (fired.length === 0) return out;
    this.stats.correlationHits += fired.length;
    for (const hit of fired) {
      hit.attack = mergeAttack([resolveAttack(hit.rule.tags), ...hit.hits.map((h) => h.attack)]);
      hit.id = correlationHitId(hit);
    }
    return [...out, ...fired];
  }

  private detectionHit(rule: CompiledRule, event: NormalizedEvent, time: string | undefined): DetectionHit {
    const hit: DetectionHit = {
      kind: 'detection',
      rule: rule.summary,
      // Memoized per rule tags array and RuleName: a lookup after the rule's first hit.
      attack: resolveAttackForEvent(rule.summary.tags, event),
      event,
    };
    if (time !== undefined) hit.time = time;
    if (typeof event.Computer === 'string') hit.computer = event.Computer;
    const source = provenanceOf(event);
    if (source) hit.source = source;
    if (this.explain) hit.matched = matchedSearches(rule.rule, event);
    return hit;
  }
}

const NO_HITS: Hit[] = [];
const NO_DETECTIONS: DetectionHit[] = [];
