/**
 * Sequences: our Sigma-style documents with a top-level `sequence:` key (README "Sequences").
 * Ordered steps joined by key, within `maxspan`, with `until`, `runs` and a missing last step.
 */
import type { Location } from '../../diagnostics.js';
import type { RuleMeta } from '../correlation/model.js';

/** A reference to the rule whose hits drive a step (or `until`). */
export interface StepSource {
  /** Rule id or name as written, or the generated name of the hidden rule of an inline detection. */
  ref: string;
  /** True for an inline `detection` (compiled into a hidden rule that never emits standalone hits). */
  inline: boolean;
  /** Join key fields read from this step's events; positionally equal across steps. */
  by: string[];
  where: Location;
  /** Filled by resolveReferences: the hit key of the referenced rule. */
  target?: string;
}

export interface SequenceStep extends StepSource {
  name: string;
  /** Matches of this step needed (same key, in order) before the next step. */
  runs: number;
  /** A missing step: the sequence fires when no such event follows within maxspan. Last step only. */
  missing: boolean;
}

export interface SequenceRule extends RuleMeta {
  kind: 'sequence';
  maxspanMs: number;
  maxspan: string;
  steps: SequenceStep[];
  /** Cancels the pending sequences of its key. */
  until?: StepSource;
}

export type ResolvedSequenceRule = SequenceRule & {
  steps: Array<SequenceStep & { target: string }>;
  until?: StepSource & { target: string };
};
