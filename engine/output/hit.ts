/**
 * The hit: the contract with every consumer (DESIGN.md). One JSON object per line on stdout.
 * Its JSON Schema is engine/output/hit.schema.json; tests validate real hits against it.
 */
import type { AttackInfo } from '../attack/types.js';
import type { NormalizedEvent, Provenance } from '../events/event.js';

/** What a hit says about the rule that produced it. `author` is kept as the SigmaHQ rule licence (DRL 1.1) asks. */
export interface RuleSummary {
  id?: string;
  name?: string;
  title: string;
  level?: string;
  status?: string;
  author?: string;
  tags: string[];
  /** Rule file path as loaded. */
  path: string;
}

export interface DetectionHit {
  kind: 'detection';
  rule: RuleSummary;
  attack: AttackInfo;
  /** Event time, ISO 8601 UTC, when the event has one. */
  time?: string;
  computer?: string;
  event: NormalizedEvent;
  source?: Provenance;
  /** With `run --explain`: the search identifiers that matched. */
  matched?: string[];
}

export interface CorrelationHit {
  kind: 'correlation';
  rule: RuleSummary;
  attack: AttackInfo;
  /** Correlation type: event_count, value_count, temporal, temporal_ordered, value_sum, ..., or `sequence`. */
  correlation: {
    type: string;
    /** group-by field → value */
    group: Record<string, string>;
    /** Aggregate that met the condition (count, distinct count, sum, ...), where the type has one. */
    value?: number;
    /** Window actually spanned by the contributing hits. */
    first: string;
    last: string;
  };
  time: string;
  computer?: string;
  /** The base (or inner correlation) hits that completed it, in time order. */
  hits: Array<DetectionHit | CorrelationHit>;
}

export type Hit = DetectionHit | CorrelationHit;
