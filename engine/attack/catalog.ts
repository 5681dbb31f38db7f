/**
 * The ATT&CK Enterprise catalog: the compact extract in the top-level attack/ folder
 * (enterprise-techniques.json, v18.1) plus the few v19 names it cannot hold (v19-additions.json).
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

/** A technique id newer than the catalog (ATT&CK v19) whose name is known. */
export interface ExtraTechniqueName {
  id: string;
  name: string;
  parent?: string;
}

export interface AttackCatalog {
  attackVersion: string;
  /** By upper-case id (`T1059.001`). */
  techniques: ReadonlyMap<string, CatalogTechnique>;
  /** By shortname, including the v19 `stealth` and `defense-impairment`. */
  tactics: ReadonlyMap<string, CatalogTactic>;
  /** v19 ids unknown to the catalog but with a known name. */
  extraNames: ReadonlyMap<string, ExtraTechniqueName>;
}

interface CatalogFile {
  attack_version: string;
  tactics: CatalogTactic[];
  techniques: CatalogTechnique[];
}

interface AdditionsFile {
  tactics: CatalogTactic[];
  techniques: ExtraTechniqueName[];
}

const CATALOG_FILE = 'enterprise-techniques.json';
const ADDITIONS_FILE = 'v19-additions.json';

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

/** Build the index from a catalog file (default: the bundled one) and the bundled v19 additions. */
export function readAttackCatalog(file?: string): AttackCatalog {
  const dir = attackDataDir();
  const path = file ?? join(dir, CATALOG_FILE);
  const data = readJson<CatalogFile>(path);
  checkShape(path, data);
  // Optional: a catalog built from v19 data makes it redundant.
  const additionsPath = join(dir, ADDITIONS_FILE);
  const additions: AdditionsFile = existsSync(additionsPath) ? readJson(additionsPath) : { tactics: [], techniques: [] };
  const techniques = new Map(data.techniques.map((t) => [t.id.toUpperCase(), t]));
  const tactics = new Map(data.tactics.map((t) => [t.shortname, t]));
  // A newer catalog may already carry the v19 tactics; its own entries win.
  for (const tactic of additions.tactics) if (!tactics.has(tactic.shortname)) tactics.set(tactic.shortname, tactic);
  const extraNames = new Map(
    additions.techniques.filter((t) => !techniques.has(t.id)).map((t) => [t.id, t] as const),
  );
  return { attackVersion: data.attack_version, techniques, tactics, extraNames };
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
