/** Host names as NATS subject tokens (the partition is `run --workers`' partitionOf, tested beside it). */
import { describe, expect, it } from 'vitest';
import { subjectToken } from '../../engine/sources/subject-token.js';

describe('subjectToken', () => {
  it.each([
    ['WS-0412.corp.local', 'WS-0412_corp_local'],
    ['a b*c>d', 'a_b_c_d'],
    ['', '_'],
  ])('%j → %j', (host, token) => expect(subjectToken(host)).toBe(token));
});
