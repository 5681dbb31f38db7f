/**
 * A memo table with a hard cap. Keys here come from rule tags and event RuleNames, which are few in
 * practice, but events are untrusted input: past the cap the table starts over rather than grow.
 */
export class BoundedCache<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly cap: number) {}

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, value: V): V {
    if (this.map.size >= this.cap) this.map.clear();
    this.map.set(key, value);
    return value;
  }

  clear(): void {
    this.map.clear();
  }
}
