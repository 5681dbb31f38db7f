/**
 * One correlation type = one module with this shape (the ajv-keyword pattern), registered in
 * index.ts. The store keeps each group's window of entries; the type says what an entry
 * contributes and measures the window incrementally where it can.
 */
import type { ResolvedCorrelationRule } from '../../sigma/correlation/model.js';
import type { Hit } from '../../hit.js';

export interface Entry {
  /** Event time (ms) of the contributing hit. */
  t: number;
  /** Index of the reference in `rule.rules` the hit came through. */
  r: number;
  /** What the hit contributes (a distinct-value key, a number, or true). */
  v: unknown;
  hit: Hit;
}

export interface TypeContext {
  rule: ResolvedCorrelationRule;
  /** `condition.field` per reference, aliases applied. */
  valueFields: string[][];
}

export interface CorrelationTypeDef {
  /** What the hit contributes, or undefined when it does not count (missing field, not a number). */
  contribution(hit: Hit, ref: number, ctx: TypeContext): unknown;
  /** Incremental aggregate of a window; `undefined` for types that measure the entries directly. */
  create(ctx: TypeContext): unknown;
  add(aggregate: unknown, entry: Entry): void;
  remove(aggregate: unknown, entry: Entry): void;
  /** The value compared with the threshold, over the window `entries[head..]`. */
  measure(aggregate: unknown, entries: readonly Entry[], head: number, ctx: TypeContext): number;
  /** Temporal types: which references count as seen in the window, for string conditions. */
  seen?(aggregate: unknown, entries: readonly Entry[], head: number, ctx: TypeContext): boolean[];
}
