/**
 * Warm start (issue 14): parsed rules kept between runs, keyed by each file's path and content
 * hash, so an unchanged file skips YAML parsing and rule parsing. A cache is one file per set of
 * rule paths (and placeholder values and sigstream version), in a cache directory: deleting it
 * only makes the next start cold, a changed file misses its entry (and the new parse replaces
 * it), and an unreadable or foreign cache file is ignored.
 *
 * Only files whose every document became a detection rule are kept (filters, correlations and
 * sequences keep functions of their documents that do not serialize; they are parsed each time).
 * A rule's `locate` is rebuilt from the file text read for the hash, so diagnostics still name
 * file:line:col.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Diagnostic } from '../diagnostics.js';
import type { SigmaRule } from './model.js';
import type { RejectedDocument } from './load.js';
import { PositionIndex } from './yaml-documents.js';

/** Bump when the rule model or this format changes: older caches are then ignored. */
const FORMAT = 1;
const VERSION = `${FORMAT}:${readPackageVersion()}`;

function readPackageVersion(): string {
  try {
    const file = new URL('../../../package.json', import.meta.url);
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export interface RuleCacheOptions {
  /** Directory of cache files; default `$XDG_CACHE_HOME/sigstream`, else `~/.cache/sigstream`. */
  dir?: string;
}

/** What one file contributed to a collection: only this shape is cached. */
export interface CachedFile {
  rules: Array<Omit<SigmaRule, 'locate'>>;
  diagnostics: Diagnostic[];
  rejected: RejectedDocument[];
}

interface CacheFile {
  version: string;
  entries: Array<[string, CachedFile]>;
}

export function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'sigstream');
}

export class RuleCache {
  private readonly file: string;
  private readonly old: Map<string, CachedFile>;
  private readonly now = new Map<string, CachedFile>();
  private changed = false;
  readonly stats = { hits: 0, misses: 0 };

  constructor(paths: string[], placeholders: Record<string, string[]>, options: RuleCacheOptions = {}) {
    const dir = options.dir ?? defaultCacheDir();
    const set = JSON.stringify([VERSION, paths.map((p) => resolve(p)), placeholders]);
    this.file = join(dir, `rules-${createHash('sha1').update(set).digest('hex').slice(0, 16)}.bin`);
    this.old = readCacheFile(this.file);
  }

  static key(file: string, text: string): string {
    return createHash('sha1').update(file).update('\u0000').update(text).digest('base64');
  }

  /** The rules of `file` as parsed before, with `locate` rebuilt over `text`; undefined on a miss. */
  get(key: string, file: string, text: string): { rules: SigmaRule[]; entry: CachedFile } | undefined {
    const entry = this.old.get(key);
    if (!entry) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    this.now.set(key, entry);
    const positions = new PositionIndex(file, text);
    const rules = entry.rules.map((rule) => ({ ...rule, locate: (path: Parameters<SigmaRule['locate']>[0]) => positions.locate(rule.index, path) }));
    return { rules, entry };
  }

  /** Keep a freshly parsed file's outcome; a rule that does not serialize keeps its file out of the cache. */
  put(key: string, entry: { rules: SigmaRule[]; diagnostics: Diagnostic[]; rejected: RejectedDocument[] }): void {
    const rules = entry.rules.map(({ locate: _locate, ...plain }) => plain);
    try {
      serialize(rules);
    } catch {
      return;
    }
    this.now.set(key, { rules, diagnostics: entry.diagnostics, rejected: entry.rejected });
    this.changed = true;
  }

  /** Writes the entries of this run (dropping those of files gone or changed), if anything differs. */
  save(): void {
    if (!this.changed && this.now.size === this.old.size) return;
    try {
      mkdirSync(join(this.file, '..'), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temp, serialize({ version: VERSION, entries: [...this.now] } satisfies CacheFile));
      renameSync(temp, this.file); // atomic: a concurrent run reads the old or the new file, never half
    } catch {
      // A read-only or full disk only costs the next start its warmth.
    }
  }
}

function readCacheFile(file: string): Map<string, CachedFile> {
  try {
    const data = deserialize(readFileSync(file)) as CacheFile;
    if (data?.version !== VERSION || !Array.isArray(data.entries)) return new Map();
    return new Map(data.entries);
  } catch {
    return new Map();
  }
}
