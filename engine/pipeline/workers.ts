/**
 * A sharded run (`run --workers N`): events are partitioned by host (partition.ts) over N
 * worker_threads that detect and serialize; the main thread reads, partitions, and puts the
 * workers' answers back in input order, so the output is the one-worker output, hit for hit and
 * in the same order.
 *
 * With 2 cores and 3 threads the main thread must do almost nothing per event, so lines of flat
 * NDJSON go to the workers as bytes (`pushLine`): the main thread finds the host by a scan of the
 * line's bytes (partitionKeyOfLine; it parses only a line that does not say it plainly), copies
 * the lines of a batch into one buffer and transfers it; the worker decodes and parses. Posting
 * parsed events instead costs a structured clone of each, about what detecting them costs.
 *
 * Correlations and sequences run on the main thread, in one final stage fed with the workers'
 * base hits re-keyed by input order. Even host-local ones (grouped by Computer, ProcessGuid, ...)
 * run there: a window-close or sequence deadline is decided by the event-time clock of the whole
 * stream, and a worker sees only its hosts' clock, so deciding there would move correlation hits
 * relative to base hits (and change what counts as late). Detection, the costly part, is what
 * the workers share.
 */
import { Worker } from 'node:worker_threads';
import type { Correlator } from '../correlate/correlator.js';
import type { NormalizedEvent } from '../event.js';
import type { Hit } from '../hit.js';
import { flatShape } from '../events/json-shapes/flat.js';
import { jsonLineOutcome } from '../events/ndjson.js';
import { partitionKey, partitionKeyOfLine, partitionOf, partitionOfKey } from '../partition.js';
import { CorrelationStage, hasCorrelations } from './correlation-stage.js';
import type { DetectorStats } from './detector.js';
import type { Engine, EngineOptions } from './engine.js';
import type { FromWorker, LineProblem, ToWorker, WorkerSetup } from './worker.js';

/** Events per message to a worker: enough to amortize a message, few enough to keep latency low. */
const BATCH = 128;
/**
 * Lines per message to a worker: a line costs the main thread little, so a message must carry
 * many to keep posting and waking the worker a small part of it.
 */
const LINE_BATCH = 512;
/** Events sent and not yet answered, at most: bounds memory when input outruns the workers. */
const MAX_IN_FLIGHT = 16 * 1024;

/**
 * Where a sharded run's hits go: any hit writer (output/writer.ts). One that takes serialized
 * lines gets the workers' HitJson text as UTF-8; others get hit objects.
 */
export interface ShardedOutput {
  write(hit: Hit): Promise<void> | void;
  writeLines?(ndjson: Uint8Array): Promise<void> | void;
  /** A pushed line that gave no event (skip) or a warning: in input order, before its hits. */
  problem?(problem: LineProblem): void;
}

/** Lines for one worker, not yet sent: one input's, as their bytes. */
interface LineBatch {
  parts: Uint8Array[];
  bytes: number;
  input: string | undefined;
  lines: number[];
}

/** Where a pushed line is: its input and line number (the events then carry it as provenance). */
export interface LinePlace {
  input: string;
  line: number;
}

interface Shard {
  worker: Worker;
  batch: NormalizedEvent[];
  lineBatch: LineBatch | undefined;
  /** Answers not yet output, in the order the worker sent them. */
  answers: Array<Extract<FromWorker, { kind: 'results' }>>;
  /** Position of the next unread entry in answers[0]. */
  at: number;
  ended: Promise<Extract<FromWorker, { kind: 'ended' }>>;
  /** The worker's thread CPU time once its rules were loaded. */
  readyCpuSeconds: number | undefined;
}

export class ShardedDetector {
  readonly stats: DetectorStats = { events: 0, matchedEvents: 0, hits: 0, correlationHits: 0 };
  /** The final stage's correlator (state files, stats), when there are correlations. */
  readonly correlator: Correlator | undefined;
  /** Each worker thread's CPU time after its rules were loaded, once `end` has returned (undefined where the platform does not say). */
  workerCpuSeconds: Array<number | undefined> = [];
  private readonly stage: CorrelationStage | undefined;
  private readonly shards: Shard[];
  /** The shard of each event sent and not yet output, in input order (from `head`). */
  private owners: number[] = [];
  private head = 0;
  private flushScheduled: NodeJS.Immediate | undefined;
  private waiting: (() => void) | undefined;
  private pendingOutput: Promise<void> | void = undefined;
  private failure: Error | undefined;

  private constructor(engine: Engine, shards: Shard[], private readonly out: ShardedOutput, options: EngineOptions) {
    this.shards = shards;
    if (hasCorrelations(engine.correlations)) this.stage = new CorrelationStage(engine.correlations, options.correlator);
    this.correlator = this.stage?.correlator;
    for (const [i, shard] of shards.entries()) {
      shard.worker.on('message', (m: FromWorker) => this.onMessage(i, m));
      shard.worker.on('error', (err) => this.fail(new Error(`worker ${i}: ${err.message}`)));
    }
  }

  /**
   * Starts `workers` workers that load `rulePaths` like `engine` was loaded (the main thread's
   * engine gives the correlation set and the diagnostics), and resolves once all are ready. Hits
   * go to `out`; when it takes serialized lines, the workers serialize them.
   */
  static async start(engine: Engine, rulePaths: string[], options: EngineOptions, workers: number, out: ShardedOutput): Promise<ShardedDetector> {
    const setup: WorkerSetup = { rulePaths, options: { ...options, detachedCorrelations: true }, serialize: out.writeLines !== undefined };
    const started = await Promise.allSettled(Array.from({ length: workers }, () => startWorker(setup)));
    const shards = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) {
      // Live threads would keep the process from exiting.
      await Promise.all(shards.map((s) => s.worker.terminate()));
      throw failed.reason;
    }
    return new ShardedDetector(engine, shards, out, options);
  }

  /** Queues one event; the promise (when there is one) says to wait before pushing more. */
  push(event: NormalizedEvent): Promise<void> | void {
    if (this.failure) throw this.failure;
    const shard = partitionOf(event, this.shards.length);
    const s = this.shards[shard];
    if (s.lineBatch) this.send(shard);
    this.owners.push(shard);
    s.batch.push(event);
    if (s.batch.length >= BATCH) this.send(shard);
    return this.afterPush();
  }

  /**
   * Queues one line of flat NDJSON (one whole JSON object, as text or UTF-8 bytes without its line
   * end; not empty), parsed by a worker: its event, or its skip (ShardedOutput.problem), is what
   * the reader gives for that line. `at`: its place, which the event then carries. The bytes are
   * kept until sent: the caller must not reuse them.
   */
  pushLine(line: Uint8Array | string, at?: LinePlace): Promise<void> | void {
    if (this.failure) throw this.failure;
    const bytes = typeof line === 'string' ? Buffer.from(line) : line;
    const shard = partitionOfKey(partitionKeyOfLine(bytes) ?? parsedKey(bytes, at), this.shards.length);
    const s = this.shards[shard];
    if (s.batch.length > 0 || (s.lineBatch && s.lineBatch.input !== at?.input)) this.send(shard);
    this.owners.push(shard);
    const batch = (s.lineBatch ??= { parts: [], bytes: 0, input: at?.input, lines: [] });
    batch.parts.push(bytes);
    batch.bytes += bytes.length + 1;
    if (at) batch.lines.push(at.line);
    if (batch.parts.length >= LINE_BATCH) this.send(shard);
    return this.afterPush();
  }

  private afterPush(): Promise<void> | void {
    this.flushScheduled ??= setImmediate(() => this.sendAll());
    if (this.owners.length - this.head >= MAX_IN_FLIGHT) {
      this.sendAll();
      return new Promise<void>((resolve) => (this.waiting = resolve)).then(() => this.pendingOutput);
    }
    return this.pendingOutput;
  }

  /** End of input: waits for every answer, then (unless `keepWindows`) decides the correlation stage. */
  async end(options: { keepWindows?: boolean } = {}): Promise<void> {
    this.sendAll();
    while (this.head < this.owners.length) {
      if (this.failure) break;
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
    if (this.failure) {
      await this.terminate();
      throw this.failure;
    }
    await this.pendingOutput;
    for (const shard of this.shards) shard.worker.postMessage({ kind: 'end' } satisfies ToWorker);
    const ended = await Promise.all(this.shards.map((s) => s.ended));
    this.workerCpuSeconds = ended.map((e, i) => {
      const ready = this.shards[i].readyCpuSeconds;
      return e.cpuSeconds === undefined || ready === undefined ? undefined : e.cpuSeconds - ready;
    });
    for (const { stats: s } of ended) {
      this.stats.events += s.events;
      this.stats.matchedEvents += s.matchedEvents;
      this.stats.hits += s.hits;
    }
    if (this.stage && !options.keepWindows) for (const hit of this.stage.flush()) await this.emit(hit);
  }

  /** Stops the workers at once (a signal, or after a failure). */
  async terminate(): Promise<void> {
    await Promise.all(this.shards.map((s) => s.worker.terminate()));
  }

  private send(shard: number): void {
    const s = this.shards[shard];
    if (s.lineBatch) {
      const { parts, bytes, input, lines } = s.lineBatch;
      // One copy into memory of its own, whose ownership moves to the worker (no clone).
      const joined = Buffer.allocUnsafeSlow(bytes); // not from the shared pool: it can be transferred
      let offset = 0;
      for (const part of parts) {
        joined.set(part, offset);
        joined[offset + part.length] = 0x0a;
        offset += part.length + 1;
      }
      s.worker.postMessage({ kind: 'lines', bytes: joined, input, lines: input === undefined ? undefined : lines } satisfies ToWorker, [joined.buffer]);
      s.lineBatch = undefined;
    }
    if (s.batch.length === 0) return;
    s.worker.postMessage({ kind: 'events', events: s.batch } satisfies ToWorker);
    s.batch = [];
  }

  private sendAll(): void {
    if (this.flushScheduled) clearImmediate(this.flushScheduled);
    this.flushScheduled = undefined;
    for (let i = 0; i < this.shards.length; i++) this.send(i);
  }

  private onMessage(shard: number, message: FromWorker): void {
    if (message.kind === 'failed') this.fail(new Error(`worker ${shard}: ${message.message}`));
    if (message.kind !== 'results') return;
    this.shards[shard].answers.push(message);
    this.drain();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.wake();
  }

  /** Outputs, in input order, every event whose answer is in. */
  private drain(): void {
    while (this.head < this.owners.length) {
      const shard = this.shards[this.owners[this.head]];
      const answer = shard.answers[0];
      if (!answer) break;
      const at = shard.at;
      const input = answer.inputs[at];
      if (answer.problems?.[0]?.[0] === at) for (const problem of answer.problems.shift()![1]) this.out.problem?.(problem);
      if (answer.text) {
        const start = at === 0 ? 0 : answer.ends![at - 1];
        if (answer.ends![at] > start) this.pendingOutput = this.out.writeLines!(answer.text.subarray(start, answer.ends![at])) ?? this.pendingOutput;
      } else for (const hit of answer.hits![at]) this.pendingOutput = this.out.write(hit) ?? this.pendingOutput;
      if (++shard.at === answer.inputs.length) {
        shard.answers.shift();
        shard.at = 0;
      }
      this.head++;
      if (this.stage && input) {
        for (const hit of this.stage.push(input)) void this.emit(hit);
      }
    }
    // Keep the owner list short without shifting it on every event.
    if (this.head > 4096 && this.head * 2 > this.owners.length) {
      this.owners = this.owners.slice(this.head);
      this.head = 0;
    }
    if (this.owners.length - this.head < MAX_IN_FLIGHT / 2 || this.head === this.owners.length) this.wake();
  }

  private emit(hit: Hit): Promise<void> | void {
    this.stats.correlationHits++;
    this.stats.hits++;
    const wait = this.out.write(hit);
    if (wait) this.pendingOutput = wait;
    return wait;
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.();
  }
}

/** The partition key of a line that does not plainly say it: from the event a worker will read from it. */
function parsedKey(line: Uint8Array, at: LinePlace | undefined): string {
  const text = Buffer.from(line.buffer, line.byteOffset, line.byteLength).toString('utf8');
  const outcome = jsonLineOutcome(text, at?.line ?? 0, at?.input, flatShape, () => {});
  return outcome !== null && !(outcome instanceof Promise) && outcome.kind === 'event' ? partitionKey(outcome.event) : '';
}

function startWorker(setup: WorkerSetup): Promise<Shard> {
  const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: setup });
  let resolveEnded: (ended: Extract<FromWorker, { kind: 'ended' }>) => void;
  let rejectEnded: (err: Error) => void;
  const ended = new Promise<Extract<FromWorker, { kind: 'ended' }>>((resolve, reject) => {
    resolveEnded = resolve;
    rejectEnded = reject;
  });
  ended.catch(() => {}); // observed by `end`
  return new Promise<Shard>((resolve, reject) => {
    worker.on('error', (err) => {
      reject(err);
      rejectEnded(err);
    });
    worker.on('message', (m: FromWorker) => {
      if (m.kind === 'ready') resolve({ worker, batch: [], lineBatch: undefined, answers: [], at: 0, ended, readyCpuSeconds: m.cpuSeconds });
      else if (m.kind === 'failed') reject(new Error(m.message));
      else if (m.kind === 'ended') resolveEnded(m);
    });
    worker.on('exit', (code) => {
      if (code !== 0) rejectEnded(new Error(`worker exited with code ${code}`));
    });
  });
}
