/**
 * One YAML document of a rule file, as the loader hands it to the parsers of each document kind
 * (detection rule, correlation, filter, sequence). `data` is plain JS; `locate` turns a key path
 * inside the document into a file:line:col location for diagnostics.
 */
import type { Location } from '../diagnostics.js';

export type KeyPath = ReadonlyArray<string | number>;

export interface RuleDocument {
  /** Rule file path as given (or found under a given directory). */
  file: string;
  /** 0-based index of the document inside a multi-document file. */
  index: number;
  /** The document as plain JS values (numbers as numbers; see `sourceText` for their written form). */
  data: Record<string, unknown>;
  /** Location of the value (or key) at `path`; falls back to the nearest located ancestor. */
  locate(path: KeyPath): Location;
  /** Source text of a scalar as written (`00000429`), for numeric-looking values used as strings. */
  sourceText(path: KeyPath): string | undefined;
}

/** The kinds of documents a rule file may hold, classified by their top-level keys (SIGMA.md §1). */
export type DocumentKind = 'rule' | 'correlation' | 'filter' | 'sequence';

export function documentKind(data: Record<string, unknown>): DocumentKind {
  if ('correlation' in data) return 'correlation';
  if ('filter' in data) return 'filter';
  if ('sequence' in data) return 'sequence';
  return 'rule';
}
