/**
 * The sink registry: hit destinations other than a stream of text (`run --sink URL`), by URL
 * scheme. A new sink is one file beside this one and one line here.
 */
import type { Hit } from '../hit.js';
import { natsSink } from './nats-sink.js';

export interface HitSinkHandle {
  write(hit: Hit): Promise<void>;
  end(): Promise<void>;
  readonly published: number;
  readonly duplicates: number;
}

export const sinks: Readonly<Record<string, (url: string, subject: string) => Promise<HitSinkHandle>>> = {
  nats: natsSink,
};

/** The sink for `url` by its scheme, or undefined for a scheme that is not registered. */
export function openSink(url: string, subject: string): Promise<HitSinkHandle> | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  return scheme !== undefined && Object.hasOwn(sinks, scheme) ? sinks[scheme](url, subject) : undefined;
}
