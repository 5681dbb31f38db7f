/**
 * Unions of ATT&CK info: one entry per technique id, tactics in matrix order. Used to merge RuleName
 * techniques into a rule's, and for a correlation hit whose own rule has fewer tags than the hits
 * that completed it.
 */
import type { AttackInfo, TacticRef, TechniqueRef } from '../hit.js';
import { byTacticOrder } from './technique.js';

/**
 * Add a technique unless its id is there already. When the same id comes from a second source, the
 * first entry stays (`source` unchanged) and `sources` lists both, so no origin is hidden.
 */
export function addTechnique(techniques: Map<string, TechniqueRef>, ref: TechniqueRef): void {
  const seen = techniques.get(ref.id);
  if (!seen) {
    techniques.set(ref.id, ref);
    return;
  }
  const sources = new Set([...(seen.sources ?? [seen.source]), ...(ref.sources ?? [ref.source])]);
  if (sources.size > (seen.sources?.length ?? 1)) {
    techniques.set(ref.id, Object.freeze({ ...seen, sources: Object.freeze([...sources]) as TechniqueRef['sources'] }));
  }
}

/** Frozen AttackInfo: the techniques given, and the tactics given plus those of every technique. */
export function attackInfo(techniques: Iterable<TechniqueRef>, tactics: Iterable<TacticRef>): AttackInfo {
  const byShortname = new Map<string, TacticRef>();
  const list = [...techniques];
  for (const tactic of [...tactics, ...list.flatMap((t) => t.tactics)]) {
    const key = tactic.shortname ?? tactic.id;
    if (!byShortname.has(key)) byShortname.set(key, tactic);
  }
  return Object.freeze({
    techniques: Object.freeze(list) as TechniqueRef[],
    tactics: Object.freeze([...byShortname.values()].sort(byTacticOrder)) as TacticRef[],
  });
}

/** The union of several hits' ATT&CK, first one first (e.g. a correlation rule's own, then its hits'). */
export function mergeAttack(infos: readonly AttackInfo[]): AttackInfo {
  const techniques = new Map<string, TechniqueRef>();
  for (const info of infos) for (const ref of info.techniques) addTechnique(techniques, ref);
  return attackInfo(techniques.values(), infos.flatMap((i) => i.tactics));
}
