/**
 * The re-keying stage of a partitioned deployment (docs/deployment.md "Correlations across hosts"):
 * correlations whose group key is not host-local (correlate/locality.ts) cannot be evaluated by
 * the worker of a host. The worker instead sends their member hits, keyed by group key, to the
 * partition that owns the key (partitionOfKey, the one partition function), together with the
 * event-time progress of each event partition; the owner evaluates them once every event
 * partition's progress has passed, so windows close in event time as in one process, and
 * checkpoints its state with the re-keyed stream sequence it covers.
 */
import type { CorrelatorOptions, CorrelatorSnapshot } from '../correlate/correlator.js';
import { keyOf } from '../correlate/keys.js';
import { keyFieldsByTarget } from '../correlate/locality.js';
import { ReorderBuffer } from '../correlate/reorder.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Hit } from '../hit.js';
import { partitionOfKey } from '../partition.js';
import type { CorrelationSet } from '../sigma/correlation/load.js';
import { hitKeys, ruleKey } from '../sigma/correlation/model.js';
import { rekeyedFeed, rekeyedSubject, rekeyPublisher, type RekeyedBatch, type RekeyedHit, type RekeyedMessage, type RekeyProgress, type RekeyPublisher } from '../sources/nats-rekey.js';
import { connectNats, streamName } from '../sources/nats-stream.js';
import { kvCheckpoints } from './kv-checkpoints.js';
import { CorrelationStage } from './correlation-stage.js';
import { hitId } from './hit-id.js';
import type { CheckpointStore } from './state-file.js';

type RuleSet = Pick<CorrelationSet, 'correlations' | 'sequences'>;

interface Route {
  rule: string;
  fields: string[];
}

/** The worker's half: member hits of re-keyed rules out to their key's partition, and progress. */
export class Rekeyer {
  /** Re-keyed rules by the hit key of a member rule. */
  private readonly routes = new Map<string, Route[]>();
  /** Latest event time each event partition has reported. */
  private readonly reported = new Map<number, number>();
  hitsSent = 0;

  constructor(
    rekeyed: RuleSet,
    private readonly partitions: number,
    private readonly publisher: RekeyPublisher,
  ) {
    for (const rule of [...rekeyed.correlations, ...rekeyed.sequences]) {
      // locality.ts admits a rule here only when each member is read with one key.
      for (const [target, [fields]] of keyFieldsByTarget(rule)) {
        this.routes.set(target, [...(this.routes.get(target) ?? []), { rule: ruleKey(rule), fields }]);
      }
    }
  }

  get active(): boolean {
    return this.routes.size > 0;
  }

  /** The hits of one event of event partition `source` (its base hits and any correlation hits it completed). */
  offer(hits: readonly Hit[], timeMs: number): void {
    for (const hit of hits) {
      for (const target of hitKeys(hit.rule)) {
        for (const route of this.routes.get(target) ?? []) {
          const key = keyOf(hit, route.fields);
          if (key === undefined) continue; // a missing group-by field: the hit does not count (SIGMA.md §6.3)
          this.publisher.hit(partitionOfKey(key, this.partitions), { rule: route.rule, timeMs, hit }, `${route.rule}\0${hitId(hit)}`);
          this.hitsSent++;
        }
      }
    }
  }

  /**
   * After a batch of event partition `source`: its event time (and end) to every key partition, once
   * the hits before it are stored; a checkpoint of the event partition may follow only then.
   */
  async batchDone(source: number, timeMs: number | undefined, end: boolean): Promise<void> {
    const last = this.reported.get(source);
    if (end || (timeMs !== undefined && (last === undefined || timeMs > last))) {
      const at = Math.max(timeMs ?? -Infinity, last ?? -Infinity);
      if (Number.isFinite(at)) this.reported.set(source, at);
      const progress: RekeyProgress = { from: source, ...(Number.isFinite(at) ? { timeMs: at } : {}), ...(end ? { end } : {}) };
      for (let q = 0; q < this.partitions; q++) this.publisher.progress(q, progress);
    }
    await this.publisher.settle();
  }
}

/** What a key partition's checkpoint keeps besides the stream sequence. */
interface KeyPartitionState {
  seq: number;
  progress: Record<string, number>;
  ended: number[];
  pending: RekeyedHit[];
  rules: Record<string, CorrelatorSnapshot>;
}

/** The owner's half for one key partition: hits wait until every event partition has passed their time. */
export class KeyPartition {
  seq = 0;
  private progress = new Map<number, number>();
  private ended = new Set<number>();
  private pending = new ReorderBuffer<RekeyedHit>();
  private stages = new Map<string, CorrelationStage>();
  private finished = false;
  sinceCheckpoint = 0;
  lastCheckpointMs = Date.now();

  constructor(
    rules: RuleSet,
    /** Event partitions that report progress: all of the stream's. */
    private readonly sources: number,
    private readonly options: CorrelatorOptions | undefined,
  ) {
    this.setRules(rules);
  }

  /** New rules (a reload): state of unchanged rules carries over, as in LivePipeline. */
  setRules(rules: RuleSet): Diagnostic[] {
    const old = this.stages;
    const diagnostics: Diagnostic[] = [];
    this.stages = new Map();
    for (const rule of [...rules.correlations, ...rules.sequences]) {
      const set = rule.kind === 'correlation' ? { correlations: [rule], sequences: [] } : { correlations: [], sequences: [rule] };
      const stage = new CorrelationStage(set, this.options);
      const before = old.get(ruleKey(rule));
      if (before) diagnostics.push(...stage.correlator.restore(before.correlator.snapshot()));
      this.stages.set(ruleKey(rule), stage);
    }
    return diagnostics;
  }

  get done(): boolean {
    return this.finished;
  }

  /** One message of the re-keyed stream; the correlation hits it lets fire. */
  take(message: RekeyedMessage): Hit[] {
    this.sinceCheckpoint++;
    if ('hit' in message) {
      this.pending.insert(message.hit);
      return [];
    }
    const { from, timeMs, end } = message.progress;
    if (!Number.isInteger(from) || from < 0 || from >= this.sources) return [];
    if (timeMs !== undefined && timeMs > (this.progress.get(from) ?? -Infinity)) this.progress.set(from, timeMs);
    if (end) this.ended.add(from);
    return this.release();
  }

  /** Every event partition has passed the watermark: hits up to it are evaluated in time order. */
  private release(): Hit[] {
    if (this.finished) return [];
    const out: Hit[] = [];
    const all = this.ended.size === this.sources;
    let watermark = Infinity;
    for (let p = 0; p < this.sources && !all; p++) if (!this.ended.has(p)) watermark = Math.min(watermark, this.progress.get(p) ?? -Infinity);
    for (let item = this.pending.takeUpTo(watermark); item; item = this.pending.takeUpTo(watermark)) {
      const stage = this.stages.get(item.rule);
      if (stage) out.push(...stage.push({ timeMs: item.timeMs, hits: [item.hit] }));
    }
    if (all) {
      for (const stage of this.stages.values()) out.push(...stage.flush());
      this.finished = true;
    } else if (Number.isFinite(watermark)) {
      for (const stage of this.stages.values()) out.push(...stage.push({ timeMs: watermark, hits: [] }));
    }
    return out;
  }

  snapshot(): KeyPartitionState {
    return {
      seq: this.seq,
      progress: Object.fromEntries(this.progress),
      ended: [...this.ended],
      pending: this.pending.contents(),
      rules: Object.fromEntries([...this.stages].map(([key, stage]) => [key, stage.correlator.snapshot()])),
    };
  }

  restore(raw: unknown): Diagnostic[] {
    const state = raw as Partial<KeyPartitionState> | null;
    if (!state || typeof state.seq !== 'number') return [];
    this.seq = state.seq;
    this.progress = new Map(Object.entries(state.progress ?? {}).map(([p, t]) => [Number(p), t]));
    this.ended = new Set(state.ended ?? []);
    for (const hit of state.pending ?? []) this.pending.insert(hit);
    const diagnostics: Diagnostic[] = [];
    for (const [key, snapshot] of Object.entries(state.rules ?? {})) {
      const stage = this.stages.get(key);
      if (stage) diagnostics.push(...stage.correlator.restore(snapshot));
    }
    this.finished = this.ended.size === this.sources;
    return diagnostics;
  }
}

export interface RekeyedRunOptions {
  /** The owned key partitions' messages, from the sequence after each checkpoint. */
  open(resume: ReadonlyMap<number, number>): Promise<{ batches(): AsyncIterable<RekeyedBatch>; stop(): void }>;
  owned: readonly number[];
  rules: RuleSet;
  /** Event partitions of the stream (each reports its progress). */
  sources: number;
  correlator?: CorrelatorOptions;
  checkpoints: CheckpointStore;
  checkpointMessages?: number;
  checkpointMs?: number;
  /** Stop once every owned key partition has seen every event partition end. */
  untilEnd: boolean;
  write(hit: Hit, partition: number): Promise<void> | void;
  onDiagnostics?(diagnostics: Diagnostic[]): void;
}

/** Consumes the owned key partitions until stopped (or, with untilEnd, until all ended). */
export class RekeyedPipeline {
  readonly stats = { messages: 0, undecodable: 0, hits: 0, checkpoints: 0 };
  private readonly partitions = new Map<number, KeyPartition>();
  private feed: { stop(): void } | undefined;
  private stopped = false;

  constructor(private readonly options: RekeyedRunOptions) {}

  async run(): Promise<void> {
    const { checkpoints } = this.options;
    const resume = new Map<number, number>();
    for (const q of this.options.owned) {
      const partition = new KeyPartition(this.options.rules, this.options.sources, this.options.correlator);
      const loaded = await checkpoints.load(q);
      this.report(loaded.diagnostics);
      if (loaded.checkpoint) this.report(partition.restore(loaded.checkpoint.position).map((d) => ({ ...d, where: { ...d.where, file: checkpoints.where(q) } })));
      resume.set(q, partition.seq);
      this.partitions.set(q, partition);
    }
    const feed = await this.options.open(resume);
    this.feed = feed;
    if (this.stopped) feed.stop();
    const allDone = () => [...this.partitions.values()].every((p) => p.done);
    try {
      if (!(this.options.untilEnd && allDone())) {
        for await (const batch of feed.batches()) {
          const partition = this.partitions.get(batch.partition)!;
          this.stats.undecodable += batch.undecodable;
          for (const message of batch.messages) {
            this.stats.messages++;
            for (const hit of partition.take(message)) {
              this.stats.hits++;
              await this.options.write(hit, batch.partition);
            }
          }
          partition.seq = batch.lastSeq;
          await this.checkpointDue(batch.partition, partition);
          if (this.options.untilEnd && allDone()) break;
        }
      }
    } finally {
      feed.stop();
    }
    for (const [q, partition] of this.partitions) await this.save(q, partition);
  }

  stop(): void {
    this.stopped = true;
    this.feed?.stop();
  }

  reload(rules: RuleSet): void {
    for (const partition of this.partitions.values()) this.report(partition.setRules(rules));
  }

  private report(diagnostics: Diagnostic[]): void {
    if (diagnostics.length > 0) this.options.onDiagnostics?.(diagnostics);
  }

  private async checkpointDue(q: number, partition: KeyPartition): Promise<void> {
    const due = partition.sinceCheckpoint >= (this.options.checkpointMessages ?? 10_000) || Date.now() - partition.lastCheckpointMs >= (this.options.checkpointMs ?? 5000);
    if (due) await this.save(q, partition);
  }

  private async save(q: number, partition: KeyPartition): Promise<void> {
    partition.sinceCheckpoint = 0;
    partition.lastCheckpointMs = Date.now();
    this.stats.checkpoints++;
    await this.options.checkpoints.save(q, { checkpoint: 2, position: partition.snapshot() });
  }
}

/** The run options, with the stream, its partitions and the checkpoint bucket named instead of opened. */
export interface NatsRekeyingOptions extends Omit<RekeyedRunOptions, 'open' | 'sources' | 'checkpoints'> {
  url: string;
  /** The event subject; the re-keyed stream is `SUBJECT-rekeyed`. */
  subject: string;
  partitions: number;
  bucket: string;
}

/** A NATS worker's re-keying stage: the Rekeyer for its event partitions and the pipeline of its key partitions. */
export async function natsRekeying(options: NatsRekeyingOptions): Promise<{ rekeyer: Rekeyer; pipeline: RekeyedPipeline; close(): Promise<void> }> {
  const nc = await connectNats(options.url, 'sigstream re-keying');
  const rekeyer = new Rekeyer(options.rules, options.partitions, await rekeyPublisher(nc, options.subject));
  const checkpoints = await kvCheckpoints(await connectNats(options.url, 'sigstream re-keyed checkpoints'), options.bucket, streamName(rekeyedSubject(options.subject)));
  const pipeline = new RekeyedPipeline({
    ...options,
    sources: options.partitions,
    checkpoints,
    open: (resume) => rekeyedFeed(nc, options.subject, resume),
  });
  return {
    rekeyer,
    pipeline,
    async close() {
      await checkpoints.close?.();
      await nc.drain().catch(() => undefined);
    },
  };
}
