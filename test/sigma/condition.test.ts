/** C1-C6: the condition grammar, as tables over identifiers a, b, c, d (each `x: 1`). */
import { describe, expect, it } from 'vitest';
import { parseCondition, selectIdentifiers } from '../../engine/sigma/condition.js';
import { parseRuleExpression } from '../../engine/sigma/correlation/expression.js';
import { collectionFromText, matches, ruleWithDetection } from '../helpers/rules.js';

const ids = ['a', 'b', 'c', 'd'];
const rule = (condition: string) => ruleWithDetection(`${ids.map((i) => `${i}:\n  ${i}: 1`).join('\n')}\ncondition: ${condition}`);
const event = (...present: string[]) => Object.fromEntries(present.map((p) => [p, 1]));

describe('precedence and operators (C1, C4)', () => {
  const table: Array<[string, string[], boolean]> = [
    ['a and not b or not c and d', ['a'], true],
    ['a and not b or not c and d', ['a', 'b'], false],
    ['a and not b or not c and d', ['b', 'd'], true],
    ['a or b and c', ['a'], true],
    ['(a or b) and c', ['a'], false],
    ['not not a', ['a'], true],
    ['a AND NOT b', ['a'], true],
    ['a And b', ['a', 'b'], true],
  ];
  for (const [condition, present, expected] of table) {
    it(`${condition} with ${present.join(',')}`, () => expect(matches(rule(condition), event(...present))).toBe(expected));
  }
});

describe('selectors (C2, C3)', () => {
  it('patterns anywhere, them, and underscore exclusion', () => {
    const names = ['sel_a', 'sel_b', 'filter_x', '_hidden', 'x_filter'];
    expect(selectIdentifiers('sel_*', names)).toEqual(['sel_a', 'sel_b']);
    expect(selectIdentifiers('*_filter', names)).toEqual(['x_filter']);
    expect(selectIdentifiers('them', names)).toEqual(['sel_a', 'sel_b', 'filter_x', 'x_filter']);
    expect(selectIdentifiers('_*', names)).toEqual(['_hidden']);
    expect(selectIdentifiers('*', names)).not.toContain('_hidden');
  });
  it('1 of / any of / all of', () => {
    expect(matches(rule('1 of them'), event('c'))).toBe(true);
    expect(matches(rule('any of them'), event('c'))).toBe(true);
    expect(matches(rule('all of them'), event('a', 'b', 'c'))).toBe(false);
    expect(matches(rule('all of them'), event('a', 'b', 'c', 'd'))).toBe(true);
  });
  it('a condition list is OR-linked (C6)', () => {
    const text = ruleWithDetection('a:\n  a: 1\nb:\n  b: 1\ncondition:\n  - a\n  - b');
    expect(matches(text, event('b'))).toBe(true);
    expect(matches(text, event('c'))).toBe(false);
  });
  it('keywords are whole words: an identifier starting with "not" is not negated', () => {
    const text = ruleWithDetection('selection:\n  a: 1\nnotepad:\n  b: 1\ncondition: selection and notepad');
    expect(matches(text, event('a', 'b'))).toBe(true);
  });
});

describe('condition errors are located (C5)', () => {
  const table: Array<[string, RegExp]> = [
    ['a and e', /'e' is not a search identifier/],
    ['1 of foo*', /matches no search identifier/],
    ['a | count() > 5', /pipe/],
    ['2 of them', /not Sigma/],
    ['(a or b', /missing '\)'/],
    ['a b', /unexpected 'b'/],
    ['a and', /ends where an identifier was expected/],
  ];
  for (const [condition, message] of table) {
    it(condition, () => {
      const collection = collectionFromText(rule(condition));
      expect(collection.rules).toHaveLength(0);
      const error = collection.diagnostics.find((d) => d.severity === 'error');
      expect(error?.message).toMatch(message);
      expect(error?.where.line).toBe(13);
    });
  }
  it('parseCondition reports without throwing', () => {
    const result = parseCondition('', ['a'], () => ({ file: 'x' }));
    expect(result.node).toBeUndefined();
    expect(result.diagnostics[0].message).toMatch(/empty/);
  });
});

describe('F7 nesting depth', () => {
  const table: Array<[string, string, string | undefined]> = [
    ['100 nested parentheses load', `${'('.repeat(100)}a${')'.repeat(100)}`, undefined],
    ['3,000 nested parentheses', `${'('.repeat(3000)}a${')'.repeat(3000)}`, 'condition-too-deep'],
    ['3,000 nested nots', `${'not '.repeat(3000)}a`, 'condition-too-deep'],
    ['an unbalanced 3,000', `${'('.repeat(3000)}a`, 'condition-too-deep'],
  ];
  it.each(table)('F7 %s: a located error for that rule only, no crash', (_name, condition, code) => {
    const collection = collectionFromText(rule(condition));
    const errors = collection.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.code)).toEqual(code ? [code] : []);
    for (const d of errors) expect([d.where.file, d.where.line, d.where.path]).toEqual(['inline.yml', 13, 'detection.condition']);
  });

  it('F7 a correlation condition 3,000 deep is an error value, not a stack overflow', () => {
    expect(parseRuleExpression(`${'('.repeat(3000)}a${')'.repeat(3000)}`)).toEqual({ error: "parentheses and 'not' nest more than 100 deep" });
    expect(parseRuleExpression(`${'not '.repeat(50)}(a and b)`)).toHaveProperty('expression');
  });
});
