/**
 * `sigstream publish`: events of any input format onto the JetStream stream, each on its host's
 * partition (partitionOf, the one partition function of `run --workers`) under its host's subject token, then a heartbeat (the latest
 * event time) and, unless the producer goes on, an end mark on every partition.
 */
import { jetstream } from '@nats-io/jetstream';
import { eventTimeMs, provenanceOf, type NormalizedEvent } from '../event.js';
import { connectNats, controlSubject, ensureEventStream, eventSubject, type ControlMessage } from './nats-stream.js';
import { partitionOf } from '../partition.js';

export interface PublishOptions {
  url: string;
  subject: string;
  partitions: number;
  /** Send the end mark after the heartbeat (the input is complete). */
  end: boolean;
}

/** Publishes in windows of this many unacknowledged messages (measured: 64 publishes 30k events in 2.5 s, 4096 in 8.7 s). */
const IN_FLIGHT = 64;

export async function publishEvents(events: AsyncIterable<NormalizedEvent>, options: PublishOptions): Promise<{ published: number; duplicates: number }> {
  const nc = await connectNats(options.url, 'sigstream publish');
  try {
    await ensureEventStream(nc, options.subject);
    const js = jetstream(nc);
    let published = 0;
    let duplicates = 0;
    let latestMs: number | undefined;
    let pending: Promise<{ duplicate: boolean }>[] = [];
    const settle = async () => {
      for (const ack of await Promise.all(pending)) if (ack.duplicate) duplicates++;
      pending = [];
    };
    for await (const event of events) {
      const host = typeof event.Computer === 'string' ? event.Computer : '';
      const at = provenanceOf(event);
      const msgID = at ? `${at.input}:${at.line ?? ''}:${at.record ?? ''}` : undefined;
      pending.push(js.publish(eventSubject(options.subject, partitionOf(event, options.partitions), host), JSON.stringify(event), msgID ? { msgID } : undefined));
      published++;
      const ms = eventTimeMs(event);
      if (ms !== undefined && (latestMs === undefined || ms > latestMs)) latestMs = ms;
      if (pending.length >= IN_FLIGHT) await settle();
    }
    await settle();
    const control: ControlMessage = { timeMs: latestMs, end: options.end };
    for (let p = 0; p < options.partitions; p++) await js.publish(controlSubject(options.subject, p), JSON.stringify(control));
    return { published, duplicates };
  } finally {
    await nc.drain();
  }
}
