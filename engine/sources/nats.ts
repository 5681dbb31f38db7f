/**
 * `run --source nats://HOST:PORT --subject S --partitions P --worker i/W`: a worker consumes the
 * partitions it owns (static assignment: p ≡ i mod W) from JetStream. Each partition has its own
 * ephemeral consumer with no acknowledgements: the checkpoint (correlation state + the stream
 * sequence it covers) is the only record of progress, and a restarted worker resumes each
 * partition at sequence + 1. Acknowledging instead ("ack all" on a shared consumer) loses what
 * another worker had fetched but not processed (test/sources/nats-ack-all.test.ts pins this).
 */
import type { JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { diagnostic } from '../diagnostics.js';
import type { NormalizedEvent } from '../event.js';
import { emptyStats, count, inputStats, type InputStats } from '../events/read-stats.js';
import type { ReadItem } from '../events/reader.js';
import { connectNats, ensureEventStream, partitionFeed, partitionFilter, streamName, type ControlMessage, type PartitionFeed } from './nats-stream.js';
import type { EventSource, SourceBatch } from './source.js';

export interface NatsSourceOptions {
  url: string;
  subject: string;
  partitions: number;
  /** This worker's index and the number of workers. */
  worker: { index: number; count: number };
  /** Stop once every owned partition has seen the producer's end mark (a replay, a test). */
  untilEnd?: boolean;
  /** Told where each partition resumes (for the log). */
  onResume?(partition: number, sequence: number): void;
}

/** What a NATS checkpoint keeps as the partition's position. */
export interface NatsPosition {
  seq: number;
}

export function ownedPartitions(partitions: number, worker: { index: number; count: number }): number[] {
  const owned: number[] = [];
  for (let p = worker.index; p < partitions; p += worker.count) owned.push(p);
  return owned;
}

export async function natsSource(options: NatsSourceOptions): Promise<EventSource> {
  const nc: NatsConnection = await connectNats(options.url, `sigstream worker ${options.worker.index}/${options.worker.count}`);
  await ensureEventStream(nc, options.subject);
  const stats = emptyStats();
  const partitions = ownedPartitions(options.partitions, options.worker);
  const name = `nats:${options.subject}`;
  let feed: PartitionFeed | undefined;
  let stopped = false;
  const counts: InputStats = inputStats(stats, name, 'ndjson');

  function decode(msg: JsMsg, partition: number): ReadItem | ControlMessage {
    const where = { file: `${name}.${partition}`, record: msg.seq };
    if (msg.subject.endsWith('.c')) {
      try {
        return msg.json<ControlMessage>();
      } catch {
        return {};
      }
    }
    try {
      const event = msg.json<NormalizedEvent>();
      if (event === null || typeof event !== 'object' || Array.isArray(event)) throw new Error('not a JSON object');
      return { kind: 'event', event };
    } catch (err) {
      return { kind: 'skip', diagnostic: diagnostic('error', 'bad-json', `message is not a JSON event: ${(err as Error).message}`, where) };
    }
  }

  async function* batches(resume: ReadonlyMap<number, unknown>): AsyncGenerator<SourceBatch> {
    const from = new Map<number, number>();
    for (const p of partitions) {
      const seq = (resume.get(p) as NatsPosition | undefined)?.seq ?? 0;
      options.onResume?.(p, seq);
      from.set(p, seq);
    }
    feed = await partitionFeed(nc, streamName(options.subject), (p) => partitionFilter(options.subject, p), from);
    if (stopped) feed.stop();
    const ended = new Set<number>();
    try {
      for await (const { partition: p, messages } of feed.batches()) {
        const items: ReadItem[] = [];
        let heartbeatMs: number | undefined;
        let end = false;
        for (const msg of messages) {
          const decoded = decode(msg, p);
          if ('kind' in decoded) {
            count(stats, counts, decoded);
            items.push(decoded);
          } else {
            if (decoded.timeMs !== undefined) heartbeatMs = decoded.timeMs;
            if (decoded.end) end = true;
          }
        }
        if (end) ended.add(p);
        yield { partition: p, items, position: { seq: messages[messages.length - 1].seq } satisfies NatsPosition, heartbeatMs, end };
        if (options.untilEnd && ended.size === partitions.length) break;
      }
    } finally {
      feed.stop();
      await nc.drain().catch(() => undefined);
    }
  }

  return {
    partitions,
    open: (resume) => batches(resume),
    stop() {
      stopped = true;
      feed?.stop();
    },
    stats,
  };
}
