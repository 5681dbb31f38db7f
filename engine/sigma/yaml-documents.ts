/**
 * Stage 1 of rule loading: YAML text → located `RuleDocument`s.
 *
 * js-yaml parses every file (it is about 7× faster than eemeli/yaml on the SigmaHQ corpus: 0.45 s
 * vs 3.3 s), with a schema that records the written text of every number (`00000429`, SIGMA.md
 * §1). It keeps no node positions, so a file is parsed again with eemeli/yaml, lazily, only when a
 * diagnostic asks where something is.
 */
import jsyaml from 'js-yaml';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YamlNode } from 'yaml';
import { diagnostic, type Diagnostic, type Location } from '../diagnostics.js';
import type { KeyPath, RuleDocument } from './document.js';
import { aliasMessage, aliasProblem, firstAlias, mayHoldAliases } from './yaml-aliases.js';

/** A YAML number as parsed, with its source text; replaced by a plain number after loading. */
class WrittenNumber {
  constructor(readonly value: number, readonly text: string) {}
}

interface ScalarType {
  tag: string;
  resolve(data: string): boolean;
  construct(data: string): unknown;
}

/** CORE schema (no timestamps: dates stay strings) whose int/float types remember their text. */
const RULE_SCHEMA = jsyaml.CORE_SCHEMA.extend({
  implicit: (jsyaml.CORE_SCHEMA as unknown as { implicit: ScalarType[] }).implicit
    .filter((t) => t.tag.endsWith(':int') || t.tag.endsWith(':float'))
    .map((t) => new jsyaml.Type(t.tag, {
      kind: 'scalar',
      resolve: (data: string) => t.resolve(data),
      construct: (data: string) => new WrittenNumber(t.construct(data) as number, data),
    })),
});

const pathKey = (path: KeyPath): string => path.join('\u0000');

/** Replace WrittenNumbers by plain numbers in place, remembering each one's text by key path. */
function unwrapNumbers(value: unknown, path: Array<string | number>, texts: Map<string, string>): unknown {
  if (value instanceof WrittenNumber) {
    texts.set(pathKey(path), value.text);
    return value.value;
  }
  if (value === null || typeof value !== 'object') return value;
  const container = value as Record<string | number, unknown>;
  for (const key of Array.isArray(value) ? value.keys() : Object.keys(value)) {
    path.push(key);
    container[key] = unwrapNumbers(container[key], path, texts);
    path.pop();
  }
  return value;
}

/** Positions of one file's documents, computed on first use. */
export class PositionIndex {
  private docs: Array<YamlNode | null> | undefined;
  private lineCounter = new LineCounter();
  constructor(private readonly file: string, private readonly text: string) {}

  locate(index: number, path: KeyPath): Location {
    this.docs ??= parseAllDocuments(this.text, { lineCounter: this.lineCounter, uniqueKeys: false }).map((d) => d.contents as YamlNode | null);
    const offset = walk(this.docs[index] ?? null, path);
    if (offset === undefined) return { file: this.file, path: path.join('.') };
    const pos = this.lineCounter.linePos(offset);
    return { file: this.file, line: pos.line, col: pos.col, path: path.length > 0 ? path.join('.') : undefined };
  }
}

/** Offset of the deepest key or value reached along `path` (nearest located ancestor). */
function walk(root: YamlNode | null, path: KeyPath): number | undefined {
  let node: YamlNode | null = root;
  let offset = root?.range?.[0];
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return offset;
      offset = (pair.key as YamlNode).range?.[0] ?? offset;
      node = (pair.value as YamlNode | null) ?? null;
      if (node?.range) offset = node.range[0];
    } else if (isSeq(node) && typeof segment === 'number') {
      node = (node.items[segment] as YamlNode | undefined) ?? null;
      if (!node) return offset;
      offset = node.range?.[0] ?? offset;
    } else return offset;
  }
  return offset;
}

export interface ParsedYamlFile {
  documents: RuleDocument[];
  diagnostics: Diagnostic[];
}

export function parseYamlDocuments(file: string, text: string): ParsedYamlFile {
  let raw: unknown[];
  try {
    raw = jsyaml.loadAll(text, undefined, { schema: RULE_SCHEMA, filename: file });
  } catch (err) {
    const e = err as jsyaml.YAMLException;
    const where: Location = e.mark ? { file, line: e.mark.line + 1, col: e.mark.column + 1 } : { file };
    return { documents: [], diagnostics: [diagnostic('error', 'yaml-syntax', e.reason ?? e.message, where)] };
  }
  const aliases = mayHoldAliases(text) ? aliasProblem(raw) : undefined;
  if (aliases !== undefined) return { documents: [], diagnostics: [diagnostic('error', 'yaml-alias', aliasMessage(aliases), firstAlias(file, text))] };
  const positions = new PositionIndex(file, text);
  const documents: RuleDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  raw.forEach((value, index) => {
    if (value === null || value === undefined) return; // empty document, e.g. after a trailing `---`
    if (typeof value !== 'object' || Array.isArray(value) || value instanceof WrittenNumber) {
      diagnostics.push(diagnostic('error', 'not-a-mapping', 'a rule document must be a YAML mapping', positions.locate(index, [])));
      return;
    }
    const texts = new Map<string, string>();
    const data = unwrapNumbers(value, [], texts) as Record<string, unknown>;
    documents.push({
      file,
      index,
      data,
      locate: (path) => positions.locate(index, path),
      sourceText: (path) => texts.get(pathKey(path)),
    });
  });
  return { documents, diagnostics };
}
