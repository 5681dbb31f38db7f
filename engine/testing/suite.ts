/**
 * The rule test model: a suite is one `<rule>.tests.yml` file, holding named cases for the rule
 * file beside it. Plain data, produced by suite-loader.ts and consumed by runner.ts.
 */
import type { Location } from '../diagnostics.js';
import type { NormalizedEvent } from '../event.js';

/** One expected hit; only the keys given are compared. */
export interface HitExpectation {
  /** Rule id, name or title. */
  rule?: string;
  /** 1-based numbers of the case's events behind the hit. */
  events?: number[];
  level?: string;
  techniques?: string[];
  group?: Record<string, string>;
}

export interface CaseExpectation {
  /** Count only this rule's hits (id, name or title); default: every rule of the file under test. */
  rule?: string;
  /** Exact number of counted hits; set from `exact` when only that is given. */
  hits: number;
  techniques?: string[];
  tactics?: string[];
  exact?: HitExpectation[];
}

export interface TestCase {
  name: string;
  /** Events with times resolved and provenance `{input: '<suite>#<case>', record: n}` set. */
  events: NormalizedEvent[];
  expect: CaseExpectation;
  where: Location;
}

export interface TestSuite {
  /** The `.tests.yml` file. */
  file: string;
  /** The rule file it tests (absolute-resolved path as given to the loader). */
  ruleFile: string;
  cases: TestCase[];
}

export const SUITE_SUFFIX = '.tests.yml';
export const DEFAULT_BASE_TIME = '2024-01-01 00:00:00.000';
