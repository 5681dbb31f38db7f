/**
 * The condition grammar (SIGMA.md §5.1): or < and < not < `x of` < parentheses; keywords are
 * whole words in any case; `them` and patterns skip `_`-prefixed identifiers.
 */
import { diagnostic, type Diagnostic, type DiagnosticCode, type Location } from '../diagnostics.js';
import type { ConditionNode } from './model.js';

const TOKEN = /\(|\)|[^\s()]+/g;
const KEYWORDS = new Set(['and', 'or', 'not', 'of']);
const QUANTIFIERS: Record<string, 'any' | 'all'> = { '1': 'any', any: 'any', all: 'all' };

/**
 * How deep parentheses and `not` may nest in a condition. Real rules nest three or four deep; the
 * parser (and every walk of the tree it builds) recurses once per level, so a hostile condition
 * thousands deep would overflow the stack. Past this, the rule is a located load error.
 */
export const MAX_CONDITION_DEPTH = 100;

export const TOO_DEEP = `parentheses and 'not' nest more than ${MAX_CONDITION_DEPTH} deep`;

export interface ConditionResult {
  node?: ConditionNode;
  diagnostics: Diagnostic[];
}

function patternRegex(pattern: string): RegExp {
  const source = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`);
}

/** Identifiers a selector pattern covers, in detection order. */
export function selectIdentifiers(pattern: string, identifiers: string[]): string[] {
  if (pattern.toLowerCase() === 'them') return identifiers.filter((id) => !id.startsWith('_'));
  const regex = patternRegex(pattern);
  const underscoreOk = pattern.startsWith('_');
  return identifiers.filter((id) => regex.test(id) && (underscoreOk || !id.startsWith('_')));
}

export function parseCondition(text: string, identifiers: string[], locate: () => Location): ConditionResult {
  const diagnostics: Diagnostic[] = [];
  const fail = (message: string, code: DiagnosticCode = 'bad-condition'): ConditionResult => ({ diagnostics: [...diagnostics, diagnostic('error', code, message, locate())] });
  if (text.includes('|')) return fail('pipe (|) aggregation syntax is deprecated; write a Sigma correlation rule instead', 'legacy-aggregation');
  const tokens = text.match(TOKEN) ?? [];
  if (tokens.length === 0) return fail('empty condition');
  let pos = 0;
  /** Open parentheses and `not`s around the current position. */
  let depth = 0;
  const peek = (): string | undefined => tokens[pos];
  const isWord = (token: string | undefined, word: string): boolean => token !== undefined && token.toLowerCase() === word;
  const known = new Set(identifiers);

  const parseOr = (): ConditionNode | string => {
    const operands: ConditionNode[] = [];
    for (;;) {
      const operand = parseAnd();
      if (typeof operand === 'string') return operand;
      operands.push(operand);
      if (!isWord(peek(), 'or')) break;
      pos++;
    }
    return operands.length === 1 ? operands[0] : { kind: 'or', operands };
  };
  const parseAnd = (): ConditionNode | string => {
    const operands: ConditionNode[] = [];
    for (;;) {
      const operand = parseNot();
      if (typeof operand === 'string') return operand;
      operands.push(operand);
      if (!isWord(peek(), 'and')) break;
      pos++;
    }
    return operands.length === 1 ? operands[0] : { kind: 'and', operands };
  };
  const parseNot = (): ConditionNode | string => {
    if (isWord(peek(), 'not')) {
      pos++;
      if (++depth > MAX_CONDITION_DEPTH) return TOO_DEEP;
      const operand = parseNot();
      depth--;
      return typeof operand === 'string' ? operand : { kind: 'not', operand };
    }
    return parseOperand();
  };
  const parseOperand = (): ConditionNode | string => {
    const token = peek();
    if (token === undefined) return 'condition ends where an identifier was expected';
    if (token === '(') {
      pos++;
      if (++depth > MAX_CONDITION_DEPTH) return TOO_DEEP;
      const inner = parseOr();
      if (typeof inner === 'string') return inner;
      if (peek() !== ')') return `missing ')' ${peek() === undefined ? 'at end' : `before '${peek()}'`}`;
      pos++;
      depth--;
      return inner;
    }
    if (token === ')') return `unexpected ')'`;
    const quantifier = QUANTIFIERS[token.toLowerCase()];
    if (quantifier && isWord(tokens[pos + 1], 'of')) {
      const pattern = tokens[pos + 2];
      if (pattern === undefined || pattern === '(' || pattern === ')') return `'${token} of' needs a pattern or 'them'`;
      pos += 3;
      const names = selectIdentifiers(pattern, identifiers);
      if (names.length === 0) return `'${token} of ${pattern}' matches no search identifier`;
      return { kind: 'selector', quantifier, pattern, names };
    }
    if (/^\d+$/.test(token) && isWord(tokens[pos + 1], 'of')) return `quantifier '${token} of' is not Sigma: use '1 of', 'any of' or 'all of'`;
    if (KEYWORDS.has(token.toLowerCase())) return `unexpected '${token}'`;
    if (!known.has(token)) return `'${token}' is not a search identifier of this rule`;
    pos++;
    return { kind: 'search', name: token };
  };

  const node = parseOr();
  if (node === TOO_DEEP) return fail(node, 'condition-too-deep');
  if (typeof node === 'string') return fail(node);
  if (pos < tokens.length) return fail(`unexpected '${tokens[pos]}' after a complete condition`);
  return { node, diagnostics };
}
