/** Literals the prefilter may require of a regex: only where every match must contain them. */
import { describe, expect, it } from 'vitest';
import { requiredRegexLiteral } from '../../engine/match/regex-literal.js';

const table: Array<[string, string | undefined]> = [
  ['abc', 'abc'],
  ['\\\\temp\\\\[a-z]+\\.exe', '\\temp\\'],
  ['-enc\\s+[A-Za-z0-9+/=]{100,}', '-enc'],
  ['ab?cdef', 'cdef'],
  ['abcd*ef', 'abc'],
  ['(abc|def)xyz', 'xyz'],
  ['abc|def', undefined],
  ['a(bc)?defg', 'defg'],
  ['x{0,3}yzzz', 'yzzz'],
  ['hello+world', 'hello'],
  ['\\d+\\.\\d+', '.'],
  ['[^a]bcd', 'bcd'],
  ['.*', undefined],
];

describe('requiredRegexLiteral', () => {
  for (const [pattern, literal] of table) it(pattern, () => expect(requiredRegexLiteral(pattern)).toBe(literal));
});
