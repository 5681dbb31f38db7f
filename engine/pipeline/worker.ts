/**
 * One worker of a sharded run (workers.ts): it loads the same rules as the main thread, detects
 * over the events of its partitions, and answers each batch with, per event, the NDJSON text of
 * its printed hits (serialized here, off the main thread) and its correlator input for the main
 * thread's correlation stage.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CorrelatorInput } from '../correlate/correlator.js';
import type { NormalizedEvent } from '../event.js';
import type { DetectionHit } from '../hit.js';
import { HitJson } from '../hit-json.js';
import type { CorrelationSet } from '../sigma/correlation/load.js';
import { hitKeys } from '../sigma/correlation/model.js';
import { createEngine, type EngineOptions } from './engine.js';
import type { DetectorStats } from './detector.js';

export interface WorkerSetup {
  rulePaths: string[];
  options: EngineOptions;
  /** Answer with hit JSON lines (HitJson) rather than hit objects. */
  serialize: boolean;
}

export type ToWorker = { kind: 'events'; events: NormalizedEvent[] } | { kind: 'end' };

export type FromWorker =
  | { kind: 'ready' }
  /** Per event of the batch: its printed hits (as NDJSON text when serializing), its correlator input. */
  | { kind: 'results'; found: Array<string | DetectionHit[]>; inputs: Array<CorrelatorInput | undefined> }
  | { kind: 'ended'; stats: DetectorStats }
  | { kind: 'failed'; message: string };

/** Hit keys of the rules that some correlation or sequence reads. */
function referencedKeys(set: CorrelationSet): Set<string> {
  const keys = new Set<string>();
  for (const c of set.correlations) for (const t of c.targets) keys.add(t);
  for (const s of set.sequences) {
    for (const step of s.steps) keys.add(step.target);
    if (s.until) keys.add(s.until.target);
  }
  return keys;
}

const port = parentPort!;
const setup = workerData as WorkerSetup;
const post = (message: FromWorker) => port.postMessage(message);

try {
  const engine = await createEngine(setup.rulePaths, { ...setup.options, detachedCorrelations: true });
  const { detector } = engine;
  const json = new HitJson();
  const referenced = referencedKeys(engine.correlations);
  port.on('message', (message: ToWorker) => {
    if (message.kind === 'end') {
      post({ kind: 'ended', stats: detector.stats });
      port.close();
      return;
    }
    const found: Array<string | DetectionHit[]> = [];
    const inputs: Array<CorrelatorInput | undefined> = [];
    for (const event of message.events) {
      const { hits, correlatorInput } = detector.detect(event);
      if (setup.serialize) {
        let text = '';
        for (const hit of hits) text += json.text(hit) + '\n';
        found.push(text);
      } else found.push(hits);
      // Only hits a correlation reads cross back (cloned); the input's time still advances the stage's clock.
      if (correlatorInput) correlatorInput.hits = correlatorInput.hits.filter((h) => hitKeys(h.rule).some((k) => referenced.has(k)));
      inputs.push(correlatorInput);
    }
    post({ kind: 'results', found, inputs });
  });
  post({ kind: 'ready' });
} catch (err) {
  post({ kind: 'failed', message: (err as Error).message });
}
