/**
 * `run --sink nats://HOST:PORT`: hits published to JetStream (subject `--sink-subject`, default
 * `sigstream.hits`) with their deterministic hit id as the message id, so the hits a restarted
 * worker repeats (those after its last checkpoint) are dropped by the server's de-duplication.
 */
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Hit } from '../hit.js';
import { connectNats, ensureStream, streamName } from '../sources/nats-stream.js';
import { hitId } from '../pipeline/hit-id.js';

export interface NatsSink {
  write(hit: Hit): Promise<void>;
  end(): Promise<void>;
  /** Publishes the server dropped as duplicates of an earlier one. */
  readonly duplicates: number;
  readonly published: number;
}

export async function natsSink(url: string, subject: string): Promise<NatsSink> {
  const nc: NatsConnection = await connectNats(url, 'sigstream sink');
  await ensureStream(await jetstreamManager(nc), streamName(subject), [subject]);
  const js: JetStreamClient = jetstream(nc);
  const sink = {
    duplicates: 0,
    published: 0,
    async write(hit: Hit) {
      // Named first, so the published hit carries the id it is de-duplicated by.
      const msgID = hitId(hit);
      const ack = await js.publish(subject, JSON.stringify(hit), { msgID });
      sink.published++;
      if (ack.duplicate) sink.duplicates++;
    },
    async end() {
      await nc.drain();
    },
  };
  return sink;
}
