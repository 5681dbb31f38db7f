/**
 * Check one case's hits against its expectation. Each failed check is one `Failure` with a message
 * and, where useful, a diff of expected vs actual hits (projected onto the keys the test talks about).
 */
import type { Hit } from '../hit.js';
import { diffItems } from './diff.js';
import { eventNumbers, hasTactic, ruleIs, techniqueIds } from './hit-facts.js';
import type { CaseExpectation, HitExpectation } from './suite.js';

export interface Failure {
  message: string;
  /** Multi-line expected-vs-actual diff. */
  diff?: string;
}

type Projected = Partial<Record<keyof HitExpectation, unknown>>;

/** The actual hit seen through the keys an expected entry uses (rule shown as the test wrote it when it matches). */
function project(hit: Hit, keys: ReadonlyArray<keyof HitExpectation>, written?: HitExpectation): Projected {
  const out: Projected = {};
  for (const key of keys) {
    if (key === 'rule') out.rule = written?.rule && ruleIs(hit.rule, written.rule) ? written.rule : hit.rule.title;
    else if (key === 'events') out.events = eventNumbers(hit);
    else if (key === 'level') out.level = hit.rule.level;
    else if (key === 'techniques') out.techniques = techniqueIds(hit);
    else if (key === 'group') out.group = hit.kind === 'correlation' ? hit.correlation.group : undefined;
  }
  return out;
}

const DEFAULT_KEYS: Array<keyof HitExpectation> = ['rule', 'events'];

function sameProjection(a: Projected, b: Projected): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Normalise an expected entry for comparison: technique ids upper-case, event numbers sorted. */
function normalise(entry: HitExpectation): Projected {
  const out: Projected = { ...entry };
  if (entry.techniques) out.techniques = entry.techniques.map((t) => t.toUpperCase());
  if (entry.events) out.events = [...entry.events].sort((a, b) => a - b);
  return out;
}

function checkExact(expected: HitExpectation[], hits: Hit[]): Failure | undefined {
  const keysOf = (entry: HitExpectation | undefined) => (entry ? (Object.keys(entry) as Array<keyof HitExpectation>) : DEFAULT_KEYS);
  const want = expected.map(normalise);
  const got = hits.map((hit, i) => project(hit, keysOf(expected[i]), expected[i]));
  if (want.length === got.length && want.every((w, i) => sameProjection(w, got[i]))) return undefined;
  return { message: 'exact hits differ', diff: diffItems(want, got) };
}

export function checkExpectation(expect: CaseExpectation, hits: Hit[]): Failure[] {
  const failures: Failure[] = [];
  if (hits.length !== expect.hits) {
    const shown = hits.map((hit) => project(hit, DEFAULT_KEYS));
    failures.push({
      message: `expected ${expect.hits} hit${expect.hits === 1 ? '' : 's'}, got ${hits.length}`,
      diff: expect.exact ? undefined : `  actual hits:\n${shown.map((h) => `+ ${JSON.stringify(h)}`).join('\n') || '  (none)'}`,
    });
  }
  if (expect.exact) {
    const failure = checkExact(expect.exact, hits);
    if (failure) failures.push(failure);
  }
  for (const technique of expect.techniques ?? []) {
    const lacking = hits.filter((hit) => !techniqueIds(hit).includes(technique.toUpperCase()));
    if (lacking.length > 0) {
      failures.push({
        message: `technique ${technique.toUpperCase()} missing on ${lacking.length} of ${hits.length} hits`,
        diff: diffItems([{ techniques: [technique.toUpperCase()] }], lacking.map((hit) => ({ techniques: techniqueIds(hit) }))),
      });
    }
  }
  for (const tactic of expect.tactics ?? []) {
    const lacking = hits.filter((hit) => !hasTactic(hit, tactic));
    if (lacking.length > 0) {
      failures.push({
        message: `tactic ${tactic} missing on ${lacking.length} of ${hits.length} hits`,
        diff: diffItems([{ tactics: [tactic] }], lacking.map((hit) => ({ tactics: hit.attack.tactics.map((t) => t.shortname ?? t.name) }))),
      });
    }
  }
  return failures;
}
