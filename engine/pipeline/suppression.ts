/**
 * `run --suppress FIELDS --suppress-window DUR`: one detection hit per rule and field values per
 * window of event time; the others are counted on that hit (`suppressed`) and in total. A hit is held
 * until its window has passed in event time (or the input ends), so its count is complete when it is
 * written; hits of other keys may be written before it. Correlation hits and hits without a time
 * pass at once.
 */
import { DeadlineHeap } from '../correlate/heap.js';
import type { DetectionHit, Hit } from '../hit.js';

export interface SuppressionOptions {
  /** Event fields whose values, with the rule, make the key (`Computer`, `User`, `Image`, ...). */
  fields: readonly string[];
  windowMs: number;
}

interface Held {
  /** When the window closes (event time, ms). */
  due: number;
  key: string;
  hit: DetectionHit;
}

export class Suppressor {
  /** Hits left out so far (counted on the hits that were written). */
  suppressed = 0;
  private readonly open = new Map<string, Held>();
  private readonly closing = new DeadlineHeap<Held>();

  constructor(private readonly options: SuppressionOptions) {}

  /** The hits to write now: those whose window closed before this hit's time, then this one if it passes. */
  push(hit: Hit): Hit[] {
    const ms = hit.time === undefined ? undefined : Date.parse(hit.time);
    const out = ms === undefined ? [] : this.release(ms);
    if (hit.kind !== 'detection' || ms === undefined || Number.isNaN(ms)) {
      out.push(hit);
      return out;
    }
    const key = [hit.rule.id ?? `${hit.rule.path}#${hit.rule.title}`, ...this.options.fields.map((f) => String(hit.event[f] ?? ''))].join('\u0000');
    const held = this.open.get(key);
    if (held) {
      held.hit.suppressed = (held.hit.suppressed ?? 0) + 1;
      this.suppressed++;
      return out;
    }
    const entry = { due: ms + this.options.windowMs, key, hit };
    this.open.set(key, entry);
    this.closing.push(entry);
    return out;
  }

  /** End of input: every held hit. */
  flush(): Hit[] {
    return this.release(Infinity);
  }

  private release(nowMs: number): Hit[] {
    const out: Hit[] = [];
    for (let top = this.closing.peek(); top && top.due <= nowMs; top = this.closing.peek()) {
      this.closing.pop();
      this.open.delete(top.key);
      out.push(top.hit);
    }
    return out;
  }
}
