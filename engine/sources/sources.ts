/**
 * The source registry: where `run` takes its events from. A new source is one file beside this
 * one and one entry here. Which one a run uses follows from its flags: `--source URL` names a
 * scheme (nats://), `--follow` follows its input files, anything else reads inputs to their end.
 */
import type { ReadOptions } from '../events/read-events.js';
import { filesSource } from './files.js';
import { followSource, type FollowOptions } from './follow.js';
import { natsSource, type NatsSourceOptions } from './nats.js';
import type { EventSource } from './source.js';

export interface SourceRequest {
  /** Input specs (files, directories, globs, `-`). */
  inputs: readonly string[];
  read?: ReadOptions;
  follow?: FollowOptions;
  nats?: NatsSourceOptions;
}

export interface SourceDefinition {
  name: string;
  description: string;
  open(request: SourceRequest): Promise<EventSource>;
}

export const sources: Readonly<Record<string, SourceDefinition>> = {
  files: { name: 'files', description: 'files, directories, globs and stdin, each read to its end', open: async (r) => filesSource(r.inputs, r.read) },
  follow: {
    name: 'follow',
    description: 'growing and rotated text files, like tail -F, with positions in the --state checkpoint',
    open: async (r) => followSource(r.inputs, { format: r.read?.format, ...r.follow }),
  },
  nats: {
    name: 'nats',
    description: 'a NATS JetStream stream of events (sigstream publish), the partitions this worker owns',
    open: async (r) => {
      if (!r.nats) throw new TypeError('the nats source needs its options');
      return natsSource(r.nats);
    },
  },
};
