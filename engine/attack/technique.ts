/**
 * One technique id → the TechniqueRef a hit carries: name, tactics, parent, url, and its catalog status.
 * Revoked ids become their replacement (following chains to the first live id); deprecated and
 * unknown ids are kept and flagged. Refs are frozen and cached: every hit of a rule shares them.
 */
import type { TacticRef, TechniqueRef } from '../hit.js';
import { attackCatalog, onCatalogChange, type CatalogTactic, type CatalogTechnique } from './catalog.js';
import { BoundedCache } from './bounded-cache.js';

export type TechniqueSource = TechniqueRef['source'];

/** Name given to an id that neither the catalog nor the v19 additions know. */
export function unknownTechniqueName(): string {
  return `(not in ATT&CK ${attackCatalog().attackVersion})`;
}

export function tacticRef(tactic: CatalogTactic): TacticRef {
  return Object.freeze({ id: tactic.id, name: tactic.name, shortname: tactic.shortname });
}

const tacticRefs = new Map<string, TacticRef>();

/** The frozen TacticRef of a tactic shortname, or undefined when the catalog has no such tactic. */
export function tacticByShortname(shortname: string): TacticRef | undefined {
  let ref = tacticRefs.get(shortname);
  if (!ref) {
    const tactic = attackCatalog().tactics.get(shortname);
    if (!tactic) return undefined;
    ref = tacticRef(tactic);
    tacticRefs.set(shortname, ref);
  }
  return ref;
}

/** Matrix column order of a tactic shortname (unknown ones last). */
export function tacticOrder(shortname: string | undefined): number {
  return (shortname && attackCatalog().tactics.get(shortname)?.order) || Number.MAX_SAFE_INTEGER;
}

export function byTacticOrder(a: TacticRef, b: TacticRef): number {
  return tacticOrder(a.shortname) - tacticOrder(b.shortname);
}

function fromCatalog(entry: CatalogTechnique): Omit<TechniqueRef, 'source'> {
  const catalog = attackCatalog();
  const tactics = entry.tactics.flatMap((shortname) => tacticByShortname(shortname) ?? []).sort(byTacticOrder);
  const parentEntry = entry.parent ? catalog.techniques.get(entry.parent) : undefined;
  return {
    id: entry.id,
    name: entry.name,
    tactics,
    ...(parentEntry ? { parent: { id: parentEntry.id, name: parentEntry.name } } : {}),
    url: entry.url,
  };
}

function parentOfUnknown(id: string): TechniqueRef['parent'] {
  const dot = id.indexOf('.');
  if (dot < 0) return undefined;
  const parentId = id.slice(0, dot);
  const catalog = attackCatalog();
  const name = catalog.techniques.get(parentId)?.name ?? catalog.extraNames.get(parentId)?.name;
  return name ? { id: parentId, name } : undefined;
}

function build(id: string, source: TechniqueSource, givenName: string | undefined): TechniqueRef {
  const catalog = attackCatalog();
  const entry = catalog.techniques.get(id);
  if (entry?.revoked) {
    const replacement = catalog.techniques.get(entry.revoked_by_final ?? entry.revoked_by ?? '');
    if (replacement) return { ...fromCatalog(replacement), source, status: 'revoked', originalId: id };
  }
  if (entry && !entry.revoked) {
    return { ...fromCatalog(entry), source, ...(entry.deprecated ? { status: 'deprecated' as const } : {}) };
  }
  // Unknown (or revoked without a replacement in the data): kept, flagged, named as well as we can.
  const parent = parentOfUnknown(id);
  return {
    id,
    name: catalog.extraNames.get(id)?.name ?? givenName ?? unknownTechniqueName(),
    tactics: [],
    ...(parent ? { parent } : {}),
    source,
    status: 'unknown',
  };
}

const refs = new BoundedCache<TechniqueRef>(50_000);
onCatalogChange(() => {
  refs.clear();
  tacticRefs.clear();
});

function deepFreeze(ref: TechniqueRef): TechniqueRef {
  Object.freeze(ref.tactics);
  if (ref.parent) Object.freeze(ref.parent);
  return Object.freeze(ref);
}

/** The frozen TechniqueRef for an upper-case id. `givenName` names an id the catalog lacks (from a RuleName). */
export function resolveTechnique(id: string, source: TechniqueSource, givenName?: string): TechniqueRef {
  const key = `${source}\u0000${id}\u0000${givenName ?? ''}`;
  return refs.get(key) ?? refs.set(key, deepFreeze(build(id, source, givenName)));
}
