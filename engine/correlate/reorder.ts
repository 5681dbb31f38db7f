/**
 * The reorder buffer: inputs wait until the watermark (latest event time seen − max delay) passes
 * them, then leave in event-time order (arrival order among equal times).
 */
export class ReorderBuffer<T extends { timeMs: number }> {
  private items: T[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  insert(item: T): void {
    const items = this.items;
    // In-order input appends; otherwise binary search for the slot after equal times.
    if (items.length === this.head || items[items.length - 1].timeMs <= item.timeMs) {
      items.push(item);
      return;
    }
    let low = this.head;
    let high = items.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (items[mid].timeMs <= item.timeMs) low = mid + 1;
      else high = mid;
    }
    items.splice(low, 0, item);
  }

  /** The next item at or before `watermarkMs`, removed from the buffer. */
  takeUpTo(watermarkMs: number): T | undefined {
    if (this.head === this.items.length || this.items[this.head].timeMs > watermarkMs) return undefined;
    const item = this.items[this.head++];
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  contents(): T[] {
    return this.items.slice(this.head);
  }
}
