/**
 * Rule loading: paths (files and directories, recursive) → a `RuleCollection`. Each file goes
 * through the stages YAML → located documents → per-kind parser; every problem is a diagnostic and
 * one bad document never stops the rest.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { diagnostic, type Diagnostic, type DiagnosticCode, type Location } from '../diagnostics.js';

/** The code of a rules path that does not exist: such a path is also a rejection, and `sigstream test` names it. */
export const NO_SUCH_PATH = 'no-such-path' satisfies DiagnosticCode;
import { documentKind, type RuleDocument } from './document.js';
import { parseFilterDocument, type SigmaFilter } from './filter.js';
import type { SigmaRule } from './model.js';
import { parseRuleDocument } from './rule.js';
import { parseYamlDocuments } from './yaml-documents.js';
import { expandLegacyCollection } from './legacy-collection.js';
import { RuleCache, type RuleCacheOptions } from './rule-cache.js';

export interface LoadOptions {
  /** Values for `expand` placeholders. */
  placeholders?: Record<string, string[]>;
  /** Keep parsed rules between runs (rule-cache.ts); absent: every file is parsed. */
  cache?: RuleCacheOptions;
}

/** A document that did not load, with the first error's location (for `lint --json`). */
export interface RejectedDocument {
  file: string;
  line?: number;
  col?: number;
  reason: string;
}

export interface RuleCollection {
  rules: SigmaRule[];
  filters: SigmaFilter[];
  /** Correlation and sequence documents, parsed by their own stage (engine/sigma/correlation). */
  correlationDocuments: RuleDocument[];
  sequenceDocuments: RuleDocument[];
  rejected: RejectedDocument[];
  diagnostics: Diagnostic[];
  files: number;
}

const RULE_EXTENSIONS = /\.ya?ml$/i;

/**
 * Rule loading is a start-up stage over thousands of small files: synchronous reads are several
 * times faster here than awaiting each one, and nothing else runs yet.
 */
function listRuleFiles(path: string, diagnostics: Diagnostic[]): string[] {
  let info;
  try {
    info = statSync(path);
  } catch (err) {
    diagnostics.push(diagnostic('error', NO_SUCH_PATH, `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { file: path }));
    return [];
  }
  if (!info.isDirectory()) return [path];
  const entries = readdirSync(path, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const entry of entries) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) files.push(...listRuleFiles(child, diagnostics));
    // `*.tests.yml` sidecars hold rule test cases, not rules.
    else if (RULE_EXTENSIONS.test(entry.name) && !/\.tests\.ya?ml$/i.test(entry.name)) files.push(child);
  }
  return files;
}

export function rejection(where: Location, reason: string): RejectedDocument {
  return { file: where.file, line: where.line, col: where.col, reason };
}

/** Parse rule text (one file's content) into the collection being built. */
export function addRuleText(collection: RuleCollection, file: string, text: string, options: LoadOptions = {}): void {
  const placeholders = options.placeholders ?? {};
  const parsed = parseYamlDocuments(file, text);
  collection.diagnostics.push(...parsed.diagnostics);
  for (const d of parsed.diagnostics) if (d.severity === 'error') collection.rejected.push(rejection(d.where, d.message));
  const legacy = expandLegacyCollection(parsed.documents);
  collection.diagnostics.push(...legacy.diagnostics);
  for (const doc of legacy.documents) {
    const kind = documentKind(doc.data);
    if (kind === 'correlation') collection.correlationDocuments.push(doc);
    else if (kind === 'sequence') collection.sequenceDocuments.push(doc);
    else {
      const result = kind === 'filter' ? parseFilterDocument(doc, placeholders) : parseRuleDocument(doc, { placeholders });
      collection.diagnostics.push(...result.diagnostics);
      const firstError = result.diagnostics.find((d) => d.severity === 'error');
      if (firstError) collection.rejected.push(rejection(firstError.where, firstError.message));
      else if ('filter' in result && result.filter) collection.filters.push(result.filter);
      else if ('rule' in result && result.rule) collection.rules.push(result.rule);
    }
  }
}

export function emptyCollection(): RuleCollection {
  return { rules: [], filters: [], correlationDocuments: [], sequenceDocuments: [], rejected: [], diagnostics: [], files: 0 };
}

/** One file's text into the collection, through the cache when there is one. */
function addRuleFile(collection: RuleCollection, file: string, text: string, options: LoadOptions, cache: RuleCache | undefined): void {
  if (!cache) return addRuleText(collection, file, text, options);
  const key = RuleCache.key(file, text);
  const cached = cache.get(key, file, text);
  if (cached) {
    collection.rules.push(...cached.rules);
    collection.diagnostics.push(...cached.entry.diagnostics);
    collection.rejected.push(...cached.entry.rejected);
    return;
  }
  const before = { rules: collection.rules.length, diagnostics: collection.diagnostics.length, rejected: collection.rejected.length, others: otherDocuments(collection) };
  addRuleText(collection, file, text, options);
  if (otherDocuments(collection) !== before.others) return;
  cache.put(key, {
    rules: collection.rules.slice(before.rules),
    diagnostics: collection.diagnostics.slice(before.diagnostics),
    rejected: collection.rejected.slice(before.rejected),
  });
}

function otherDocuments(collection: RuleCollection): number {
  return collection.filters.length + collection.correlationDocuments.length + collection.sequenceDocuments.length;
}

export async function loadRules(paths: string[], options: LoadOptions = {}): Promise<RuleCollection> {
  const collection = emptyCollection();
  const cache = options.cache ? new RuleCache(paths, options.placeholders ?? {}, options.cache) : undefined;
  for (const path of paths) {
    for (const file of listRuleFiles(path, collection.diagnostics)) {
      collection.files++;
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        const d = diagnostic('error', 'unreadable', `cannot read rule file: ${(err as Error).message}`, { file });
        collection.diagnostics.push(d);
        collection.rejected.push(rejection(d.where, d.message));
        continue;
      }
      addRuleFile(collection, file, text, options, cache);
    }
  }
  cache?.save();
  for (const d of collection.diagnostics) if (d.code === NO_SUCH_PATH) collection.rejected.push(rejection(d.where, d.message));
  return collection;
}
