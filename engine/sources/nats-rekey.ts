/**
 * The re-keyed hit stream of a partitioned NATS deployment (docs/deployment.md): workers publish
 * the member hits of correlations that are not host-local on `SUBJECT-rekeyed.Q.k`, Q being the
 * partition of the hit's group key, and each event partition's progress in event time (and its end)
 * on `SUBJECT-rekeyed.Q.c` for every Q, so the owner of Q knows when a window may close. Transport
 * only: what is sent and how it is evaluated is pipeline/rekey.ts.
 */
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Hit } from '../hit.js';
import { ensureStream, partitionFeed, streamName, type PartitionFeed } from './nats-stream.js';

/** One member hit for the correlation `rule` (its ruleKey), at event time `timeMs`. */
export interface RekeyedHit {
  rule: string;
  timeMs: number;
  hit: Hit;
}

/** Event partition `from` has published every hit up to event time `timeMs` (and, with `end`, all of them). */
export interface RekeyProgress {
  from: number;
  timeMs?: number;
  end?: boolean;
}

export type RekeyedMessage = { hit: RekeyedHit } | { progress: RekeyProgress };

export function rekeyedSubject(eventSubject: string): string {
  return `${eventSubject}-rekeyed`;
}

async function ensureRekeyedStream(nc: NatsConnection, subject: string): Promise<void> {
  await ensureStream(await jetstreamManager(nc), streamName(subject), [`${subject}.>`]);
}

export interface RekeyPublisher {
  /** `msgID` names the hit, so a worker's replay after a restart is dropped by the server. */
  hit(partition: number, body: RekeyedHit, msgID: string): void;
  progress(partition: number, body: RekeyProgress): void;
  /** Resolves once the server has stored everything published so far. */
  settle(): Promise<void>;
}

/** Publishes in windows of unacknowledged messages, like `publish` (nats-publish.ts). */
const IN_FLIGHT = 64;

export async function rekeyPublisher(nc: NatsConnection, eventSubject: string): Promise<RekeyPublisher> {
  const subject = rekeyedSubject(eventSubject);
  await ensureRekeyedStream(nc, subject);
  const js = jetstream(nc);
  let pending: Promise<unknown>[] = [];
  let failure: Error | undefined;
  const track = (ack: Promise<unknown>) => {
    pending.push(ack.catch((err: Error) => (failure ??= err)));
  };
  return {
    hit: (partition, body, msgID) => track(js.publish(`${subject}.${partition}.k`, JSON.stringify(body), { msgID })),
    progress: (partition, body) => track(js.publish(`${subject}.${partition}.c`, JSON.stringify(body))),
    async settle() {
      while (pending.length > 0) {
        const batch = pending.splice(0, IN_FLIGHT);
        await Promise.all(batch);
      }
      if (failure) throw failure;
    },
  };
}

export interface RekeyedBatch {
  partition: number;
  messages: RekeyedMessage[];
  /** The stream sequence of the last message taken (decoded or not): the position a checkpoint covers. */
  lastSeq: number;
  /** Messages that were not JSON (only sigstream workers publish here): skipped and counted. */
  undecodable: number;
}

export interface RekeyedFeed {
  batches(): AsyncGenerator<RekeyedBatch>;
  stop(): void;
}

/** The owned re-keyed partitions, each from the sequence after its checkpoint. */
export async function rekeyedFeed(nc: NatsConnection, eventSubject: string, resume: ReadonlyMap<number, number>): Promise<RekeyedFeed> {
  const subject = rekeyedSubject(eventSubject);
  await ensureRekeyedStream(nc, subject);
  const feed: PartitionFeed = await partitionFeed(nc, streamName(subject), (p) => `${subject}.${p}.>`, resume);
  return {
    async *batches() {
      for await (const { partition, messages } of feed.batches()) {
        const decoded: RekeyedMessage[] = [];
        let undecodable = 0;
        for (const msg of messages) {
          let body: unknown;
          try {
            body = msg.json();
          } catch {
            undecodable++;
            continue;
          }
          if (msg.subject.endsWith('.c')) decoded.push({ progress: body as RekeyProgress });
          else decoded.push({ hit: body as RekeyedHit });
        }
        yield { partition, messages: decoded, lastSeq: messages[messages.length - 1].seq, undecodable };
      }
    },
    stop: () => feed.stop(),
  };
}
