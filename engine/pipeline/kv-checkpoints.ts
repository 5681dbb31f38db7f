/**
 * Checkpoints of NATS workers in a JetStream KV bucket, one key per stream and partition (the store owns the connection it is given), so any
 * worker that takes a partition over finds its state. A checkpoint larger than a safe message size
 * is split into parts under a fresh generation key, written before the head key that names them:
 * a crash in between leaves the previous checkpoint in force.
 */
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { diagnostic } from '../diagnostics.js';
import { parseCheckpoint, type CheckpointStore } from './state-file.js';

/** Under the server's default 1 MiB payload limit, with room for headers. */
const PART_BYTES = 900 * 1024;

interface Head {
  parts: number;
  generation: string;
}

export async function kvCheckpoints(nc: NatsConnection, bucket: string, stream: string): Promise<CheckpointStore> {
  const kv: KV = await new Kvm(nc).create(bucket, { history: 1 });
  const key = (partition: number) => `${stream}.p${partition}`;
  return {
    where: (partition) => `kv:${bucket}/${key(partition)}`,
    async load(partition) {
      const where = { file: `kv:${bucket}/${key(partition)}` };
      const entry = await kv.get(key(partition));
      if (!entry || entry.operation !== 'PUT' || entry.value.length === 0) return { diagnostics: [] };
      try {
        let raw: unknown = entry.json();
        const head = raw as Partial<Head> & { checkpoint?: unknown };
        if (head.checkpoint === undefined && typeof head.parts === 'number') {
          const chunks: Uint8Array[] = [];
          for (let i = 0; i < head.parts; i++) {
            const part = await kv.get(`${key(partition)}.g${head.generation}.${i}`);
            if (!part) throw new Error(`part ${i} of generation ${head.generation} is missing`);
            chunks.push(part.value);
          }
          raw = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        }
        const checkpoint = parseCheckpoint(raw);
        if (!checkpoint) return { diagnostics: [diagnostic('error', 'bad-state', 'not a sigstream checkpoint', where)] };
        return { checkpoint, diagnostics: [] };
      } catch (err) {
        return { diagnostics: [diagnostic('error', 'bad-state', `cannot read checkpoint: ${(err as Error).message}`, where)] };
      }
    },
    close: () => nc.drain(),
    async save(partition, checkpoint) {
      const bytes = Buffer.from(JSON.stringify(checkpoint));
      const previous = await kv.get(key(partition));
      if (bytes.length <= PART_BYTES) {
        await kv.put(key(partition), bytes);
      } else {
        const generation = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
        const parts = Math.ceil(bytes.length / PART_BYTES);
        for (let i = 0; i < parts; i++) await kv.put(`${key(partition)}.g${generation}.${i}`, bytes.subarray(i * PART_BYTES, (i + 1) * PART_BYTES));
        await kv.put(key(partition), JSON.stringify({ parts, generation } satisfies Head));
      }
      // The parts of the checkpoint just replaced are no longer named by anything.
      if (previous && previous.operation === 'PUT') {
        try {
          const head = previous.json<Partial<Head>>();
          if (typeof head.parts === 'number') for (let i = 0; i < head.parts; i++) await kv.purge(`${key(partition)}.g${head.generation}.${i}`);
        } catch {
          // an unreadable previous head has no parts to clean
        }
      }
    },
  };
}
