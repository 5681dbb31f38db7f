/**
 * The ATT&CK Enterprise catalog: the compact extract in the top-level attack/ folder
 * (enterprise-techniques.json, v18.1), what is known of v19 beside it (v19-additions.json,
 * v18-to-v19.json) and group and software names (enterprise-groups-software.json).
 * Read once, on first use, and indexed by id; nothing here touches the network.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CatalogTactic {
  /** `TA0002` */
  id: string;
  /** `execution`: the Sigma tag form. */
  shortname: string;
  name: string;
  /** Matrix column order (1..14); the v19 tactics sit beside Defense Evasion (7.1, 7.2). */
  order: number;
  url: string;
}

export interface CatalogTechnique {
  id: string;
  name: string;
  /** Tactic shortnames, as the STIX object lists them. */
  tactics: string[];
  platforms: string[];
  subtechnique: boolean;
  parent?: string;
  deprecated: boolean;
  revoked: boolean;
  revoked_by?: string;
  /** Set where the replacement was itself revoked: the first id that is not. */
  revoked_by_final?: string;
  url: string;
}

/** A technique of ATT&CK v19 that a v18 catalog cannot hold (attack/v19-additions.json). */
export interface V19Technique {
  id: string;
  name: string;
  parent?: string;
  /** v19 tactic shortnames. */
  tactics: string[];
  /** The v18 id it replaces. */
  v18?: string;
}

/** A group (Gnnnn) or software (Snnnn) entry: names only (attack/enterprise-groups-software.json). */
export interface CatalogObject {
  id: string;
  name: string;
  url: string;
  revoked: boolean;
  revoked_by?: string;
}

export interface AttackCatalog {
  /** Version of the techniques file (`18.1`). */
  attackVersion: string;
  /** By upper-case id (`T1059.001`). */
  techniques: ReadonlyMap<string, CatalogTechnique>;
  /** By shortname, including the v19 `stealth` and `defense-impairment`. */
  tactics: ReadonlyMap<string, CatalogTactic>;
  /** v19 ids unknown to the catalog (empty once the catalog is v19 itself). */
  v19Techniques: ReadonlyMap<string, V19Technique>;
  /** A catalog tactic shortname → its v19 one where v19 renamed it (`defense-evasion` → `stealth`). */
  v19Tactics: ReadonlyMap<string, string>;
  /** A v18 technique id whose meaning moved in v19 → its v19 id (attack/v18-to-v19.json). */
  successors: ReadonlyMap<string, string>;
  /** Groups and software by upper-case id (`G0016`, `S0002`). */
  objects: ReadonlyMap<string, CatalogObject>;
  /** Lower-case name of an active technique → its id, or null when several share the name. */
  techniqueNames: ReadonlyMap<string, string | null>;
}

interface CatalogFile {
  attack_version: string;
  tactics: CatalogTactic[];
  techniques: CatalogTechnique[];
}

interface AdditionsFile {
  tactics: Array<CatalogTactic & { v18?: string }>;
  techniques: V19Technique[];
}

interface MovesFile {
  techniques: Record<string, { v19_id: string }>;
}

interface ObjectsFile {
  groups: CatalogObject[];
  software: CatalogObject[];
}

const CATALOG_FILE = 'enterprise-techniques.json';
const ADDITIONS_FILE = 'v19-additions.json';
const MOVES_FILE = 'v18-to-v19.json';
const OBJECTS_FILE = 'enterprise-groups-software.json';

/** The attack/ data folder: at the package root, found from here whether running from engine/ or dist/engine/. */
export function attackDataDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 5; up++) {
    const candidate = join(dir, 'attack');
    if (existsSync(join(candidate, CATALOG_FILE))) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`ATT&CK catalog ${CATALOG_FILE} not found in an attack/ folder above ${fileURLToPath(import.meta.url)}`);
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (err) {
    throw new Error(`cannot read ATT&CK data ${file}: ${(err as Error).message}`);
  }
}

function checkShape(file: string, data: CatalogFile): void {
  if (!Array.isArray(data.tactics) || !Array.isArray(data.techniques) || typeof data.attack_version !== 'string') {
    throw new Error(`${file} is not a compact ATT&CK catalog (needs attack_version, tactics[], techniques[])`);
  }
}

function optionalJson<T>(file: string, empty: T): T {
  return existsSync(file) ? readJson<T>(file) : empty;
}

function nameIndex(techniques: Iterable<{ id: string; name: string }>): Map<string, string | null> {
  const names = new Map<string, string | null>();
  for (const t of techniques) {
    const key = t.name.toLowerCase();
    names.set(key, names.has(key) && names.get(key) !== t.id ? null : t.id);
  }
  return names;
}

/**
 * Build the index from a catalog file (default: the bundled one), a groups-and-software file
 * (default: the bundled one) and, for a catalog older than v19, what is known of v19
 * (v19-additions.json, v18-to-v19.json). A catalog built from v19 STIX data needs no v19 overlay.
 */
export function readAttackCatalog(file?: string, objectsFile?: string): AttackCatalog {
  const dir = attackDataDir();
  const path = file ?? join(dir, CATALOG_FILE);
  const data = readJson<CatalogFile>(path);
  checkShape(path, data);
  const preV19 = Number.parseFloat(data.attack_version) < 19;
  const additions = preV19 ? optionalJson<AdditionsFile>(join(dir, ADDITIONS_FILE), { tactics: [], techniques: [] }) : { tactics: [], techniques: [] };
  const moves = preV19 ? optionalJson<MovesFile>(join(dir, MOVES_FILE), { techniques: {} }) : { techniques: {} };
  const objects = optionalJson<ObjectsFile>(objectsFile ?? join(dir, OBJECTS_FILE), { groups: [], software: [] });
  const techniques = new Map(data.techniques.map((t) => [t.id.toUpperCase(), t]));
  const tactics = new Map(data.tactics.map((t) => [t.shortname, t]));
  const v19Tactics = new Map<string, string>();
  for (const { v18, ...tactic } of additions.tactics) {
    if (!tactics.has(tactic.shortname)) tactics.set(tactic.shortname, tactic);
    if (v18 !== undefined) v19Tactics.set(v18, tactic.shortname);
  }
  const v19Techniques = new Map(additions.techniques.filter((t) => !techniques.has(t.id)).map((t) => [t.id, t] as const));
  const successors = new Map(Object.entries(moves.techniques).map(([v18, move]) => [v18, move.v19_id] as const));
  const active = data.techniques.filter((t) => !t.revoked && !t.deprecated);
  return {
    attackVersion: data.attack_version,
    techniques,
    tactics,
    v19Techniques,
    v19Tactics,
    successors,
    objects: new Map([...objects.groups, ...objects.software].map((o) => [o.id, o])),
    techniqueNames: nameIndex([...active, ...v19Techniques.values()]),
  };
}

let current: AttackCatalog | undefined;
const listeners: Array<() => void> = [];

/** The catalog in use, read on first call. */
export function attackCatalog(): AttackCatalog {
  current ??= readAttackCatalog();
  return current;
}

/** Use another compact catalog (e.g. one rebuilt from a newer STIX bundle). Clears derived caches. */
export function useAttackCatalog(catalog: AttackCatalog): void {
  current = catalog;
  for (const listener of listeners) listener();
}

/** Caches built from the catalog register here so that `useAttackCatalog` invalidates them. */
export function onCatalogChange(listener: () => void): void {
  listeners.push(listener);
}
