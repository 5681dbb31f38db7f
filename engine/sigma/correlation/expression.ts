/**
 * Extended temporal conditions (SIGMA.md §6.5): `rule_a and not (rule_b or rule_c)`.
 * Precedence not > and > or; keywords in any case (the draft writes `AND`, pySigma only `and`).
 * Identifiers are any run of characters other than blanks and parentheses, so rule ids (UUIDs)
 * work as well as names.
 */
import { MAX_CONDITION_DEPTH, TOO_DEEP } from '../condition.js';
import type { RuleExpression } from './model.js';

export type ExpressionResult = { expression: RuleExpression } | { error: string };

const KEYWORDS = new Set(['and', 'or', 'not']);

export function parseRuleExpression(text: string): ExpressionResult {
  const tokens = text.match(/[()]|[^\s()]+/g) ?? [];
  let pos = 0;
  /** Open parentheses and `not`s around the current position (bounded: the parser recurses per level). */
  let depth = 0;
  const enter = (): void => {
    if (++depth > MAX_CONDITION_DEPTH) throw new SyntaxError(TOO_DEEP);
  };
  const peek = (): string | undefined => tokens[pos];
  const isKeyword = (token: string | undefined, word: string): boolean => token?.toLowerCase() === word;

  /** One precedence level of a binary keyword: `next (word next)*`. */
  function parseBinary(word: 'and' | 'or', next: () => RuleExpression): RuleExpression {
    const operands = [next()];
    while (isKeyword(peek(), word)) {
      pos++;
      operands.push(next());
    }
    return operands.length === 1 ? operands[0] : { kind: word, operands };
  }
  const parseOr = (): RuleExpression => parseBinary('or', parseAnd);
  const parseAnd = (): RuleExpression => parseBinary('and', parseNot);
  function parseNot(): RuleExpression {
    if (isKeyword(peek(), 'not')) {
      pos++;
      enter();
      const operand = parseNot();
      depth--;
      return { kind: 'not', operand };
    }
    return parseAtom();
  }
  function parseAtom(): RuleExpression {
    const token = tokens[pos++];
    if (token === undefined) throw new SyntaxError('unexpected end of condition');
    if (token === '(') {
      enter();
      const inner = parseOr();
      if (tokens[pos++] !== ')') throw new SyntaxError("missing ')'");
      depth--;
      return inner;
    }
    if (token === ')' || KEYWORDS.has(token.toLowerCase())) throw new SyntaxError(`unexpected '${token}'`);
    return { kind: 'ref', ref: token };
  }

  try {
    if (tokens.length === 0) return { error: 'empty condition' };
    const expression = parseOr();
    if (pos < tokens.length) return { error: `unexpected '${tokens[pos]}'` };
    return { expression };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** References in order of first appearance. */
export function expressionRefs(expr: RuleExpression, into: string[] = []): string[] {
  if (expr.kind === 'ref') {
    if (!into.includes(expr.ref)) into.push(expr.ref);
  } else if (expr.kind === 'not') {
    expressionRefs(expr.operand, into);
  } else {
    for (const operand of expr.operands) expressionRefs(operand, into);
  }
  return into;
}

/** True when the expression needs absence of a rule (`not`), which only a closed window can decide. */
export function expressionHasNot(expr: RuleExpression): boolean {
  if (expr.kind === 'ref') return false;
  if (expr.kind === 'not') return true;
  return expr.operands.some(expressionHasNot);
}

/** Evaluate with `seen(ref)` telling whether the reference matched in the window. */
export function evaluateRuleExpression(expr: RuleExpression, seen: (ref: string) => boolean): boolean {
  switch (expr.kind) {
    case 'ref':
      return seen(expr.ref);
    case 'not':
      return !evaluateRuleExpression(expr.operand, seen);
    case 'and':
      return expr.operands.every((o) => evaluateRuleExpression(o, seen));
    case 'or':
      return expr.operands.some((o) => evaluateRuleExpression(o, seen));
  }
}
