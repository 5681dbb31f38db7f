/**
 * Live state of one Sigma correlation: a window of entries per group (README "Correlations").
 *
 * - Conditions with only lower bounds (gt/gte, plain temporal) are decided on arrival over the sliding
 *   window [t − timespan, t]. On firing the group is reset: its events are consumed, and it fires again
 *   only when new events meet the condition again. Idle groups expire once their last event has left
 *   the window. The group map is kept in last-activity order (re-inserted on every event), so expiry
 *   and oldest-first eviction read it from the front.
 * - Conditions with an upper bound, eq/neq or `not` are decided when the window closes: the window
 *   opens at the group's first event t0 and holds events up to t0 + timespan inclusive; once event time
 *   passes that, the condition is evaluated once (fire or not) and the group is dropped. The map is
 *   then in window-open order, which is also deadline order.
 */
import type { ResolvedCorrelationRule } from '../sigma/correlation/model.js';
import { ruleKey } from '../sigma/correlation/model.js';
import type { Hit } from '../hit.js';
import { decidedAtClose, expressionHolds, thresholdHolds } from './condition.js';
import { ActivityMap } from './activity-map.js';
import { correlationHit } from './hit.js';
import { GuidIndex, groupFieldsOf, keyOf, keyValues } from './keys.js';
import type { Emit, StateBudget, StateStore } from './store.js';
import { correlationTypes } from './types/index.js';
import type { CorrelationTypeDef, Entry, TypeContext } from './types/type.js';

interface Group {
  entries: Entry[];
  /** Entries before `head` have left the sliding window (compacted lazily). */
  head: number;
  aggregate: unknown;
  /** Window open time (close-decided) / last event time (arrival-decided). */
  start: number;
  last: number;
}

type SnapshotGroup = [key: string, start: number, last: number, entries: Array<[t: number, r: number, v: unknown, hit: Hit]>];

export class CorrelationStore implements StateStore {
  readonly key: string;
  readonly signature: string;
  readonly subscriptions: Array<{ target: string; slot: number }>;
  readonly timed: boolean;
  private readonly groups: ActivityMap<Group>;
  private readonly def: CorrelationTypeDef;
  private readonly ctx: TypeContext;
  private readonly groupFields: string[][];
  private readonly guids: GuidIndex;
  private readonly span: number;

  constructor(
    private readonly rule: ResolvedCorrelationRule,
    private readonly budget: StateBudget,
  ) {
    this.key = ruleKey(rule);
    const { type, targets, groupBy, timespanMs, condition, aliases } = rule;
    this.signature = JSON.stringify({ type, targets, groupBy, timespanMs, condition, aliases });
    this.subscriptions = targets.map((target, slot) => ({ target, slot }));
    this.timed = decidedAtClose(condition);
    this.def = correlationTypes[type];
    const viaAlias = (field: string, ref: string) => aliases[field]?.[ref] ?? field;
    this.groupFields = groupFieldsOf(rule);
    const valueFields = condition.kind === 'threshold' ? condition.fields : [];
    this.ctx = { rule, valueFields: rule.rules.map((ref) => valueFields.map((field) => viaAlias(field, ref))) };
    this.guids = new GuidIndex(this.groupFields);
    this.span = timespanMs;
    // Arrival-decided groups are ordered by last event; window-close ones by opening (= deadline order).
    this.groups = new ActivityMap<Group>(this.timed ? (g) => g.start : (g) => g.last, timespanMs);
  }

  get size(): number {
    return this.groups.size;
  }

  accept(hit: Hit, timeMs: number, ref: number, emit: Emit): void {
    const key = keyOf(hit, this.groupFields[ref]);
    if (key === undefined) return; // group-by field missing: the event does not count (SIGMA.md §6.3)
    const v = this.def.contribution(hit, ref, this.ctx);
    if (v === undefined) return;
    const entry: Entry = { t: timeMs, r: ref, v, hit };
    let group = this.groups.get(key);
    if (!group) {
      // A one-element literal: an array grown by push() reserves 17 slots, which 1M groups pay for.
      group = { entries: [entry], head: 0, aggregate: this.def.create(this.ctx), start: timeMs, last: timeMs };
      this.groups.touch(key, group);
      this.guids.add(key);
      this.budget.added();
    } else {
      group.last = timeMs;
      if (!this.timed) {
        this.groups.touch(key, group);
        this.slide(group, timeMs - this.span);
      }
      group.entries.push(entry);
    }
    this.def.add(group.aggregate, entry);
    if (!this.timed) {
      const value = this.decide(group);
      if (value !== undefined) {
        this.drop(key);
        emit(this.hit(key, group, value, timeMs), timeMs);
      }
    }
  }

  nextDue(): number {
    return this.timed ? this.groups.oldestTime() + this.span : Infinity;
  }

  fireNext(emit: Emit): void {
    const oldest = this.groups.oldest();
    if (!oldest) return;
    const [key, group] = oldest;
    this.drop(key);
    const value = this.decide(group);
    const due = group.start + this.span;
    if (value !== undefined) emit(this.hit(key, group, value, due), due);
  }

  expire(watermarkMs: number): void {
    // Closed windows are decided by fireNext, never dropped undecided.
    if (!this.timed) this.groups.expire(watermarkMs, (key) => this.drop(key));
  }

  oldestTime(): number {
    return this.groups.oldestTime();
  }

  evictOldest(): void {
    const oldest = this.groups.oldest();
    if (oldest) this.drop(oldest[0]);
  }

  terminate(guid: string): number {
    // A window decided at close keeps its deadline: its outcome is known only then.
    if (this.timed) return 0;
    let ended = 0;
    for (const key of this.guids.keysFor(guid)) {
      if (this.groups.has(key)) {
        this.drop(key);
        ended++;
      }
    }
    return ended;
  }

  snapshot(): SnapshotGroup[] {
    return [...this.groups.entries()].map(([key, g]) => [key, g.start, g.last, g.entries.slice(g.head).map((e) => [e.t, e.r, e.v, e.hit])]);
  }

  restore(state: unknown): void {
    for (const [key, start, last, entries] of state as SnapshotGroup[]) {
      const group: Group = { entries: [], head: 0, aggregate: this.def.create(this.ctx), start, last };
      for (const [t, r, v, hit] of entries) {
        const entry = { t, r, v, hit };
        group.entries.push(entry);
        this.def.add(group.aggregate, entry);
      }
      this.groups.touch(key, group);
      this.guids.add(key);
      this.budget.added();
    }
  }

  private drop(key: string): void {
    this.groups.delete(key);
    this.guids.remove(key);
    this.budget.removed();
  }

  /** Removes entries older than `from` from the sliding window. */
  private slide(group: Group, from: number): void {
    const { entries } = group;
    while (group.head < entries.length && entries[group.head].t < from) {
      this.def.remove(group.aggregate, entries[group.head]);
      group.head++;
    }
    if (group.head > 16 && group.head * 2 > entries.length) {
      group.entries = entries.slice(group.head);
      group.head = 0;
    }
  }

  /** The measured value when the condition holds, else undefined. */
  private decide(group: Group): number | undefined {
    const { condition } = this.rule;
    const measured = this.def.measure(group.aggregate, group.entries, group.head, this.ctx);
    if (condition.kind === 'threshold') return thresholdHolds(condition.comparisons, measured) ? measured : undefined;
    const seen = this.def.seen!(group.aggregate, group.entries, group.head, this.ctx);
    return expressionHolds(condition, this.rule.rules, seen) ? measured : undefined;
  }

  private hit(key: string, group: Group, value: number, timeMs: number) {
    const window = group.entries.slice(group.head);
    return correlationHit(
      this.rule,
      this.rule.type,
      keyValues(key, this.rule.groupBy),
      value,
      window.map((e) => e.hit),
      window.map((e) => e.t),
      timeMs,
    );
  }
}
