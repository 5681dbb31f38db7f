/** Test helpers: compile Sigma YAML text in memory and match events against it. */
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { addRuleText, emptyCollection, type RuleCollection } from '../../engine/sigma/load.js';
import { engineFromCollection, type Engine } from '../../engine/pipeline/engine.js';
import type { NormalizedEvent } from '../../engine/event.js';

export const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..');
export const sharedDir = resolve(repoRoot, '../shared');
export const hasShared = existsSync(resolve(sharedDir, 'sigmahq/rules'));

/** Print once, plainly, why shared-data tests are skipped. */
export function sharedNotice(what: string): void {
  if (!hasShared) console.warn(`SKIPPED ${what}: ${sharedDir} is absent (the SigmaHQ corpus is read from ../shared, never copied)`);
}

export function collectionFromText(yaml: string, options: { placeholders?: Record<string, string[]> } = {}): RuleCollection {
  const collection = emptyCollection();
  addRuleText(collection, 'inline.yml', yaml, options);
  return collection;
}

export function engineFromText(yaml: string, options: { placeholders?: Record<string, string[]> } = {}): Engine {
  return engineFromCollection(collectionFromText(yaml, options));
}

/** A rule over `product: windows` with no category (matches any Windows event), given the detection. */
export function ruleWithDetection(detection: string): string {
  const body = detection.split('\n').map((l) => '  ' + l).join('\n');
  return `title: test\nlogsource:\n  product: windows\ndetection:\n${body}\n`;
}

export function matches(yaml: string, event: NormalizedEvent, options: { placeholders?: Record<string, string[]> } = {}): boolean {
  const engine = engineFromText(yaml, options);
  const errors = engine.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('; '));
  return engine.detector.process(event).length > 0;
}

/** The smallest rule a CLI or source test can fire: a process_creation selection on whoami.exe. */
export function whoamiRuleText(title: string, id: string, level: string): string {
  return `title: ${title}
id: ${id}
status: test
logsource:
  product: windows
  category: process_creation
detection:
  selection:
    Image|endswith: '\\whoami.exe'
  condition: selection
level: ${level}
`;
}
