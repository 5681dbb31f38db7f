/**
 * What a later stage derives from one parsed rule alone (match/: its prefilter literals, whether
 * it compiles), memoized per rule object. The rule cache (rule-cache.ts) keeps the memos it is
 * given beside each rule, so a warm start restores them instead of deriving them again. A rule
 * object made from another (a filter applied) is a new key: its memo is derived afresh.
 */
import type { SigmaRule } from './model.js';

export interface RuleMemoCodec<T, Stored> {
  /** The storable part of a value (JSON: no undefined inside arrays, no BigInt). */
  store(value: T): Stored;
  /** A value back from its stored part, for `rule`. */
  restore(stored: Stored, rule: SigmaRule): T;
}

export class RuleMemo<T, Stored = T> implements StorableMemo {
  private readonly values = new WeakMap<SigmaRule, T>();
  /** Stored values restored from a cache, decoded on first `get` (many rules are never asked). */
  private readonly restored = new WeakMap<SigmaRule, Stored>();

  /** `name` keys the stored value in the cache: change it when what `derive` computes changes. */
  constructor(
    readonly name: string,
    private readonly derive: (rule: SigmaRule) => T,
    private readonly codec?: RuleMemoCodec<T, Stored>,
  ) {}

  get(rule: SigmaRule): T {
    let value = this.values.get(rule);
    if (value === undefined) {
      value = this.restored.has(rule) ? this.decode(this.restored.get(rule) as Stored, rule) : this.derive(rule);
      this.restored.delete(rule);
      this.values.set(rule, value);
    }
    return value;
  }

  /** The storable form of this rule's value (derived now if it was not yet). */
  stored(rule: SigmaRule): Stored {
    const value = this.get(rule);
    return this.codec ? this.codec.store(value) : (value as unknown as Stored);
  }

  /** Take a stored value as this rule's (a warm start); it is decoded when first asked for. */
  restore(rule: SigmaRule, stored: Stored): void {
    this.restored.set(rule, stored);
  }

  private decode(stored: Stored, rule: SigmaRule): T {
    return this.codec ? this.codec.restore(stored, rule) : (stored as unknown as T);
  }
}

/** What the rule cache needs of a memo, whatever its value type. */
export interface StorableMemo {
  readonly name: string;
  stored(rule: SigmaRule): unknown;
  restore(rule: SigmaRule, stored: unknown): void;
}
