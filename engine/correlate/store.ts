/**
 * The interface of a rule's live state (one store per correlation or sequence rule), and the
 * budget that caps live state across all stores.
 */
import type { CorrelationHit, Hit } from '../hit.js';

/** Called by a store when its rule fires, with the event time of the firing. */
export type Emit = (hit: CorrelationHit, timeMs: number) => void;

export interface StateStore {
  /** ruleKey of the rule, to match snapshots. */
  readonly key: string;
  /** Live states: open groups (correlations) or keys with pending sequences. */
  readonly size: number;
  /** Which hit keys feed this store, and the slot handed back to accept() for each. */
  readonly subscriptions: ReadonlyArray<{ target: string; slot: number }>;
  /** True when the store makes decisions at deadlines (window close, missing step). */
  readonly timed: boolean;
  accept(hit: Hit, timeMs: number, slot: number, emit: Emit): void;
  /** Earliest pending deadline; it is decided once event time has passed it. Infinity if none. */
  nextDue(): number;
  /** Decide the earliest deadline (fire or drop). */
  fireNext(emit: Emit): void;
  /** Drop state that no event at or after `watermarkMs` can change. */
  expire(watermarkMs: number): void;
  /** Last-activity time of the oldest state, Infinity when empty. */
  oldestTime(): number;
  evictOldest(): void;
  /** The process with this ProcessGuid ended: drop state keyed by it that waits for more events. */
  terminate(guid: string): number;
  /** A description of the rule's semantics; a snapshot taken under another one is not restored. */
  readonly signature: string;
  snapshot(): unknown;
  restore(state: unknown): void;
}

/** Counts live states across stores and asks for an eviction when the cap is exceeded. */
export class StateBudget {
  live = 0;
  constructor(
    private readonly max: number,
    private readonly evict: () => void,
  ) {}

  added(): void {
    if (++this.live > this.max) this.evict();
  }

  removed(count = 1): void {
    this.live -= count;
  }
}
