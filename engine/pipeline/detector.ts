/**
 * The detection pipeline the library exposes: normalized events in, hits out. It wires the
 * stages of DESIGN.md in one direction: rule index → compiled predicates → base hits →
 * correlator → ATT&CK enrichment. Nothing here parses input or formats output.
 */
import { resolveAttackForEvent } from '../attack/resolve.js';
import type { Correlator, CorrelatorInput, CorrelatorOptions } from '../correlate/correlator.js';
import { correlatorInput } from '../correlate/input.js';
import { eventTimeMs, provenanceOf, type NormalizedEvent } from '../event.js';
import type { CompiledRule } from '../match/compile.js';
import { matchedSearches } from '../match/explain.js';
import { Matcher } from '../match/matcher.js';
import type { CorrelationHit, DetectionHit, Hit } from '../hit.js';
import type { CorrelationSet } from '../sigma/correlation/load.js';
import { detectionHitId } from './hit-id.js';
import { isSuppressed } from '../sigma/correlation/model.js';
import { CorrelationStage, hasCorrelations } from './correlation-stage.js';

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
  /**
   * The caller runs the correlation stage itself (a sharded run's final stage): `detect` then
   * hands out each event's correlator input, and `process` returns detections only.
   */
  detachedCorrelations?: boolean;
  /**
   * The correlations and sequences evaluated inline when not all of `correlations` are (a NATS
   * worker evaluates the host-local ones; the others are re-keyed, see pipeline/rekey.ts). `detect`
   * still hands out correlator inputs for all of them.
   */
  inlineCorrelations?: Pick<CorrelationSet, 'correlations' | 'sequences'>;
}

/** One event's detection outcome: its printed hits, and what the correlation stage must see of it. */
export interface DetectOutcome {
  hits: DetectionHit[];
  /** Undefined when there are no correlations or the event cannot matter to them. */
  correlatorInput: CorrelatorInput | undefined;
}

export class Detector {
  readonly stats: DetectorStats = { events: 0, matchedEvents: 0, hits: 0, correlationHits: 0 };
  /** Present when there is at least one correlation or sequence: its stats, snapshot and restore. */
  readonly correlator: Correlator | undefined;
  private readonly stage: CorrelationStage | undefined;
  /** Correlator inputs are built (for the inline stage or for the caller's). */
  private readonly correlated: boolean;
  private readonly matcher: Matcher;
  /** Rules whose detections only feed correlations (`generate: false`, inline sequence steps). */
  private readonly silent: ReadonlySet<CompiledRule>;
  private readonly explain: boolean;

  constructor(readonly rules: CompiledRule[], options: DetectorOptions = {}) {
    this.explain = options.explain ?? false;
    this.matcher = new Matcher(rules);
    const set = options.correlations;
    this.silent = new Set(set ? rules.filter((r) => isSuppressed(r.summary, set.suppressed)) : []);
    this.correlated = hasCorrelations(set);
    const inline = options.inlineCorrelations ?? set;
    if (this.correlated && !options.detachedCorrelations && hasCorrelations(inline)) this.stage = new CorrelationStage(inline!, options.correlator);
    this.correlator = this.stage?.correlator;
  }

  /** Hits for one event: its printed detections in rule load order, then any correlations it completed. */
  process(event: NormalizedEvent): Hit[] {
    const { hits, correlatorInput: input } = this.detect(event);
    return input ? this.correlate(hits, input) : hits;
  }

  /** The correlation half of `process`: `printed` followed by the correlation hits `input` completed. */
  correlate(printed: DetectionHit[], input: CorrelatorInput): Hit[] {
    if (!this.stage) return printed;
    return this.withCorrelations(printed, this.stage.push(input));
  }

  /** The detection half of `process`: printed detections and the event's correlator input. */
  detect(event: NormalizedEvent): DetectOutcome {
    this.stats.events++;
    const matched = this.matcher.match(event);
    let printed: DetectionHit[] = NO_DETECTIONS;
    let base: DetectionHit[] = NO_DETECTIONS;
    if (matched.length > 0) {
      this.stats.matchedEvents++;
      // Time, host and source are the event's: read them once, however many rules matched.
      const ms = eventTimeMs(event);
      const time = ms === undefined ? undefined : new Date(ms).toISOString();
      base = matched.map((rule) => this.detectionHit(rule, event, time));
      printed = this.silent.size === 0 ? base : base.filter((_, i) => !this.silent.has(matched[i]));
      // Only printed hits are named now; hits that only feed correlations are named if one fires.
      for (const hit of printed) hit.id = detectionHitId(hit);
    }
    this.stats.hits += printed.length;
    return { hits: printed, correlatorInput: this.correlated ? correlatorInput(event, base) : undefined };
  }

  /**
   * The producer's event time moved on without an event for this detector (a heartbeat of an idle
   * partition): windows and sequences due before it (less the out-of-order tolerance) are decided.
   */
  advance(timeMs: number): Hit[] {
    if (!this.stage) return [];
    return this.withCorrelations([], this.stage.push({ timeMs, hits: [] }));
  }

  /** End of input: correlation windows and pending sequences decided in event time. */
  flush(): Hit[] {
    if (!this.stage) return [];
    return this.withCorrelations([], this.stage.flush());
  }

  private withCorrelations(out: Hit[], fired: CorrelationHit[]): Hit[] {
    if (fired.length === 0) return out;
    this.stats.correlationHits += fired.length;
    this.stats.hits += fired.length;
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

const NO_DETECTIONS: DetectionHit[] = [];
