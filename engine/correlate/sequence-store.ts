/**
 * Live state of one sequence rule (README "Sequences"), per join key.
 *
 * A partial match waits at the step it needs next. Per key and step there is at most one partial:
 * a newer one replaces an older one (the newer start is the one most likely to complete within
 * maxspan, as in EQL), except at a missing step, where the pending partial stays until its deadline
 * (so a key fires at most once per maxspan) and the newer one is dropped. Steps are tried from the
 * last to the first, so one event never advances a partial by two steps. A first step with `runs`
 * slides: its matches older than maxspan are forgotten. `until` drops every partial of its key
 * before the event's steps are tried. A missing step fires when event time has passed
 * start + maxspan without a matching event (an event exactly at the deadline still cancels).
 */
import type { ResolvedSequenceRule } from '../sigma/sequence/model.js';
import { ruleKey } from '../sigma/correlation/model.js';
import type { Hit } from '../hit.js';
import { ActivityMap } from './activity-map.js';
import { DeadlineHeap } from './heap.js';
import { correlationHit } from './hit.js';
import { GuidIndex, keyOf, keyValues } from './keys.js';
import type { Emit, StateBudget, StateStore } from './store.js';

interface Partial {
  times: number[];
  hits: Hit[];
  /** Matches of the step it waits at (steps after the first). */
  runs: number;
}

interface KeyState {
  touched: number;
  /** parts[s] waits for step s. */
  parts: Array<Partial | undefined>;
}

interface Deadline {
  due: number;
  key: string;
  part: Partial;
}

interface Subscription {
  /** Step indexes fed by the target, last first. */
  steps: number[];
  until: boolean;
}

type SnapshotKey = [key: string, touched: number, parts: Array<[step: number, times: number[], hits: Hit[], runs: number]>];

export class SequenceStore implements StateStore {
  readonly key: string;
  readonly signature: string;
  readonly subscriptions: Array<{ target: string; slot: number }> = [];
  readonly timed: boolean;
  private readonly slots: Subscription[] = [];
  private readonly states: ActivityMap<KeyState>;
  private readonly deadlines = new DeadlineHeap<Deadline>();
  private readonly guids: GuidIndex;
  private readonly span: number;
  private readonly last: number;

  constructor(
    private readonly rule: ResolvedSequenceRule,
    private readonly budget: StateBudget,
  ) {
    this.key = ruleKey(rule);
    const { steps, until, maxspanMs } = rule;
    this.signature = JSON.stringify({
      maxspanMs,
      steps: steps.map(({ target, by, runs, missing }) => ({ target, by, runs, missing })),
      until: until && { target: until.target, by: until.by },
    });
    this.span = maxspanMs;
    this.states = new ActivityMap<KeyState>((state) => state.touched, maxspanMs);
    this.last = steps.length - 1;
    this.timed = steps[this.last].missing;
    const slotOf = (target: string): Subscription => {
      const found = this.subscriptions.find((s) => s.target === target);
      if (found) return this.slots[found.slot];
      this.subscriptions.push({ target, slot: this.slots.length });
      this.slots.push({ steps: [], until: false });
      return this.slots[this.slots.length - 1];
    };
    for (let s = steps.length - 1; s >= 0; s--) slotOf(steps[s].target).steps.push(s);
    if (until) slotOf(until.target).until = true;
    this.guids = new GuidIndex([...steps.map((s) => s.by), ...(until ? [until.by] : [])]);
  }

  get size(): number {
    return this.states.size;
  }

  accept(hit: Hit, timeMs: number, slot: number, emit: Emit): void {
    const subscription = this.slots[slot];
    if (subscription.until) {
      const key = keyOf(hit, this.rule.until!.by);
      if (key !== undefined && this.states.has(key)) this.drop(key);
    }
    for (const s of subscription.steps) this.step(s, hit, timeMs, emit);
  }

  private step(s: number, hit: Hit, t: number, emit: Emit): void {
    const step = this.rule.steps[s];
    const key = keyOf(hit, step.by);
    if (key === undefined) return;
    let state = this.states.get(key);
    if (step.missing) {
      // The awaited event came: this partial will not fire.
      if (state?.parts[s]) this.clear(key, state, s);
      return;
    }
    let part: Partial;
    if (s === 0) {
      const waiting = state?.parts[0];
      if (waiting) {
        while (waiting.times.length > 0 && waiting.times[0] < t - this.span) {
          waiting.times.shift();
          waiting.hits.shift();
        }
        waiting.times.push(t);
        waiting.hits.push(hit);
        part = waiting;
      } else {
        // One-element literals: arrays grown by push() reserve 17 slots, which 1M pending keys pay for.
        part = { times: [t], hits: [hit], runs: 0 };
      }
      if (part.times.length < step.runs) {
        state ??= this.create(key);
        state.parts[0] = part;
        this.touch(key, state, t);
        return;
      }
      if (state?.parts[0]) this.clear(key, state, 0);
    } else {
      const waiting = state?.parts[s];
      if (!state || !waiting) return;
      if (t - waiting.times[0] > this.span) {
        this.clear(key, state, s);
        return;
      }
      waiting.times.push(t);
      waiting.hits.push(hit);
      if (++waiting.runs < step.runs) {
        this.touch(key, state, t);
        return;
      }
      this.clear(key, state, s);
      part = waiting;
    }
    part.runs = 0;
    if (s === this.last) {
      emit(this.hit(key, part, t), t);
      return;
    }
    state = this.states.get(key) ?? this.create(key);
    const next = s + 1;
    if (this.rule.steps[next].missing) {
      if (state.parts[next]) return;
      this.deadlines.push({ due: part.times[0] + this.span, key, part });
    }
    state.parts[next] = part;
    this.touch(key, state, t);
  }

  nextDue(): number {
    for (let top = this.deadlines.peek(); top; top = this.deadlines.peek()) {
      if (this.states.get(top.key)?.parts[this.last] === top.part) return top.due;
      this.deadlines.pop(); // cancelled, evicted or dropped since
    }
    return Infinity;
  }

  fireNext(emit: Emit): void {
    if (this.nextDue() === Infinity) return;
    const { due, key, part } = this.deadlines.pop()!;
    this.clear(key, this.states.get(key)!, this.last);
    emit(this.hit(key, part, due), due);
  }

  expire(watermarkMs: number): void {
    this.states.expire(watermarkMs, (key) => this.drop(key));
  }

  oldestTime(): number {
    return this.states.oldestTime();
  }

  evictOldest(): void {
    const oldest = this.states.oldest();
    if (oldest) this.drop(oldest[0]);
  }

  terminate(guid: string): number {
    let ended = 0;
    for (const key of this.guids.keysFor(guid)) {
      const state = this.states.get(key);
      if (!state) continue;
      // A pending missing step keeps its deadline: the absence is decided in event time, never early.
      for (let s = 0; s < state.parts.length; s++) {
        if (state.parts[s] && !this.rule.steps[s].missing) {
          this.clear(key, state, s);
          ended++;
        }
      }
    }
    return ended;
  }

  snapshot(): SnapshotKey[] {
    return [...this.states.entries()].map(([key, state]) => [
      key,
      state.touched,
      state.parts.flatMap((p, s) => (p ? [[s, p.times, p.hits, p.runs] as [number, number[], Hit[], number]] : [])),
    ]);
  }

  restore(snapshot: unknown): void {
    for (const [key, touched, parts] of snapshot as SnapshotKey[]) {
      const state = this.create(key);
      this.touch(key, state, touched);
      for (const [s, times, hits, runs] of parts) {
        const part = { times, hits, runs };
        state.parts[s] = part;
        if (s === this.last && this.timed) this.deadlines.push({ due: times[0] + this.span, key, part });
      }
    }
  }

  /** A new key state; the caller touches it with the event's time. */
  private create(key: string): KeyState {
    const state: KeyState = { touched: -Infinity, parts: new Array<Partial | undefined>(this.rule.steps.length) };
    this.guids.add(key);
    this.budget.added();
    return state;
  }

  /** Moves the key to the back of the activity order. */
  private touch(key: string, state: KeyState, t: number): void {
    state.touched = t;
    this.states.touch(key, state);
  }

  /** Removes the partial waiting at step s, and the key when nothing else waits. */
  private clear(key: string, state: KeyState, s: number): void {
    state.parts[s] = undefined;
    if (!state.parts.some(Boolean)) this.drop(key);
  }

  private drop(key: string): void {
    if (!this.states.delete(key)) return;
    this.guids.remove(key);
    this.budget.removed();
  }

  private hit(key: string, part: Partial, timeMs: number) {
    return correlationHit(this.rule, 'sequence', keyValues(key, this.rule.steps[0].by), undefined, part.hits, part.times, timeMs);
  }
}
