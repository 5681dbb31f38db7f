/**
 * Unions of ATT&CK info: one entry per technique id, tactics in matrix order. Used to merge RuleName
 * techniques into a rule's, and for a correlation hit whose own rule has fewer tags than the hits
 * that completed it.
 */
import type { AttackInfo, AttackObjectRef, TacticRef, TechniqueRef } from '../hit.js';
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

/** Groups and software by id, in first-seen order. */
export interface AttackObjects {
  groups: Map<string, AttackObjectRef>;
  software: Map<string, AttackObjectRef>;
}

/** Frozen AttackInfo: the techniques given, the tactics given plus those of every technique, and any groups and software. */
export function attackInfo(techniques: Iterable<TechniqueRef>, tactics: Iterable<TacticRef>, objects?: AttackObjects): AttackInfo {
  const byShortname = new Map<string, TacticRef>();
  const list = [...techniques];
  for (const tactic of [...tactics, ...list.flatMap((t) => t.tactics)]) {
    const key = tactic.shortname ?? tactic.id;
    if (!byShortname.has(key)) byShortname.set(key, tactic);
  }
  return Object.freeze({
    techniques: Object.freeze(list) as TechniqueRef[],
    tactics: Object.freeze([...byShortname.values()].sort(byTacticOrder)) as TacticRef[],
    ...(objects?.groups.size ? { groups: Object.freeze([...objects.groups.values()]) as AttackObjectRef[] } : {}),
    ...(objects?.software.size ? { software: Object.freeze([...objects.software.values()]) as AttackObjectRef[] } : {}),
  });
}

/** The union of several hits' ATT&CK, first one first (e.g. a correlation rule's own, then its hits'). */
export function mergeAttack(infos: readonly AttackInfo[]): AttackInfo {
  const techniques = new Map<string, TechniqueRef>();
  const objects: AttackObjects = { groups: new Map(), software: new Map() };
  for (const info of infos) {
    for (const ref of info.techniques) addTechnique(techniques, ref);
    for (const ref of info.groups ?? []) if (!objects.groups.has(ref.id)) objects.groups.set(ref.id, ref);
    for (const ref of info.software ?? []) if (!objects.software.has(ref.id)) objects.software.set(ref.id, ref);
  }
  return attackInfo(techniques.values(), infos.flatMap((i) => i.tactics), objects);
}
