/**
 * One technique id → the TechniqueRef a hit carries: name, tactics, parent, url, and its catalog status.
 * Tactics are shown as ATT&CK v19 names them (Defense Evasion became Stealth). v19 ids resolve from
 * what is known of v19; a v18 id that moved in v19 keeps its v18 entry and names its `successor`.
 * Revoked ids become their replacement (following chains to the first live id); deprecated and
 * unknown ids are kept and flagged. Refs are frozen and cached: every hit of a rule shares them.
 */
import type { AttackObjectRef, TacticRef, TechniqueRef } from '../hit.js';
import { attackCatalog, onCatalogChange, type CatalogTactic, type CatalogTechnique, type V19Technique } from './catalog.js';
import { BoundedCache } from './bounded-cache.js';

export type TechniqueSource = TechniqueRef['source'];

/** Name given to an id (technique, group, software) that neither the catalog nor what is known of v19 names. */
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

/**
 * Tactics in the v19 view (`defense-evasion` → `stealth`), except for a technique whose meaning
 * moved in v19 (`moved`): that v18 entry keeps its v18 tactics, its successor has the v19 ones.
 */
function tacticsOf(shortnames: readonly string[], moved: boolean): TacticRef[] {
  const renamed = attackCatalog().v19Tactics;
  const view = moved ? shortnames : shortnames.map((s) => renamed.get(s) ?? s);
  return [...new Set(view)].flatMap((shortname) => tacticByShortname(shortname) ?? []).sort(byTacticOrder);
}

/** attack.mitre.org's page of a technique id (`T1686.003` → …/techniques/T1686/003/). */
function techniqueUrl(id: string): string {
  return `https://attack.mitre.org/techniques/${id.replace('.', '/')}/`;
}

function parentRef(parentId: string | undefined): TechniqueRef['parent'] {
  if (parentId === undefined) return undefined;
  const catalog = attackCatalog();
  const name = catalog.techniques.get(parentId)?.name ?? catalog.v19Techniques.get(parentId)?.name;
  return name ? { id: parentId, name } : undefined;
}

function fromCatalog(entry: CatalogTechnique, moved: boolean): Omit<TechniqueRef, 'source'> {
  const parent = parentRef(entry.parent);
  return { id: entry.id, name: entry.name, tactics: tacticsOf(entry.tactics, moved), ...(parent ? { parent } : {}), url: entry.url };
}

function fromV19(entry: V19Technique): Omit<TechniqueRef, 'source'> {
  const parent = parentRef(entry.parent);
  return { id: entry.id, name: entry.name, tactics: tacticsOf(entry.tactics, false), ...(parent ? { parent } : {}), url: techniqueUrl(entry.id) };
}

/** The v19 technique that replaces a moved v18 id, when the data names it. */
function successorOf(id: string): TechniqueRef['successor'] {
  const catalog = attackCatalog();
  const successorId = catalog.successors.get(id);
  if (successorId === undefined) return undefined;
  const v19 = catalog.v19Techniques.get(successorId);
  const known = v19 ? fromV19(v19) : catalog.techniques.has(successorId) ? fromCatalog(catalog.techniques.get(successorId)!, false) : undefined;
  return known ? Object.freeze({ id: known.id, name: known.name, tactics: known.tactics, url: known.url }) : undefined;
}

function build(id: string, source: TechniqueSource, givenName: string | undefined): TechniqueRef {
  const catalog = attackCatalog();
  const entry = catalog.techniques.get(id);
  // Only a live v18 entry moves; one revoked already (T1547.011) resolves to its replacement.
  const successor = entry && !entry.revoked ? successorOf(id) : undefined;
  if (entry?.revoked) {
    const replacement = catalog.techniques.get(entry.revoked_by_final ?? entry.revoked_by ?? '');
    const moved = replacement && successorOf(replacement.id);
    if (replacement) return { ...fromCatalog(replacement, moved !== undefined), source, status: 'revoked', originalId: id, ...(moved ? { successor: moved } : {}) };
  }
  if (entry && !entry.revoked) {
    // A moved v18 id is kept as written, with its v18 entry, and names its v19 successor.
    return { ...fromCatalog(entry, successor !== undefined), source, ...(entry.deprecated ? { status: 'deprecated' as const } : {}), ...(successor ? { successor } : {}) };
  }
  const v19 = catalog.v19Techniques.get(id);
  if (v19) return { ...fromV19(v19), source };
  // Unknown (or revoked without a replacement in the data): kept, flagged, named as well as we can.
  const dot = id.indexOf('.');
  const parent = parentRef(dot < 0 ? undefined : id.slice(0, dot));
  return {
    id,
    name: givenName ?? unknownTechniqueName(),
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
  if (ref.successor) Object.freeze(ref.successor.tactics);
  return Object.freeze(ref);
}

/** A group or software id (`G0016`) → its name; an id the data lacks is kept with the unknown name. */
export function resolveObject(id: string): AttackObjectRef {
  const entry = attackCatalog().objects.get(id);
  const live = entry?.revoked && entry.revoked_by ? attackCatalog().objects.get(entry.revoked_by) ?? entry : entry;
  return Object.freeze(live ? { id: live.id, name: live.name, url: live.url } : { id, name: unknownTechniqueName() });
}

/** The id of the one active technique with this exact name (any case), if exactly one has it. */
export function techniqueIdByName(name: string): string | undefined {
  return attackCatalog().techniqueNames.get(name.trim().toLowerCase()) ?? undefined;
}

/** The frozen TechniqueRef for an upper-case id. `givenName` names an id the catalog lacks (from a RuleName). */
export function resolveTechnique(id: string, source: TechniqueSource, givenName?: string): TechniqueRef {
  const key = `${source}\u0000${id}\u0000${givenName ?? ''}`;
  return refs.get(key) ?? refs.set(key, deepFreeze(build(id, source, givenName)));
}
