/**
 * Test-only stand-in for the rule loader: YAML text → located RuleDocuments (eemeli/yaml ranges),
 * so parser diagnostics can be checked for file:line:col.
 */
import { isMap, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import type { KeyPath, RuleDocument } from '../../engine/sigma/document.js';

export function yamlDocuments(text: string, file = 'test.yml'): RuleDocument[] {
  const lineCounter = new LineCounter();
  return parseAllDocuments(text, { lineCounter }).map((doc, index) => {
    const nodeAt = (path: KeyPath): Node | undefined => {
      let node = doc.contents as Node | null;
      let found: Node | undefined = node ?? undefined;
      for (const key of path) {
        if (isMap(node)) {
          const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === key);
          node = (pair?.value as Node | null) ?? (pair?.key as Node | null) ?? null;
        } else if (isSeq(node) && typeof key === 'number') {
          node = (node.items[key] as Node | null) ?? null;
        } else {
          node = null;
        }
        if (!node) break;
        found = node;
      }
      return found;
    };
    return {
      file,
      index,
      data: doc.toJS() as Record<string, unknown>,
      locate(path) {
        const offset = nodeAt(path)?.range?.[0] ?? 0;
        const { line, col } = lineCounter.linePos(offset);
        return { file, line, col };
      },
      sourceText(path) {
        const node = nodeAt(path) as { source?: string } | undefined;
        return node?.source;
      },
    };
  });
}
