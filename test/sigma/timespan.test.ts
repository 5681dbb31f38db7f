import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../engine/sigma/correlation/timespan.js';

describe('parseDuration (--max-delay)', () => {
  it.each([
    ['0', 0],
    ['5000', 5000],
    ['250ms', 250],
    ['5s', 5000],
    ['2m', 120_000],
  ])('%s = %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));
  it.each(['', '-1', '1.5s', '5 s', 'soon', '5S'])('rejects %j', (text) => expect(parseDuration(text)).toBeUndefined());
});
