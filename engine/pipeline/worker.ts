/**
 * One worker of a sharded run (workers.ts): it loads the same rules as the main thread, detects
 * over the events of its partitions, and answers each batch with, per event, the NDJSON text of
 * its printed hits (serialized here, off the main thread) and its correlator input for the main
 * thread's correlation stage.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CorrelatorInput } from '../correlate/correlator.js';
import type { NormalizedEvent } from '../event.js';
import { flatShape } from '../events/json-shapes/flat.js';
import { jsonLineOutcome } from '../events/ndjson.js';
import type { ReadItem } from '../events/reader.js';
import type { DetectionHit } from '../hit.js';
import { HitJson } from '../hit-json.js';
import type { CorrelationSet } from '../sigma/correlation/load.js';
import { hitKeys } from '../sigma/correlation/model.js';
import { createEngine, type EngineOptions } from './engine.js';
import type { DetectorStats } from './detector.js';
import { threadCpuSeconds } from './thread-cpu.js';

export interface WorkerSetup {
  rulePaths: string[];
  options: EngineOptions;
  /** Answer with hit JSON lines (HitJson) rather than hit objects. */
  serialize: boolean;
}

/** A problem reading a line: the line gives no event (skip) or gives one with a warning. */
export type LineProblem = Extract<ReadItem, { kind: 'skip' | 'warning' }>;

export type ToWorker =
  | { kind: 'events'; events: NormalizedEvent[] }
  /**
   * Lines of flat NDJSON (UTF-8, each ended by '\n'), decoded and parsed here (the main thread
   * does neither); `input` and `lines` (line numbers) are their place, which the events carry.
   */
  | { kind: 'lines'; bytes: Uint8Array; input?: string; lines?: number[] }
  | { kind: 'end' };

export type FromWorker =
  /** `cpuSeconds` (here and in 'ended'): this worker thread's CPU time so far (thread-cpu.ts). */
  | { kind: 'ready'; cpuSeconds: number | undefined }
  /**
   * Per event or line of the batch: its printed hits (as NDJSON text when serializing), its
   * correlator input; and the reading problems of lines, by their index in the batch.
   */
  | {
      kind: 'results';
      /** Serializing: the batch's hit lines as UTF-8 (transferred, never on the heap), and where each entry's end. */
      text?: Uint8Array;
      ends?: Uint32Array;
      /** Not serializing: each entry's hit objects. */
      hits?: DetectionHit[][];
      inputs: Array<CorrelatorInput | undefined>;
      problems?: Array<[index: number, problems: LineProblem[]]>;
    }
  | { kind: 'ended'; stats: DetectorStats; cpuSeconds: number | undefined }
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

/**
 * Answer a batch. Hit text goes as one transferred UTF-8 buffer: strings would be copied into the
 * main thread's heap, and collecting them there costs it more than writing them.
 */
function answer(found: string[], hits: DetectionHit[][], inputs: Array<CorrelatorInput | undefined>, problems?: Array<[number, LineProblem[]]>): void {
  if (!setup.serialize) {
    post({ kind: 'results', hits, inputs, problems });
    return;
  }
  const ends = new Uint32Array(found.length);
  let total = 0;
  for (let i = 0; i < found.length; i++) ends[i] = total += found[i] === '' ? 0 : Buffer.byteLength(found[i]);
  const text = Buffer.allocUnsafeSlow(total);
  for (let i = 0, at = 0; i < found.length; at = ends[i++]) if (found[i] !== '') text.write(found[i], at);
  port.postMessage({ kind: 'results', text, ends, inputs, problems } satisfies FromWorker, [text.buffer, ends.buffer]);
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
      post({ kind: 'ended', stats: detector.stats, cpuSeconds: threadCpuSeconds() });
      port.close();
      return;
    }
    const found: string[] = [];
    const objects: DetectionHit[][] = [];
    const inputs: Array<CorrelatorInput | undefined> = [];
    const detect = (event: NormalizedEvent | undefined) => {
      if (!event) {
        if (setup.serialize) found.push('');
        else objects.push([]);
        inputs.push(undefined);
        return;
      }
      const { hits, correlatorInput } = detector.detect(event);
      if (setup.serialize) {
        let text = '';
        for (const hit of hits) text += json.text(hit) + '\n';
        found.push(text);
      } else objects.push(hits);
      // Only hits a correlation reads cross back (cloned); the input's time still advances the stage's clock.
      if (correlatorInput) correlatorInput.hits = correlatorInput.hits.filter((h) => hitKeys(h.rule).some((k) => referenced.has(k)));
      inputs.push(correlatorInput);
    };
    if (message.kind === 'events') {
      for (const event of message.events) detect(event);
      answer(found, objects, inputs);
      return;
    }
    const problems: Array<[number, LineProblem[]]> = [];
    const lines = Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength).toString('utf8').split('\n');
    lines.pop(); // after the last line end
    for (let i = 0; i < lines.length; i++) {
      const noted: LineProblem[] = [];
      // The flat shape is synchronous: no await between lines.
      const outcome = jsonLineOutcome(lines[i], message.lines?.[i] ?? i + 1, message.input, flatShape, (warning) => noted.push({ kind: 'warning', diagnostic: warning })) as ReadItem | null;
      if (outcome?.kind === 'skip' || outcome?.kind === 'warning') noted.push(outcome);
      if (noted.length > 0) problems.push([i, noted]);
      detect(outcome?.kind === 'event' ? outcome.event : undefined);
    }
    answer(found, objects, inputs, problems.length > 0 ? problems : undefined);
  });
  post({ kind: 'ready', cpuSeconds: threadCpuSeconds() });
} catch (err) {
  post({ kind: 'failed', message: (err as Error).message });
}
