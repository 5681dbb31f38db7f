/** D4: the exact escape algorithm of SIGMA.md §3.3, as a table. */
import { describe, expect, it } from 'vitest';
import { WILDCARD_MULTI as M, WILDCARD_SINGLE as S, parseSigmaString } from '../../engine/sigma/values.js';

const cases: Array<[string, Array<string | number>]> = [
  ['C:\\Windows\\System32\\cmd.exe', ['C:\\Windows\\System32\\cmd.exe']],
  ['C:\\\\Windows', ['C:\\Windows']],
  ['a\\\\\\b', ['a\\\\b']],
  ['a\\\\\\\\b', ['a\\\\b']],
  ['C:\\Windows\\*', ['C:\\Windows*']],
  ['C:\\Windows\\\\*', ['C:\\Windows\\', M]],
  ['C:\\Windows\\\\\\*', ['C:\\Windows\\*']],
  ['x\\?y', ['x?y']],
  ['end\\', ['end\\']],
  ['*a?b*', [M, 'a', S, 'b', M]],
  ['', []],
];

describe('parseSigmaString (D4)', () => {
  for (const [text, parts] of cases) {
    it(JSON.stringify(text), () => expect(parseSigmaString(text).parts).toEqual(parts));
  }
});
