/**
 * Output writers over the same stream (issue 13): the engine's events/s when hits are written as
 * NDJSON, CSV and a table, each to a sink that discards bytes, as ratios to NDJSON in one run.
 * Target: each within 10% of NDJSON (ratio >= 0.9).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { engineFromCollection } from '../engine/pipeline/engine.js';
import { loadRules } from '../engine/sigma/load.js';
import { createWriter } from '../engine/output/writers.js';
import { ruleFieldLists } from '../engine/output/timeline.js';
import { syntheticEvents } from './synthetic.js';

const EVENTS = 100_000;
const RUNS = 3;
const WRITERS = ['ndjson', 'csv', 'table'] as const;

class Discard extends Writable {
  bytes = 0;
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.bytes += chunk.length;
    done();
  }
}

export async function bench(ctx: { sharedDir: string | undefined }): Promise<Record<string, unknown>> {
  const sigmahq = ctx.sharedDir ? resolve(ctx.sharedDir, 'sigmahq/rules') : undefined;
  const rules = sigmahq && existsSync(sigmahq) ? sigmahq : resolve(import.meta.dirname, '../../rules');
  const lines = syntheticEvents(EVENTS).map((e) => JSON.stringify(e));
  const engine = engineFromCollection(await loadRules([rules]));
  const ruleFields = ruleFieldLists(engine.compiled.compiled);
  const measure = async (name: string) => {
    const out = new Discard();
    const writer = createWriter(name, { out, width: 160, ruleFields })!;
    const started = performance.now();
    let hits = 0;
    // Parsing each line is part of every measurement, as in `run`: the ratio shows the writer's share.
    for (const line of lines) {
      for (const hit of engine.detector.process(JSON.parse(line))) {
        hits++;
        await writer.write(hit);
      }
    }
    await writer.end();
    const seconds = (performance.now() - started) / 1000;
    return { eventsPerSecond: EVENTS / seconds, hits, megabytes: out.bytes / 1e6 };
  };
  const results: Record<string, { eventsPerSecond: number; hits: number; megabytes: number }> = {};
  // Interleaved rounds, best of each: a slow moment of the shared machine hits every writer alike.
  for (let round = 0; round < RUNS; round++) {
    for (const name of WRITERS) {
      const r = await measure(name);
      if (!results[name] || r.eventsPerSecond > results[name].eventsPerSecond) results[name] = r;
    }
  }
  const base = results.ndjson.eventsPerSecond;
  return {
    events: EVENTS,
    rules,
    writers: results,
    ratioToNdjson: Object.fromEntries(WRITERS.map((w) => [w, results[w].eventsPerSecond / base])),
    target: 0.9,
    meetsTarget: WRITERS.every((w) => results[w].eventsPerSecond / base >= 0.9),
  };
}
