/**
 * `detection:` → search identifiers (SIGMA.md §3.1) with their items' modifier chains applied, and
 * the parsed condition. Every problem is a located diagnostic; nothing is thrown.
 */
import { diagnostic, type DiagnosticCode, type Diagnostic } from '../diagnostics.js';
import type { KeyPath, RuleDocument } from './document.js';
import { parseCondition } from './condition.js';
import type { Detection, DetectionItem, SearchNode } from './model.js';
import { itemFlags, valueModifiers, type ChainValue, type ItemFlag, type ModifierContext, type RawValue } from './modifiers/index.js';
import type { ModifierResult } from './modifiers/modifier.js';
import { finalValue } from './modifiers/convert.js';
import type { SigmaValue } from './values.js';

export interface DetectionOptions {
  placeholders: Record<string, string[]>;
}

interface Parser {
  doc: RuleDocument;
  context: ModifierContext;
  diagnostics: Diagnostic[];
}

function error(p: Parser, path: KeyPath, code: DiagnosticCode, message: string): void {
  p.diagnostics.push(diagnostic('error', code, message, p.doc.locate(path)));
}

function rawValue(p: Parser, value: unknown, path: KeyPath): RawValue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return { type: 'raw', value, text: p.doc.sourceText(path) ?? String(value) };
  }
  error(p, path, 'bad-value', `a detection value must be a string, number, boolean or null, not ${Array.isArray(value) ? 'a list' : 'a map'}`);
  return undefined;
}

/** Run one value through the modifier chain, left to right. */
function applyChain(p: Parser, raw: RawValue, modifiers: string[], path: KeyPath): SigmaValue | undefined {
  let value: ChainValue = raw;
  for (const name of modifiers) {
    if (itemFlags.has(name as ItemFlag)) continue;
    const modifier = valueModifiers[name];
    const result: ModifierResult = modifier.input === 'raw' && value.type !== 'raw' && value.type !== 'timepart'
      ? { error: `'${name}' must be the first modifier` }
      : modifier.apply(value, p.context);
    if ('error' in result) {
      error(p, path, 'bad-modifier', result.error);
      return undefined;
    }
    value = result;
  }
  return finalValue(value);
}

function parseItem(p: Parser, key: string, value: unknown, path: KeyPath): DetectionItem | undefined {
  const [field, ...modifiers] = key.split('|');
  for (const name of modifiers) {
    if (!itemFlags.has(name as ItemFlag) && !(name in valueModifiers)) {
      error(p, path, 'unknown-modifier', `unknown modifier '${name}'`);
      return undefined;
    }
  }
  const rawList = Array.isArray(value) ? value : [value];
  const values: SigmaValue[] = [];
  if (rawList.length === 0) values.push({ type: 'null' }); // `f: []` means null (pySigma)
  for (let i = 0; i < rawList.length; i++) {
    const valuePath = Array.isArray(value) ? [...path, i] : path;
    const raw = rawValue(p, rawList[i], valuePath);
    if (!raw) return undefined;
    if (field === '' && (raw.value === null || typeof raw.value === 'boolean')) {
      error(p, valuePath, 'bad-keyword', `a keyword cannot be ${raw.value === null ? 'null' : 'a boolean'}`);
      return undefined;
    }
    const typed = raw.value === null && modifiers.length === 0 ? { type: 'null' as const } : applyChain(p, raw, modifiers, valuePath);
    if (!typed) return undefined;
    values.push(typed);
  }
  if (field === '' && values.some((v) => v.type === 'exists')) {
    error(p, path, 'bad-modifier', `'exists' needs a field`);
    return undefined;
  }
  return {
    field: field === '' ? undefined : field,
    modifiers,
    values,
    linking: modifiers.includes('all') ? 'and' : 'or',
    negated: modifiers.includes('neq'),
    path,
  };
}

function parseMap(p: Parser, map: Record<string, unknown>, path: KeyPath): SearchNode | undefined {
  const keys = Object.keys(map);
  if (keys.length === 0) {
    error(p, path, 'empty-search', 'a search map needs at least one field');
    return undefined;
  }
  const children: SearchNode[] = [];
  for (const key of keys) {
    const item = parseItem(p, key, map[key], [...path, key]);
    if (!item) return undefined;
    children.push({ kind: 'item', item });
  }
  return children.length === 1 ? children[0] : { kind: 'and', children };
}

/** A search identifier's definition: map, list of maps, list of keywords, mixed list, or scalar. */
function parseSearch(p: Parser, definition: unknown, path: KeyPath): SearchNode | undefined {
  if (definition !== null && typeof definition === 'object' && !Array.isArray(definition)) {
    return parseMap(p, definition as Record<string, unknown>, path);
  }
  if (Array.isArray(definition)) {
    if (definition.length === 0) {
      error(p, path, 'empty-search', 'a search list needs at least one entry');
      return undefined;
    }
    // A list of keywords is one OR-linked keyword item (as in pySigma), so long lists compile
    // to one multi-needle search.
    if (definition.every((entry) => entry === null || typeof entry !== 'object')) return parseKeyword(p, definition, path);
    // Mixed: maps are AND-ed items, scalars are keywords; the list ORs its entries (D1).
    const children: SearchNode[] = [];
    definition.forEach((entry, i) => {
      const node = entry !== null && typeof entry === 'object' && !Array.isArray(entry)
        ? parseMap(p, entry as Record<string, unknown>, [...path, i])
        : parseKeyword(p, entry, [...path, i]);
      if (node) children.push(node);
    });
    if (p.diagnostics.some((d) => d.severity === 'error')) return undefined;
    return children.length === 1 ? children[0] : { kind: 'or', children };
  }
  if (definition === null) {
    error(p, path, 'empty-search', 'a search identifier cannot be empty');
    return undefined;
  }
  return parseKeyword(p, definition, path);
}

function parseKeyword(p: Parser, value: unknown, path: KeyPath): SearchNode | undefined {
  const item = parseItem(p, '', value, path);
  return item ? { kind: 'item', item } : undefined;
}

export function parseDetection(doc: RuleDocument, options: DetectionOptions): { detection?: Detection; diagnostics: Diagnostic[] } {
  const p: Parser = { doc, context: { placeholders: options.placeholders, unresolved: new Set() }, diagnostics: [] };
  const raw = doc.data.detection;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    error(p, ['detection'], 'bad-detection', 'detection must be a map of search identifiers and a condition');
    return { diagnostics: p.diagnostics };
  }
  const block = raw as Record<string, unknown>;
  const searches: Record<string, SearchNode> = {};
  for (const [name, definition] of Object.entries(block)) {
    if (name === 'condition') continue;
    const node = parseSearch(p, definition, ['detection', name]);
    if (node) searches[name] = node;
  }
  const condition = block.condition;
  const conditionText = typeof condition === 'string' ? [condition] : Array.isArray(condition) && condition.every((c) => typeof c === 'string') ? (condition as string[]) : undefined;
  if (!conditionText || conditionText.length === 0) {
    error(p, ['detection', 'condition'], 'missing-condition', 'detection needs a condition (a string or a list of strings)');
    return { diagnostics: p.diagnostics };
  }
  if (p.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: p.diagnostics };
  const identifiers = Object.keys(searches);
  const conditions = [];
  for (let i = 0; i < conditionText.length; i++) {
    const path = Array.isArray(condition) ? ['detection', 'condition', i] : ['detection', 'condition'];
    const parsed = parseCondition(conditionText[i], identifiers, () => doc.locate(path));
    p.diagnostics.push(...parsed.diagnostics);
    if (parsed.node) conditions.push(parsed.node);
  }
  if (p.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: p.diagnostics };
  for (const name of p.context.unresolved) {
    p.diagnostics.push(diagnostic('warning', 'unresolved-placeholder', `placeholder %${name}% has no configured values: it matches nothing (configure it with --placeholders FILE)`, doc.locate(['detection'])));
  }
  return { detection: { searches, conditions, conditionText }, diagnostics: p.diagnostics };
}
