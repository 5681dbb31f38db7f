/**
 * The streaming correlator (README "Correlations and sequences"): base hits in, correlation and
 * sequence hits out, in event time. No parsing, no I/O.
 *
 * Event time: the pipeline pushes each event's time and base hits. Inputs wait in a reorder buffer
 * until the watermark (latest time seen − maxDelayMs) passes them and are then processed in time
 * order, so disorder within the tolerance is handled exactly. An input older than the watermark is
 * late: it is counted (stats.late) and not applied. Deadlines (window close, missing steps) are
 * decided once the watermark has passed them, in deadline order, before any later input.
 *
 * Two bounds keep one input from doing harm: with maxFutureMs, an input far ahead of the latest time
 * is held, and moves the watermark only when the next relevant input confirms the jump (a clock that
 * really moved on); an outlier that is not confirmed is dropped and counted as "future". And the
 * reorder buffer holds at most maxStates inputs: past that, the oldest is released early and the
 * watermark floor rises to it (later inputs older than it are late), so memory stays bounded.
 */
import type { Diagnostic } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';
import type { ResolvedCorrelationRule } from '../sigma/correlation/model.js';
import type { ResolvedSequenceRule } from '../sigma/sequence/model.js';
import type { CorrelationHit, DetectionHit, Hit } from '../hit.js';
import { CorrelationStore } from './correlation-store.js';
import { ReorderBuffer } from './reorder.js';
import { SequenceStore } from './sequence-store.js';
import { StateBudget, type Emit, type StateStore } from './store.js';

interface Consumer {
  store: StateStore;
  slot: number;
}

export interface CorrelatorOptions {
  /** Out-of-order tolerance in event time (ms). Hits are emitted this much behind. */
  maxDelayMs?: number;
  /** Hard cap on live states (open groups + keys with pending sequences). */
  maxStates?: number;
  /** End state keyed by a ProcessGuid when its ProcessTerminate (EventID 5) arrives. */
  terminateOnProcessExit?: boolean;
  /** How far ahead of the latest time one input may move the watermark unconfirmed (ms; default: no bound). */
  maxFutureMs?: number;
}

/** The one source of each default: the correlator uses it and the CLI's usage text prints it. */
export const CORRELATOR_DEFAULTS: Readonly<Required<CorrelatorOptions>> = {
  maxDelayMs: 5000,
  maxStates: 1_000_000,
  terminateOnProcessExit: true,
  maxFutureMs: Infinity,
};

export interface CorrelatorInput {
  /** Event time (ms since epoch). A non-finite time is taken as the latest time seen. */
  timeMs: number;
  /** Base hits; a correlation hit when another stage fired it (re-keyed chaining, pipeline/rekey.ts). */
  hits: readonly Hit[];
  /** ProcessGuid of a ProcessTerminate (EventID 5) event. */
  processTerminated?: string;
}

export interface CorrelatorStats {
  /** States dropped by the maxStates cap (oldest activity first). */
  evictions: number;
  /** Inputs with hits or a termination that arrived later than maxDelayMs behind the latest time; not applied. */
  late: number;
  /** States ended by ProcessTerminate. */
  terminated: number;
  /** Inputs more than maxFutureMs ahead of the latest time that no later input confirmed; not applied. */
  future: number;
  /** `future` by the host of the input's first hit. */
  futureByHost: Record<string, number>;
  /** Inputs released from a full reorder buffer before the watermark reached them. */
  forced: number;
  liveStates: number;
  /** Inputs waiting in the reorder buffer. */
  buffered: number;
}

export interface CorrelatorSnapshot {
  version: 1;
  maxSeenMs: number;
  buffer: CorrelatorInput[];
  stores: Record<string, { signature: string; state: unknown }>;
  counters: Counters;
  /** The held input that may be a future outlier (maxFutureMs), if any. */
  future?: CorrelatorInput | null;
  /** Inputs older than this are late: the buffer cap released one of this time early. */
  floorMs?: number | null;
}

interface Counters {
  evictions: number;
  late: number;
  terminated: number;
  future?: number;
  forced?: number;
  futureByHost?: Record<string, number>;
}

export interface Correlator {
  push(input: CorrelatorInput): CorrelationHit[];
  /** End of input: releases the buffer and decides every pending deadline. */
  flush(): CorrelationHit[];
  snapshot(): CorrelatorSnapshot;
  /** Continues from a snapshot (call it before the first push); state of rules that are gone or changed is dropped with a warning. */
  restore(snapshot: unknown): Diagnostic[];
  readonly stats: CorrelatorStats;
}

export function createCorrelator(
  rules: { correlations: readonly ResolvedCorrelationRule[]; sequences: readonly ResolvedSequenceRule[] },
  options: CorrelatorOptions = {},
): Correlator {
  const maxDelayMs = options.maxDelayMs ?? CORRELATOR_DEFAULTS.maxDelayMs;
  const terminateOnExit = options.terminateOnProcessExit ?? CORRELATOR_DEFAULTS.terminateOnProcessExit;
  const maxFutureMs = options.maxFutureMs ?? CORRELATOR_DEFAULTS.maxFutureMs;
  const counters = { evictions: 0, late: 0, terminated: 0, future: 0, forced: 0, futureByHost: {} as Record<string, number> };
  const maxStates = Math.max(1, options.maxStates ?? CORRELATOR_DEFAULTS.maxStates);
  const budget = new StateBudget(maxStates, evictOldest);
  const stores: StateStore[] = [
    ...rules.correlations.map((rule) => new CorrelationStore(rule, budget)),
    ...rules.sequences.map((rule) => new SequenceStore(rule, budget)),
  ];
  const timedStores = stores.filter((store) => store.timed);
  // Consumers by rule id and by rule name (targets are `id:<id>` / `name:<name>`, see hitKeys), so
  // the hot path looks a hit up without building key strings.
  const byId = new Map<string, Consumer[]>();
  const byName = new Map<string, Consumer[]>();
  for (const store of stores) {
    for (const { target, slot } of store.subscriptions) {
      const [map, value] = target.startsWith('id:') ? [byId, target.slice(3)] : [byName, target.slice(5)];
      const list = map.get(value) ?? [];
      list.push({ store, slot });
      map.set(value, list);
    }
  }
  const buffer = new ReorderBuffer<CorrelatorInput>();
  let maxSeenMs = -Infinity;
  let floorMs = -Infinity;
  /** An input far ahead of maxSeenMs, waiting for the next input to confirm or refute the jump. */
  let held: CorrelatorInput | undefined;
  let out: CorrelationHit[] = [];

  /** Oldest activity first, across all rules. */
  function evictOldest(): void {
    const oldest = earliest(stores, oldestTimeOf, Infinity);
    if (!oldest) return;
    oldest.evictOldest();
    counters.evictions++;
  }

  function feed(hit: Hit, timeMs: number): void {
    const { id, name } = hit.rule;
    if (id !== undefined) deliver(byId.get(id), hit, timeMs);
    if (name !== undefined) deliver(byName.get(name), hit, timeMs);
  }

  function deliver(list: Consumer[] | undefined, hit: Hit, timeMs: number): void {
    if (list) for (const { store, slot } of list) store.accept(hit, timeMs, slot, emit);
  }

  /** A firing is output, and an event for correlations over it (chaining), at its firing time. */
  const emit: Emit = (hit, timeMs) => {
    out.push(hit);
    feed(hit, timeMs);
  };

  /** Decides deadlines before `timeMs` in deadline order. */
  function advance(timeMs: number): void {
    for (let next = earliest(timedStores, nextDueOf, timeMs); next; next = earliest(timedStores, nextDueOf, timeMs)) {
      next.fireNext(emit);
    }
  }

  function apply(input: CorrelatorInput): void {
    advance(input.timeMs);
    for (const hit of input.hits) feed(hit, input.timeMs);
    if (input.processTerminated !== undefined) {
      for (const store of stores) counters.terminated += store.terminate(input.processTerminated);
    }
  }

  function release(watermarkMs: number): void {
    for (let input = buffer.takeUpTo(watermarkMs); input; input = buffer.takeUpTo(watermarkMs)) apply(input);
    advance(watermarkMs);
    for (const store of stores) store.expire(watermarkMs);
  }

  function collect(): CorrelationHit[] {
    if (out.length === 0) return [];
    const hits = out;
    out = [];
    return hits;
  }

  const isRelevant = (input: CorrelatorInput): boolean => input.hits.length > 0 || (terminateOnExit && input.processTerminated !== undefined);

  function countFuture(input: CorrelatorInput): void {
    counters.future++;
    const host = input.hits[0]?.computer ?? '(no host)';
    counters.futureByHost[host] = (counters.futureByHost[host] ?? 0) + 1;
  }

  /** A full buffer releases its oldest input now; nothing older may be applied after it. */
  function bound(): void {
    while (buffer.size > maxStates) {
      const oldest = buffer.takeUpTo(Infinity)!;
      floorMs = Math.max(floorMs, oldest.timeMs);
      counters.forced++;
      apply(oldest);
    }
  }

  function accept(input: CorrelatorInput, timeMs: number, relevant: boolean): void {
    if (timeMs < maxSeenMs - maxDelayMs || timeMs < floorMs) {
      if (relevant) counters.late++;
      return;
    }
    if (timeMs > maxSeenMs) maxSeenMs = timeMs;
    if (relevant) {
      // The input itself is buffered when it can be (no copy on the hot path).
      const keep = timeMs === input.timeMs && (terminateOnExit || input.processTerminated === undefined);
      buffer.insert(keep ? input : { timeMs, hits: input.hits });
      bound();
    }
    release(maxSeenMs - maxDelayMs);
  }

  return {
    push(input) {
      const timeMs = Number.isFinite(input.timeMs) ? input.timeMs : Number.isFinite(maxSeenMs) ? maxSeenMs : 0;
      const relevant = isRelevant(input);
      if (timeMs > maxSeenMs + maxFutureMs && Number.isFinite(maxSeenMs)) {
        const confirmed = held !== undefined && Math.abs(timeMs - held.timeMs) <= maxFutureMs;
        if (!confirmed) {
          if (held) countFuture(held);
          held = timeMs === input.timeMs ? input : { ...input, timeMs };
          return [];
        }
        const jump = held!;
        held = undefined;
        accept(jump, jump.timeMs, isRelevant(jump));
      } else if (held) {
        countFuture(held);
        held = undefined;
      }
      accept(input, timeMs, relevant);
      return collect();
    },

    flush() {
      // An outlier still held at the end was confirmed by nothing.
      if (held) countFuture(held);
      held = undefined;
      release(Infinity);
      return collect();
    },

    snapshot() {
      return {
        version: 1,
        maxSeenMs,
        buffer: buffer.contents(),
        stores: Object.fromEntries(stores.map((s) => [s.key, { signature: s.signature, state: s.snapshot() }])),
        counters: { ...counters, futureByHost: { ...counters.futureByHost } },
        future: held ?? null,
        floorMs,
      };
    },

    restore(raw) {
      const where = { file: '<state>' };
      const snapshot = raw as Partial<CorrelatorSnapshot> | null;
      if (!snapshot || snapshot.version !== 1 || typeof snapshot.stores !== 'object') {
        return [diagnostic('error', 'bad-state', 'not a sigstream correlator state (version 1)', where)];
      }
      const diagnostics: Diagnostic[] = [];
      maxSeenMs = snapshot.maxSeenMs ?? -Infinity;
      floorMs = snapshot.floorMs ?? -Infinity;
      held = snapshot.future ?? undefined;
      for (const input of snapshot.buffer ?? []) buffer.insert(input);
      Object.assign(counters, snapshot.counters);
      counters.futureByHost = { ...snapshot.counters?.futureByHost };
      for (const store of stores) {
        const saved = snapshot.stores[store.key];
        if (!saved) continue;
        if (saved.signature !== store.signature) {
          diagnostics.push(diagnostic('warning', 'state-rule-changed', `rule '${store.key}' changed since the state was saved; its state is dropped`, where));
        } else {
          try {
            store.restore(saved.state);
          } catch (e) {
            // A damaged or hand-edited state file: that rule starts afresh.
            diagnostics.push(diagnostic('error', 'bad-state', `state of rule '${store.key}' is unreadable (${(e as Error).message}); dropped`, where));
          }
        }
      }
      for (const key of Object.keys(snapshot.stores)) {
        if (!stores.some((s) => s.key === key)) {
          diagnostics.push(diagnostic('warning', 'state-rule-gone', `rule '${key}' is no longer loaded; its state is dropped`, where));
        }
      }
      return diagnostics;
    },

    get stats() {
      return { ...counters, futureByHost: { ...counters.futureByHost }, liveStates: budget.live, buffered: buffer.size };
    },
  };
}

const nextDueOf = (store: StateStore): number => store.nextDue();
const oldestTimeOf = (store: StateStore): number => store.oldestTime();

/** The store whose `time` is smallest and below `bound`, if any. */
function earliest(stores: readonly StateStore[], time: (store: StateStore) => number, bound: number): StateStore | undefined {
  let found: StateStore | undefined;
  for (const store of stores) {
    const t = time(store);
    if (t < bound) {
      bound = t;
      found = store;
    }
  }
  return found;
}
