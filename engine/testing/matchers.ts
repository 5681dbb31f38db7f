/**
 * vitest matchers for detection engineers (`import { sigstreamMatchers, useRules } from 'sigstream/testing'`):
 *
 *   beforeAll(async () => { await useRules(['rules/']); expect.extend(sigstreamMatchers); });
 *   expect(events).toTrigger('Certutil Used to Download a File');
 *   expect(events).not.toTrigger(ruleId);
 *   expect(events).toTriggerTimes(2, ruleId);   // or toTriggerTimes(n): hits of any rule
 *   expect(events).toTagTechnique('T1105');
 *
 * `events` is one event or a list; events get the same time handling as test cases (`UtcTime: '+12s'`
 * is relative to 2024-01-01 00:00:00, absent times step by one second). Matchers are synchronous: the
 * rules are loaded once beforehand with `useRules` (or `usePack`).
 */
import type {} from 'vitest';
import type { NormalizedEvent } from '../event.js';
import type { Hit } from '../hit.js';
import { materializeEvents } from './case-events.js';
import { NO_SUCH_PATH } from '../sigma/load.js';
import { loadPack } from './engine-pack.js';
import { eventNumbers, ruleIs, techniqueIds } from './hit-facts.js';
import { detectAll, type Pack } from './pack.js';
import { parseAbsoluteTime } from './relative-time.js';
import { DEFAULT_BASE_TIME } from './suite.js';

let current: Pack | undefined;

/** Load rule files or directories as the pack the matchers evaluate. A path that does not exist throws. */
export async function useRules(paths: string[]): Promise<Pack> {
  const pack = await loadPack(paths);
  const missing = pack.diagnostics.filter((d) => d.code === NO_SUCH_PATH).map((d) => d.where.file);
  if (missing.length > 0) throw new Error(`useRules: no such rules path: ${missing.join(', ')}`);
  current = pack;
  return pack;
}

/** Use an already loaded pack (or any `Pack`). */
export function usePack(pack: Pack): void {
  current = pack;
}

interface MatcherResult {
  pass: boolean;
  message: () => string;
  actual?: unknown;
  expected?: unknown;
}

function hitsOf(received: unknown): Hit[] {
  if (!current) throw new Error('sigstream matchers: call `await useRules([...])` (or usePack) before using them');
  const list = (Array.isArray(received) ? received : [received]) as Array<Record<string, unknown>>;
  if (list.some((e) => e === null || typeof e !== 'object' || Array.isArray(e))) throw new TypeError('sigstream matchers: expected an event object or a list of event objects');
  const { events } = materializeEvents(list, {}, parseAbsoluteTime(DEFAULT_BASE_TIME)!, 'expect', () => undefined);
  return detectAll(current, events as NormalizedEvent[]);
}

/**
 * A matcher naming a rule the pack does not have fails, whichever way it is asked: otherwise a typo
 * in `not.toTrigger('...')` would pass for ever.
 */
function requireRule(rule: string): void {
  if (!current!.rules.some((r) => ruleIs({ ...r, tags: [] }, rule))) {
    throw new Error(`sigstream matchers: no such rule: '${rule}' (not an id, name or title of the ${current!.rules.length} rules loaded)`);
  }
}

const describe = (hits: Hit[]) => (hits.length === 0 ? 'no hits' : hits.map((h) => `  ${h.rule.title} (${h.rule.id ?? 'no id'}) on event ${eventNumbers(h).join(',')}`).join('\n'));

export const sigstreamMatchers = {
  toTrigger(received: unknown, rule: string): MatcherResult {
    const hits = hitsOf(received);
    requireRule(rule);
    const mine = hits.filter((h) => ruleIs(h.rule, rule));
    return {
      pass: mine.length > 0,
      message: () => (mine.length > 0 ? `expected the events not to trigger '${rule}', but it hit ${mine.length} time(s):\n${describe(mine)}` : `expected the events to trigger '${rule}'; hits were:\n${describe(hits)}`),
    };
  },
  toTriggerTimes(received: unknown, times: number, rule?: string): MatcherResult {
    const hits = hitsOf(received);
    if (rule !== undefined) requireRule(rule);
    const mine = rule === undefined ? hits : hits.filter((h) => ruleIs(h.rule, rule));
    const subject = rule === undefined ? 'the rules' : `'${rule}'`;
    return {
      pass: mine.length === times,
      message: () => `expected ${subject} to hit ${times} time(s), got ${mine.length}:\n${describe(mine)}`,
      actual: mine.length,
      expected: times,
    };
  },
  toTagTechnique(received: unknown, technique: string): MatcherResult {
    const hits = hitsOf(received);
    const want = technique.toUpperCase();
    const tagged = hits.filter((h) => techniqueIds(h).includes(want));
    return {
      pass: tagged.length > 0,
      message: () =>
        tagged.length > 0
          ? `expected no hit tagged ${want}, got:\n${describe(tagged)}`
          : `expected a hit tagged ${want}; hits carried: ${JSON.stringify(hits.map((h) => ({ rule: h.rule.title, techniques: techniqueIds(h) })))}`,
    };
  },
};

interface SigstreamMatchers<R = unknown> {
  /** The events make the rule (id, name or title) hit at least once. */
  toTrigger(rule: string): R;
  /** The events make the rule (or, without one, all rules together) hit exactly `times` times. */
  toTriggerTimes(times: number, rule?: string): R;
  /** Some hit of the events carries the ATT&CK technique (`T1105`, `T1059.001`). */
  toTagTechnique(technique: string): R;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Assertion<T = any> extends SigstreamMatchers<T> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AsymmetricMatchersContaining extends SigstreamMatchers {}
}
