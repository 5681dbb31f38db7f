/**
 * The hit: the contract with every consumer (DESIGN.md), on the ground floor because the pipeline and
 * the correlator produce it and writers, reports and tests consume it. Its JSON Schema is
 * engine/hit.schema.json; tests validate real hits against it. The ATT&CK info a hit carries is part
 * of the contract too (engine/attack/ fills it from the catalog in the top-level attack/ folder).
 */
import type { NormalizedEvent, Provenance } from './event.js';

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
  /** Stable across runs: the same rule on the same event (pipeline/hit-id.ts). */
  id?: string;
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
  /** Stable across runs: rule, group and the ids of the hits that completed it (pipeline/hit-id.ts). */
  id?: string;
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

export interface TacticRef {
  /** `TA0002` */
  id: string;
  /** `Execution` */
  name: string;
  /** `execution` (the Sigma tag form) */
  shortname?: string;
}

export interface TechniqueRef {
  /** `T1059.001` */
  id: string;
  name: string;
  tactics: TacticRef[];
  /** The parent technique of a sub-technique. */
  parent?: { id: string; name: string };
  url?: string;
  /** Where this technique came from: the rule's tags, or the event's Sysmon `RuleName`. */
  source: 'tag' | 'rulename';
  /**
   * Set only when more than one source named this technique (the rule's tags and the event's RuleName):
   * both, in that order. `source` is then the first of them.
   */
  sources?: Array<'tag' | 'rulename'>;
  /** Catalog status when it is not plain active: remapped from a revoked id, deprecated, or not in the catalog. */
  status?: 'revoked' | 'deprecated' | 'unknown';
  /** For a revoked id: the id as written in the rule or event (this entry then describes its replacement). */
  originalId?: string;
  /** For a v18 id whose meaning moved in ATT&CK v19 (T1562.004): the v19 technique that replaces it (T1686). */
  successor?: { id: string; name: string; tactics: TacticRef[]; url?: string };
}

/** An ATT&CK group (`G0016`) or software (`S0002`) a rule is tagged with. */
export interface AttackObjectRef {
  id: string;
  /** The ATT&CK name; `(not in ATT&CK 18.1)` for an id the data lacks. */
  name: string;
  url?: string;
}

export interface AttackInfo {
  techniques: TechniqueRef[];
  tactics: TacticRef[];
  /** Set only when the rule is tagged with groups (`attack.g0016`). */
  groups?: AttackObjectRef[];
  /** Set only when the rule is tagged with software (`attack.s0002`). */
  software?: AttackObjectRef[];
}
