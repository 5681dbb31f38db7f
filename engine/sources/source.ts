/**
 * One interface for every event source (`run` inputs, `run --follow`, `run --source nats://...`).
 * A reader turns bytes into events; a source decides which bytes, when, and where it stands. A
 * source hands out batches: each batch belongs to one partition (files and followed files are all
 * partition 0; a NATS worker owns several), and carries the position the source has reached in
 * that partition once the batch is consumed. The pipeline checkpoints correlation state together
 * with that position, so a restart resumes exactly after the last checkpointed batch.
 */
import type { ReadItem } from '../events/reader.js';
import type { ReadStats } from '../events/read-stats.js';

export interface SourceBatch {
  partition: number;
  items: ReadItem[];
  /** Where the source stands in this partition after these items (JSON); undefined: it cannot resume. */
  position: unknown;
  /** The producer's event time on this partition (a heartbeat), so windows close on idle partitions. */
  heartbeatMs?: number;
  /** The producer finished this partition's input: pending windows are decided, as at the end of a file. */
  end?: boolean;
}

export interface EventSource {
  /** The partitions this source delivers (their checkpoints are restored before `open`). */
  readonly partitions: readonly number[];
  /** Starts delivering; `resume` holds the checkpointed position per partition, when there is one. */
  open(resume: ReadonlyMap<number, unknown>): AsyncIterable<SourceBatch>;
  /** Ends the batches at the next boundary (a signal); the pipeline then saves and stops. */
  stop(): void;
  /** Filled in while batches are consumed. */
  readonly stats: ReadStats;
}

/** Batches of at most this many items: small enough for prompt checkpoints, big enough to amortise awaits. */
export const BATCH_ITEMS = 512;
