/**
 * Live states of one store, keyed, in activity order (a Map keeps insertion order; touching an entry
 * re-inserts it at the back). The front is then the oldest activity: expiry sweeps and oldest-first
 * eviction read it from there, and a lower bound of the next expiry keeps sweeps free until then.
 */
export class ActivityMap<V> {
  private readonly map = new Map<string, V>();
  /** No entry expires before this (a lower bound, exact after a sweep). */
  private expiresFrom = Infinity;

  /** `timeOf`: the activity time of an entry; it expires once `timeOf + span` is behind the watermark. */
  constructor(
    private readonly timeOf: (value: V) => number,
    private readonly span: number,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  /** Adds or moves the entry to the back; its activity time must already be set. */
  touch(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size === 1) this.expiresFrom = this.timeOf(value) + this.span;
    else this.expiresFrom = Math.min(this.expiresFrom, this.timeOf(value) + this.span);
  }

  delete(key: string): boolean {
    return this.map.delete(key);
  }

  /** Calls `drop` for every entry whose activity is older than `watermarkMs − span`, oldest first. */
  expire(watermarkMs: number, drop: (key: string) => void): void {
    if (watermarkMs <= this.expiresFrom) return;
    this.expiresFrom = Infinity;
    for (const [key, value] of this.map) {
      const until = this.timeOf(value) + this.span;
      if (until >= watermarkMs) {
        this.expiresFrom = until;
        return;
      }
      drop(key);
    }
  }

  /** The oldest entry, or undefined when empty. */
  oldest(): [key: string, value: V] | undefined {
    for (const entry of this.map) return entry;
    return undefined;
  }

  oldestTime(): number {
    const oldest = this.oldest();
    return oldest ? this.timeOf(oldest[1]) : Infinity;
  }

  entries(): IterableIterator<[string, V]> {
    return this.map.entries();
  }
}
