/**
 * What the test runner, benign mode and the vitest matchers need from the engine: the loaded rules
 * and fresh detectors over them. `engine-pack.ts` builds it from the library's public API; tests of
 * the runner itself may build one from anything that produces hits.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { NormalizedEvent } from '../event.js';
import type { Hit } from '../hit.js';

export interface PackRule {
  id?: string;
  name?: string;
  title: string;
  level?: string;
  /** Rule file path as loaded. */
  path: string;
}

export interface PackDetector {
  process(event: NormalizedEvent): Hit[];
  /** End of input: hits that only a closed window or a timed-out step can produce. */
  flush(): Hit[];
}

export interface Pack {
  rules: PackRule[];
  diagnostics: Diagnostic[];
  /** A detector with fresh state over every rule of the pack (one per test case). */
  detector(): PackDetector;
}

export type PackLoader = (ruleFiles: string[]) => Promise<Pack>;

/** Run events through a fresh detector and collect every hit, end-of-input ones included. */
export function detectAll(pack: Pack, events: Iterable<NormalizedEvent>): Hit[] {
  const detector = pack.detector();
  const hits: Hit[] = [];
  for (const event of events) hits.push(...detector.process(event));
  hits.push(...detector.flush());
  return hits;
}
