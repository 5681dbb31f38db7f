/** F4: literals of any length match (no giant regex); a `?` pattern too large to compile is that rule's load error. */
import { describe, expect, it } from 'vitest';
import { NeedleSet } from '../../engine/match/needle-set.js';
import { engineFromText, ruleWithDetection } from '../helpers/rules.js';

const one = (item: string) => ruleWithDetection(`sel:\n  ${item}\ncondition: sel`);
const LONG = 'A'.repeat(40_000);

describe('F4 huge string literals', () => {
  it.each([
    ['contains', `CommandLine|contains: '${LONG}'`, `x${LONG.toLowerCase()}y`],
    ['startswith', `CommandLine|startswith: '${LONG}'`, `${LONG}y`],
    ['contains, 1 MB', `CommandLine|contains: '${'b'.repeat(1_000_000)}'`, `x${'b'.repeat(1_000_000)}`],
    ['keyword', `'${LONG}'`, `x${LONG}`],
  ])('F4 a %s literal loads without error and matches, with no exception at the first event', (_name, item, text) => {
    const detection = item.startsWith("'") ? `keywords:\n  - ${item}\ncondition: keywords` : `sel:\n  ${item}\ncondition: sel`;
    const engine = engineFromText(ruleWithDetection(detection));
    expect(engine.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(engine.detector.process({ EventID: 1, CommandLine: 'short' })).toHaveLength(0);
    expect(engine.detector.process({ EventID: 1, CommandLine: text })).toHaveLength(1);
  });

  it('F4 a needle set over the regex size budget answers by its scan', () => {
    const set = new NeedleSet([[LONG, 1], ['abc', 2]]);
    expect(set.test(`..${LONG}..`)).toBe(true);
    expect(set.test('..abc..')).toBe(true);
    expect(set.test('A'.repeat(39_999))).toBe(false);
  });

  it('F4 a `?` pattern too large to compile is a located load error that does not repeat the pattern', () => {
    const engine = engineFromText(one(`CommandLine|contains: '?${'b'.repeat(40_000)}'`));
    const errors = engine.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.code, d.where.line, d.where.path])).toEqual([['bad-value', 6, 'detection.sel.CommandLine|contains']]);
    expect(errors[0].message.length).toBeLessThan(200);
  });

  it('F4 a huge re pattern RE2 refuses is reported by its start and size only', () => {
    const engine = engineFromText(one(`CommandLine|re: '(?=${'c'.repeat(40_000)})'`));
    const errors = engine.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].message.length).toBeLessThan(600);
    expect(errors[0].message).toContain('40004 characters');
  });
});
