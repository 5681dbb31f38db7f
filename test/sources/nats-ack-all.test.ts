/**
 * Pins why workers checkpoint a stream sequence instead of acknowledging (issue 16): with one
 * shared durable consumer and "ack all", a worker's ack also acknowledges the messages another
 * worker had fetched but never processed (it was killed), so the server never redelivers them.
 */
import { describe, expect, it } from 'vitest';
import { connect, nanos } from '@nats-io/transport-node';
import { AckPolicy, jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import { hasNatsServer, natsServerForFile } from '../helpers/nats-server.js';

const EVENTS = 3000;

describe.skipIf(!hasNatsServer)('NATS: ack all on a shared consumer (the design not to go back to)', () => {
  const nats = natsServerForFile();

  it('loses the events a killed worker had fetched', async () => {
    const server = nats();
    const nc = await connect({ servers: server.url.replace('nats://', '') });
    const jsm = await jetstreamManager(nc);
    const js = jetstream(nc);
    await jsm.streams.add({ name: 'ACKALL', subjects: ['ackall.>'] });
    for (let i = 0; i < EVENTS; i += 100) await Promise.all(Array.from({ length: 100 }, (_, j) => js.publish(`ackall.${(i + j) % 40}`, String(i + j))));
    await jsm.consumers.add('ACKALL', { durable_name: 'shared', ack_policy: AckPolicy.All, ack_wait: nanos(500) });
    const consumer = await js.consumers.get('ACKALL', 'shared');
    const state = new Set<number>();
    const fetch = async (n: number): Promise<JsMsg[]> => {
      const out: JsMsg[] = [];
      for await (const m of await consumer.fetch({ max_messages: n, expires: 1000 })) out.push(m);
      return out;
    };
    // Worker B fetches a batch and is killed before it processes or acknowledges any of it.
    const a1 = await fetch(300);
    const killedB = await fetch(300);
    expect(killedB.length).toBe(300);
    // Worker A goes on: processes its batches and acknowledges each batch's last message ("all").
    for (let batch = a1; batch.length > 0; batch = await fetch(300)) {
      for (const m of batch) state.add(Number(m.string()));
      batch[batch.length - 1].ack();
      await new Promise((r) => setTimeout(r, 20));
    }
    // Past the ack wait, nothing of B's batch comes back: its ack-all by A covered it.
    await new Promise((r) => setTimeout(r, 1200));
    for (const m of await fetch(300)) state.add(Number(m.string()));
    await nc.close();
    const lost = EVENTS - state.size;
    expect(lost).toBe(killedB.length);
  }, 60_000);
});
