/**
 * The layout of sigstream's JetStream stream, shared by `publish`, the NATS source and the tests:
 * events of partition P from host H on `SUBJECT.P.h.H`, the producer's heartbeats and end marks on
 * `SUBJECT.P.c`, so one filter subject (`SUBJECT.P.>`) delivers a partition in stream order.
 */
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { subjectToken } from './subject-token.js';

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

export async function connectNats(url: string, name: string): Promise<NatsConnection> {
  return connect({ servers: natsServer(url), name, maxReconnectAttempts: -1 });
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
