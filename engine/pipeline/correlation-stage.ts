/**
 * The stage after detection: base hits (as correlator inputs) in, correlation and sequence hits
 * out, each with the ATT&CK of its rule merged with that of the hits that completed it. The
 * detector runs it inline; a sharded run (workers.ts) runs it once, on the main thread, over the
 * base hits of every worker in input order.
 */
import { mergeAttack } from '../attack/merge.js';
import { resolveAttack } from '../attack/resolve.js';
import { createCorrelator, type Correlator, type CorrelatorInput, type CorrelatorOptions } from '../correlate/correlator.js';
import type { CorrelationHit } from '../hit.js';
import { correlationHitId } from './hit-id.js';
import type { CorrelationSet } from '../sigma/correlation/load.js';

export class CorrelationStage {
  readonly correlator: Correlator;
  correlationHits = 0;

  constructor(set: Pick<CorrelationSet, 'correlations' | 'sequences'>, options?: CorrelatorOptions) {
    this.correlator = createCorrelator(set, options);
  }

  push(input: CorrelatorInput): CorrelationHit[] {
    return this.enrich(this.correlator.push(input));
  }

  /** End of input: correlation windows and pending sequences decided in event time. */
  flush(): CorrelationHit[] {
    return this.enrich(this.correlator.flush());
  }

  private enrich(fired: CorrelationHit[]): CorrelationHit[] {
    this.correlationHits += fired.length;
    for (const hit of fired) {
      hit.attack = mergeAttack([resolveAttack(hit.rule.tags), ...hit.hits.map((h) => h.attack)]);
      hit.id = correlationHitId(hit);
    }
    return fired;
  }
}

/** Whether a correlation set has anything to evaluate. */
export function hasCorrelations(set: Pick<CorrelationSet, 'correlations' | 'sequences'> | undefined): boolean {
  return set !== undefined && set.correlations.length + set.sequences.length > 0;
}
