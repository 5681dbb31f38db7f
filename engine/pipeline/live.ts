/**
 * The long-running pipeline (`run --follow`, `run --source nats://...`): batches from a source
 * through one detector per partition to a hit writer, with checkpoints of each partition's
 * correlation state together with the source position it covers, rule reloads that keep the
 * state of unchanged rules, and counters a metrics endpoint reads. It never parses input or
 * formats output: the source and the writer do.
 */
import type { Diagnostic } from '../diagnostics.js';
import { eventTimeMs } from '../event.js';
import type { ReadItem } from '../events/reader.js';
import type { Hit } from '../hit.js';
import type { EventSource, SourceBatch } from '../sources/source.js';
import type { Detector } from './detector.js';
import type { Rekeyer } from './rekey.js';
import { checkpointOf, restoreCheckpoint, type CheckpointStore } from './state-file.js';

/** Where hits go; a sink may make use of the partition and a stable hit id (NATS de-duplication). */
export interface HitSink {
  write(hit: Hit, partition: number): Promise<void> | void;
  end(): Promise<void> | void;
}

export interface LiveOptions {
  source: EventSource;
  /** A fresh detector over the loaded rules: one per partition, and new ones at a reload. */
  newDetector(): Detector;
  sink: HitSink;
  checkpoints?: CheckpointStore;
  /** PartitionCheckpoint a partition after this many events since its last checkpoint (default 10,000). */
  checkpointEvents?: number;
  /** ... or after this long (ms, default 5,000), also when the source is idle. */
  checkpointMs?: number;
  /** Decide pending windows when a partition ends (the end of a file without `--state`, or `--finish`). */
  finishAtEnd: boolean;
  /** Every skipped record and warning, for the caller to print. */
  onProblem?(item: Exclude<ReadItem, { kind: 'event' }>): void;
  /** Restore and reload diagnostics (dropped state of changed rules, unreadable checkpoints). */
  onDiagnostics?(diagnostics: Diagnostic[]): void;
  /**
   * Correlations that are not host-local go out to the re-keying stage (rekey.ts): the detectors
   * evaluate the others inline, and each partition's progress is sent before it is checkpointed.
   */
  rekey?: Rekeyer;
}

/** Counters since start, across partitions and reloads: what the metrics endpoint serves. */
export interface LiveStats {
  events: number;
  skipped: number;
  warnings: number;
  hits: number;
  hitsByLevel: Record<string, number>;
  checkpoints: number;
  reloads: number;
  /** Latest event time seen (ms), for the lag of event time behind wall time. */
  latestEventMs: number | undefined;
}

interface Partition {
  detector: Detector;
  position: unknown;
  /** Latest event time of this partition (ms): the time of events without one, and its progress. */
  latestMs: number | undefined;
  sinceCheckpoint: number;
  lastCheckpointMs: number;
}

export class LivePipeline {
  readonly stats: LiveStats = { events: 0, skipped: 0, warnings: 0, hits: 0, hitsByLevel: {}, checkpoints: 0, reloads: 0, latestEventMs: undefined };
  readonly partitions = new Map<number, Partition>();
  private newDetector: () => Detector;
  private pendingReload: (() => Detector) | undefined;
  private inBatch = false;
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly options: LiveOptions) {
    this.newDetector = options.newDetector;
  }

  /** Restore every partition, then consume until the source ends or `stop()`; checkpoints at the end. */
  async run(): Promise<void> {
    const { source, checkpoints } = this.options;
    const resume = new Map<number, unknown>();
    for (const p of source.partitions) {
      const partition: Partition = { detector: this.newDetector(), position: undefined, latestMs: undefined, sinceCheckpoint: 0, lastCheckpointMs: Date.now() };
      if (checkpoints) {
        const loaded = await checkpoints.load(p);
        this.report(loaded.diagnostics);
        if (loaded.checkpoint) {
          this.report(restoreCheckpoint(loaded.checkpoint, partition.detector.correlator, checkpoints.where(p)));
          partition.position = loaded.checkpoint.position;
          if (partition.position !== undefined) resume.set(p, partition.position);
        }
      }
      this.partitions.set(p, partition);
    }
    const every = this.options.checkpointMs ?? 5000;
    if (checkpoints) this.timer = setInterval(() => void this.checkpointDue(every), Math.max(50, Math.min(every, 1000)));
    try {
      for await (const batch of source.open(resume)) {
        this.inBatch = true;
        await this.consume(batch);
        this.inBatch = false;
        this.applyReload();
        await this.checkpointDue(every);
      }
    } finally {
      if (this.timer) clearInterval(this.timer);
      this.inBatch = false;
    }
    await this.saving;
    await this.checkpointAll();
    await this.options.checkpoints?.close?.();
    await this.options.sink.end();
  }

  stop(): void {
    this.options.source.stop();
  }

  /**
   * New rules (SIGHUP, `--watch-rules`): applied between batches. Each partition's new detector
   * takes the old correlator's snapshot; state of rules that changed or are gone is dropped with
   * a warning, that of unchanged rules carries on.
   */
  reload(newDetector: () => Detector): void {
    this.pendingReload = newDetector;
    if (!this.inBatch) this.applyReload();
  }

  private applyReload(): void {
    const next = this.pendingReload;
    if (!next) return;
    this.pendingReload = undefined;
    this.newDetector = next;
    for (const partition of this.partitions.values()) {
      const old = partition.detector.correlator;
      const detector = next();
      if (old && detector.correlator) this.report(detector.correlator.restore(old.snapshot()));
      partition.detector = detector;
    }
    this.stats.reloads++;
  }

  private report(diagnostics: Diagnostic[]): void {
    if (diagnostics.length > 0) this.options.onDiagnostics?.(diagnostics);
  }

  private partition(p: number): Partition {
    let partition = this.partitions.get(p);
    if (!partition) {
      partition = { detector: this.newDetector(), position: undefined, latestMs: undefined, sinceCheckpoint: 0, lastCheckpointMs: Date.now() };
      this.partitions.set(p, partition);
    }
    return partition;
  }

  private async consume(batch: SourceBatch): Promise<void> {
    const partition = this.partition(batch.partition);
    const { detector } = partition;
    const { rekey } = this.options;
    for (const item of batch.items) {
      if (item.kind !== 'event') {
        if (item.kind === 'skip') this.stats.skipped++;
        else this.stats.warnings++;
        this.options.onProblem?.(item);
        continue;
      }
      this.stats.events++;
      const ms = eventTimeMs(item.event);
      if (ms !== undefined && (this.stats.latestEventMs === undefined || ms > this.stats.latestEventMs)) this.stats.latestEventMs = ms;
      if (ms !== undefined && (partition.latestMs === undefined || ms > partition.latestMs)) partition.latestMs = ms;
      if (!rekey) {
        for (const hit of detector.process(item.event)) await this.emit(hit, batch.partition);
        continue;
      }
      const { hits, correlatorInput } = detector.detect(item.event);
      const out = correlatorInput ? detector.correlate(hits, correlatorInput) : hits;
      if (correlatorInput) rekey.offer([...correlatorInput.hits, ...out.filter((h) => h.kind === 'correlation')], ms ?? partition.latestMs ?? 0);
      for (const hit of out) await this.emit(hit, batch.partition);
    }
    // Correlation hits decided by event time alone may be members of re-keyed correlations too.
    const decided: Hit[] = [];
    if (batch.heartbeatMs !== undefined && detector.correlator) decided.push(...detector.advance(batch.heartbeatMs));
    if (batch.end && this.options.finishAtEnd) decided.push(...detector.flush());
    for (const hit of decided) {
      if (rekey && hit.time !== undefined) rekey.offer([hit], Date.parse(hit.time));
      await this.emit(hit, batch.partition);
    }
    if (rekey) {
      const progressMs = Math.max(partition.latestMs ?? -Infinity, batch.heartbeatMs ?? -Infinity);
      await rekey.batchDone(batch.partition, Number.isFinite(progressMs) ? progressMs : undefined, batch.end ?? false);
    }
    partition.sinceCheckpoint += batch.items.length;
    partition.position = batch.position;
  }

  private async emit(hit: Hit, partition: number): Promise<void> {
    this.stats.hits++;
    const level = hit.rule.level ?? 'none';
    this.stats.hitsByLevel[level] = (this.stats.hitsByLevel[level] ?? 0) + 1;
    await this.options.sink.write(hit, partition);
  }

  /** Partitions whose checkpoint is due (events or time since the last), saved when no batch is half done. */
  private async checkpointDue(everyMs: number): Promise<void> {
    if (this.inBatch || !this.options.checkpoints) return;
    const maxEvents = this.options.checkpointEvents ?? 10_000;
    const now = Date.now();
    for (const [p, partition] of this.partitions) {
      if (partition.sinceCheckpoint === 0) continue;
      if (partition.sinceCheckpoint >= maxEvents || now - partition.lastCheckpointMs >= everyMs) await this.save(p, partition);
    }
  }

  private async checkpointAll(): Promise<void> {
    if (!this.options.checkpoints) return;
    for (const [p, partition] of this.partitions) await this.save(p, partition);
  }

  private async save(p: number, partition: Partition): Promise<void> {
    // The snapshot is taken synchronously, so it and the position describe the same moment.
    const checkpoint = checkpointOf(partition.detector.correlator, partition.position);
    partition.sinceCheckpoint = 0;
    partition.lastCheckpointMs = Date.now();
    this.stats.checkpoints++;
    const done = this.saving.then(() => this.options.checkpoints!.save(p, checkpoint));
    this.saving = done.catch(() => undefined);
    await done;
  }
}
