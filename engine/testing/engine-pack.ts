/** The engine's public pipeline as a `Pack`: rules loaded and compiled once, a fresh detector per case. */
import { engineFromCollection } from '../pipeline/engine.js';
import type { RuleDocument } from '../sigma/document.js';
import { loadRules } from '../sigma/load.js';
import type { Pack, PackRule } from './pack.js';

function documentRule(doc: RuleDocument): PackRule {
  const text = (key: string) => (typeof doc.data[key] === 'string' ? (doc.data[key] as string) : undefined);
  return { id: text('id'), name: text('name'), title: text('title') ?? `${doc.file}#${doc.index}`, level: text('level'), path: doc.file };
}

export async function loadPack(paths: string[]): Promise<Pack> {
  const collection = await loadRules(paths);
  const engine = engineFromCollection(collection);
  const rules: PackRule[] = [
    ...engine.compiled.compiled.map((c) => c.summary),
    ...collection.correlationDocuments.map(documentRule),
    ...collection.sequenceDocuments.map(documentRule),
  ];
  let first: typeof engine | undefined = engine;
  return {
    rules,
    diagnostics: engine.diagnostics,
    // Each case needs fresh correlation state; the engine built above serves the first one.
    detector: () => {
      const next = first ?? engineFromCollection(collection);
      first = undefined;
      return next.detector;
    },
  };
}
