/**
 * The layout of sigstream's JetStream stream, shared by `publish`, the NATS source and the tests:
 * events of partition P from host H on `SUBJECT.P.h.H`, the producer's heartbeats and end marks on
 * `SUBJECT.P.c`, so one filter subject (`SUBJECT.P.>`) delivers a partition in stream order.
 */
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { subjectToken } from './subject-token.js';
import { BATCH_ITEMS } from './source.js';

/** A heartbeat or end mark on a partition's control subject. */
export interface ControlMessage {
  /** The producer's latest event time (ms). */
  timeMs?: number;
  /** The producer finished its input. */
  end?: boolean;
}

/** How long JetStream remembers message ids to drop a duplicate publish (a replay after a restart). */
export const DUPLICATE_WINDOW_MS = 10 * 60_000;

export function streamName(subject: string): string {
  return subject.toUpperCase().replace(/[^A-Z0-9_-]/g, '_');
}

export function eventSubject(subject: string, partition: number, host: string): string {
  return `${subject}.${partition}.h.${subjectToken(host)}`;
}

export function controlSubject(subject: string, partition: number): string {
  return `${subject}.${partition}.c`;
}

export function partitionFilter(subject: string, partition: number): string {
  return `${subject}.${partition}.>`;
}

/** `nats://HOST:PORT` (or `HOST:PORT`) as the client's server string. */
export function natsServer(url: string): string {
  return url.replace(/^nats:\/\//, '');
}

/**
 * `noAsyncTraces`: the client otherwise builds two Error objects (stack traces) for every request,
 * i.e. every JetStream publish; profiled, that was a fifth of `publish`'s CPU time.
 */
export async function connectNats(url: string, name: string): Promise<NatsConnection> {
  return connect({ servers: natsServer(url), name, maxReconnectAttempts: -1, noAsyncTraces: true });
}

/** Creates the stream for `subjects` if it is missing (file storage, a de-duplication window). */
export async function ensureStream(jsm: JetStreamManager, name: string, subjects: string[]): Promise<void> {
  try {
    await jsm.streams.info(name);
  } catch {
    await jsm.streams.add({ name, subjects, duplicate_window: nanos(DUPLICATE_WINDOW_MS) });
  }
}

export async function ensureEventStream(nc: NatsConnection, subject: string): Promise<void> {
  await ensureStream(await jetstreamManager(nc), streamName(subject), [`${subject}.>`]);
}

/** Messages of one partition, in stream order. */
export interface PartitionMessages {
  partition: number;
  messages: JsMsg[];
}

export interface PartitionFeed {
  /** Batches of at most BATCH_ITEMS messages per partition, round robin, until `stop()`. */
  batches(): AsyncGenerator<PartitionMessages>;
  stop(): void;
}

/**
 * One ephemeral consumer per partition of `stream` (filter subject `filter(p)`), each starting after
 * the sequence its checkpoint covers, with no acknowledgements: the checkpoint is the only record
 * of progress (see nats.ts for why). Shared by the event source and the re-keyed hit stream.
 */
export async function partitionFeed(nc: NatsConnection, stream: string, filter: (partition: number) => string, resume: ReadonlyMap<number, number>): Promise<PartitionFeed> {
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  let stopped = false;
  let wake: (() => void) | undefined;
  const queues = new Map<number, JsMsg[]>();
  const feeds: ConsumerMessages[] = [];
  for (const [p, from] of resume) {
    const info = await jsm.consumers.add(stream, {
      filter_subject: filter(p),
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: from + 1,
      ack_policy: AckPolicy.None,
      inactive_threshold: nanos(60_000),
    });
    const messages = await (await js.consumers.get(stream, info.name)).consume({ max_messages: 2 * BATCH_ITEMS });
    feeds.push(messages);
    const queue: JsMsg[] = [];
    queues.set(p, queue);
    void (async () => {
      for await (const msg of messages) {
        queue.push(msg);
        wake?.();
      }
    })();
  }
  async function* batches(): AsyncGenerator<PartitionMessages> {
    try {
      while (!stopped) {
        let any = false;
        for (const [partition, queue] of queues) {
          if (queue.length === 0) continue;
          any = true;
          yield { partition, messages: queue.splice(0, BATCH_ITEMS) };
        }
        if (!any && !stopped) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, 200);
          });
          wake = undefined;
        }
      }
    } finally {
      for (const feed of feeds) feed.stop();
    }
  }
  return {
    batches,
    stop() {
      stopped = true;
      wake?.();
    },
  };
}
