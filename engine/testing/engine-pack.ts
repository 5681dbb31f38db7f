/** The engine's public pipeline as a `Pack`: rules loaded and compiled once, a fresh detector per case. */
import { engineFromCollection } from '../pipeline/engine.js';
import type { RuleMeta } from '../sigma/correlation/model.js';
import { loadRules } from '../sigma/load.js';
import type { Pack, PackRule } from './pack.js';

const metaRule = (rule: RuleMeta): PackRule => ({ id: rule.id, name: rule.name, title: rule.title, level: rule.level, path: rule.file });

export async function loadPack(paths: string[]): Promise<Pack> {
  const collection = await loadRules(paths);
  const engine = engineFromCollection(collection);
  // Inline sequence steps are compiled as hidden rules; they never hit on their own, so they are not pack rules.
  const hidden = new Set(engine.correlations.hiddenRules);
  const rules: PackRule[] = [
    ...engine.compiled.compiled.filter((c) => !hidden.has(c.rule)).map((c) => c.summary),
    ...engine.correlations.correlations.map(metaRule),
    ...engine.correlations.sequences.map(metaRule),
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
