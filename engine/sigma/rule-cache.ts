/**
 * Warm start (issue 14): parsed rules kept between runs, keyed by each file's path and content
 * hash, so an unchanged file skips YAML parsing and rule parsing. A cache is one file per set of
 * rule paths (and placeholder values and sigstream version), in a cache directory: deleting it
 * only makes the next start cold, a changed file misses its entry (and the new parse replaces
 * it), and an unreadable or foreign cache file is ignored.
 *
 * The file is read in one piece and decoded in two steps: the JSON header at once (each rule's
 * metadata, and the stored memos of later stages: compile outcome, prefilter literals, each
 * decoded by its memo when first asked for); each rule's detection and document only when
 * something reads them (a rule's full matcher is built the first time an event reaches it), from
 * its own slice of the file.
 *
 * Only files whose every document became a detection rule are kept (filters, correlations and
 * sequences keep functions of their documents that do not serialize; they are parsed each time).
 * A rule's `locate` is rebuilt over the file's bytes read for the hash (decoded only if a location
 * is asked for), so diagnostics still name file:line:col.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Diagnostic } from '../diagnostics.js';
import type { SigmaRule } from './model.js';
import type { RejectedDocument } from './load.js';
import type { StorableMemo } from './rule-memo.js';
import { PositionIndex } from './yaml-documents.js';

/** Bump when the rule model or this format changes: older caches are then ignored. */
const FORMAT = 2;
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
  /** What later stages derive from each rule, kept with it (the engine passes match/'s memos). */
  memos?: readonly StorableMemo[];
}

/** What is decoded on demand (v8-serialized in the body area: detection values may hold BigInts). */
type RuleBody = Pick<SigmaRule, 'detection' | 'data' | 'description'>;
/** What every start reads of a rule (JSON in the header: several times faster to parse than v8's format). */
type RuleMeta = Omit<SigmaRule, 'locate' | keyof RuleBody>;

/** Where a rule's encoded body is: sliced out only when used (a Buffer slice per rule costs at every start). */
interface BodyRef {
  bytes: Buffer;
  at: number;
  length: number;
}
const bodyBytes = (ref: BodyRef): Buffer => ref.bytes.subarray(ref.at, ref.at + ref.length);

interface CachedRule {
  meta: RuleMeta;
  body: BodyRef;
  /** Memo name → stored value. */
  memos: Record<string, unknown>;
}

/** What one file contributed to a collection: only this shape is cached. */
interface CachedFile {
  rules: CachedRule[];
  diagnostics: Diagnostic[];
  rejected: RejectedDocument[];
}

/** The header of a cache file; each rule's body is `[offset, length]` into the body area after it. */
interface CacheHeader {
  version: string;
  /** Of the body area: bodies are decoded late, so a damaged one must be found at load. */
  bodiesHash: string;
  entries: Array<[string, Omit<CachedFile, 'rules'> & { rules: Array<Omit<CachedRule, 'body'> & { body: [number, number] }> }]>;
}

export function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'sigstream');
}

export class RuleCache {
  private readonly file: string;
  private readonly memos: readonly StorableMemo[];
  private readonly old: Map<string, CachedFile>;
  private readonly now = new Map<string, CachedFile>();
  private changed = false;

  constructor(paths: string[], placeholders: Record<string, string[]>, options: RuleCacheOptions = {}) {
    const dir = options.dir ?? defaultCacheDir();
    this.memos = options.memos ?? [];
    const set = JSON.stringify([VERSION, paths.map((p) => resolve(p)), placeholders]);
    this.file = join(dir, `rules-${createHash('sha1').update(set).digest('hex').slice(0, 16)}.bin`);
    this.old = readCacheFile(this.file);
  }

  static key(file: string, content: Uint8Array): string {
    return createHash('sha1').update(file).update('\u0000').update(content).digest('base64');
  }

  /** What `file` contributed before, its rules decoded lazily and located over `text` (asked for only then); undefined on a miss. */
  get(key: string, file: string, text: () => string): { rules: SigmaRule[]; diagnostics: Diagnostic[]; rejected: RejectedDocument[] } | undefined {
    const entry = this.old.get(key);
    if (!entry) return undefined;
    this.now.set(key, entry);
    return { rules: this.lazyRules(entry, file, text), diagnostics: entry.diagnostics, rejected: entry.rejected };
  }

  /** Keep a freshly parsed file's outcome (and the memos of its rules, derived now); a rule that does not serialize keeps its file out. */
  put(key: string, entry: { rules: SigmaRule[]; diagnostics: Diagnostic[]; rejected: RejectedDocument[] }): void {
    let rules: CachedRule[];
    try {
      rules = entry.rules.map((rule) => {
        const { locate: _locate, detection, data, description, ...meta } = rule;
        const memos: Record<string, unknown> = {};
        for (const memo of this.memos) memos[memo.name] = memo.stored(rule);
        const bytes = serialize({ detection, data, description } satisfies RuleBody);
        return { meta, body: { bytes, at: 0, length: bytes.length }, memos };
      });
    } catch {
      return;
    }
    this.now.set(key, { rules, diagnostics: entry.diagnostics, rejected: entry.rejected });
    this.changed = true;
  }

  private lazyRules(entry: CachedFile, file: string, text: () => string): SigmaRule[] {
    const positions = new PositionIndex(file, text);
    return entry.rules.map((cached) => {
      const rule = lazyRule(cached, (path) => positions.locate(cached.meta.index, path));
      for (const memo of this.memos) if (memo.name in cached.memos) memo.restore(rule, cached.memos[memo.name]);
      return rule;
    });
  }

  /** Writes the entries of this run (dropping those of files gone or changed), if anything differs. */
  save(): void {
    if (!this.changed && this.now.size === this.old.size) return;
    try {
      mkdirSync(join(this.file, '..'), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temp, encodeCacheFile(this.now));
      renameSync(temp, this.file); // atomic: a concurrent run reads the old or the new file, never half
    } catch {
      // A read-only or full disk only costs the next start its warmth.
    }
  }
}

/** Each lazy rule's body, and its decoded form once read (kept off the rule: a spread copy must not carry it). */
const lazyBodies = new WeakMap<SigmaRule, { ref: BodyRef; decoded?: RuleBody }>();
const decoded = (rule: SigmaRule): RuleBody => {
  const body = lazyBodies.get(rule)!;
  return (body.decoded ??= deserialize(bodyBytes(body.ref)) as RuleBody);
};
/**
 * A rule whose `detection`, `data` and `description` are decoded from its body the first time one
 * is read: own enumerable accessors, so a spread copy of the rule gets the values (written as a
 * literal and then assigned: several times faster than defining the properties).
 */
function lazyRule(cached: CachedRule, locate: SigmaRule['locate']): SigmaRule {
  const rule: SigmaRule = Object.assign({
    locate,
    get detection() {
      return decoded(rule).detection;
    },
    get data() {
      return decoded(rule).data;
    },
    get description() {
      return decoded(rule).description;
    },
  }, cached.meta);
  lazyBodies.set(rule, { ref: cached.body });
  return rule;
}

/** Layout: header length (uint32), the header as JSON, then every rule body end to end. */
function encodeCacheFile(files: Map<string, CachedFile>): Buffer {
  const bodies: Buffer[] = [];
  const hash = createHash('sha1');
  let offset = 0;
  const entries: CacheHeader['entries'] = [...files].map(([key, file]) => [key, {
    ...file,
    rules: file.rules.map(({ body, ...rest }) => {
      const bytes = bodyBytes(body);
      bodies.push(bytes);
      hash.update(bytes);
      const at: [number, number] = [offset, body.length];
      offset += body.length;
      return { ...rest, body: at };
    }),
  }]);
  const header = Buffer.from(JSON.stringify({ version: VERSION, bodiesHash: hash.digest('base64'), entries } satisfies CacheHeader));
  const size = Buffer.alloc(4);
  size.writeUInt32LE(header.length);
  return Buffer.concat([size, header, ...bodies]);
}

function bodiesHash(bodies: Uint8Array): string {
  return createHash('sha1').update(bodies).digest('base64');
}

function readCacheFile(file: string): Map<string, CachedFile> {
  try {
    const bytes = readFileSync(file);
    const headerEnd = 4 + bytes.readUInt32LE(0);
    const data = JSON.parse(bytes.toString('utf8', 4, headerEnd)) as CacheHeader;
    const bodies = bytes.subarray(headerEnd);
    if (data?.version !== VERSION || !Array.isArray(data.entries) || data.bodiesHash !== bodiesHash(bodies)) return new Map();
    const slice = ([at, length]: [number, number]): BodyRef => {
      if (!(at >= 0 && length >= 0 && at + length <= bodies.length)) throw new RangeError('rule body outside the cache file');
      return { bytes: bodies, at, length };
    };
    return new Map(data.entries.map(([key, entry]) => [key, { ...entry, rules: entry.rules.map((r) => ({ ...r, body: slice(r.body) })) }]));
  } catch {
    return new Map();
  }
}
