/** Metadata of correlation and sequence documents (title, id, name, level, tags, ...). */
import { diagnostic, type Diagnostic } from '../../diagnostics.js';
import type { RuleDocument } from '../document.js';
import { isLevel, LEVELS } from '../levels.js';
import type { RuleMeta } from './model.js';

/** Reads metadata from a document that already passed its schema (types are checked there). */
export function parseMeta(doc: RuleDocument, diagnostics: Diagnostic[]): RuleMeta {
  const data = doc.data;
  const text = (key: string): string | undefined => (typeof data[key] === 'string' ? (data[key] as string) : undefined);
  let level = text('level')?.toLowerCase();
  if (level !== undefined && !isLevel(level)) {
    diagnostics.push(diagnostic('error', 'bad-level', `level '${text('level')}' is not one of ${LEVELS.join(', ')}`, doc.locate(['level'])));
    level = undefined;
  }
  return {
    title: text('title') ?? '',
    id: text('id'),
    name: text('name'),
    status: text('status')?.toLowerCase(),
    level,
    description: text('description'),
    author: text('author'),
    tags: Array.isArray(data.tags) ? (data.tags as string[]) : [],
    file: doc.file,
    index: doc.index,
    where: doc.locate([]),
  };
}

/** A string-or-list value as a list. */
export function asList(value: unknown): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as string[]) : [value as string];
}
