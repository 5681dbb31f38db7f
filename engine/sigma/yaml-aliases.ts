/**
 * YAML aliases (`*name`) are shared references once parsed: nine anchors of nine aliases each are
 * 564 bytes of text but 9^9 nodes to anything that walks the value as a tree (number unwrapping,
 * validation, placeholder lists), and an alias inside its own anchor is a cycle. Every YAML file we
 * load (rules, test sidecars, placeholder files) is checked here before it is walked.
 */
import type { Location } from '../diagnostics.js';

/** Nodes a document may stand for once its aliases are expanded; real rules have a few hundred. */
export const MAX_EXPANDED_NODES = 100_000;

export type AliasProblem = 'cycle' | 'too-large';

/**
 * Why `value` cannot be walked as a tree, if it cannot: an alias cycle, or more than `limit` nodes
 * once aliases are expanded. Each shared node is sized once, so this costs the distinct nodes only.
 */
export function aliasProblem(value: unknown, limit = MAX_EXPANDED_NODES): AliasProblem | undefined {
  const sizes = new Map<object, number>();
  const open = new Set<object>();
  let problem: AliasProblem | undefined;
  const size = (node: unknown): number => {
    if (problem !== undefined || node === null || typeof node !== 'object') return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (open.has(node)) {
      problem = 'cycle';
      return 1;
    }
    open.add(node);
    let total = 1;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      total += size(child);
      if (total > limit) problem ??= 'too-large';
      if (problem !== undefined) break;
    }
    open.delete(node);
    sizes.set(node, total);
    return total;
  };
  size(value);
  return problem;
}

/** A text can hold aliases only if it holds an anchor: the check is skipped for almost every file. */
export function mayHoldAliases(text: string): boolean {
  return text.includes('&') && text.includes('*');
}

export function aliasMessage(problem: AliasProblem): string {
  return problem === 'cycle'
    ? 'a YAML alias refers to a node that contains it (a cycle); refused'
    : `YAML aliases expand to more than ${MAX_EXPANDED_NODES} nodes (an alias bomb?); refused`;
}

/** Where the first alias is written: the place to look. */
export function firstAlias(file: string, text: string): Location {
  const match = /(^|[\s[{,:?-])\*[^\s\]},]+/m.exec(text);
  if (!match) return { file };
  const offset = match.index + match[1].length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { file, line, col: offset - before.lastIndexOf('\n') };
}
