/**
 * Run test suites against a loaded pack: one fresh detector per case, the case's events in order,
 * then end of input; the hits of the rule(s) under test are checked against the expectation.
 */
import path from 'node:path';
import { formatDiagnostic, type Location } from '../diagnostics.js';
import type { Hit } from '../hit.js';
import { checkExpectation, type Failure } from './expectations.js';
import { ruleIs } from './hit-facts.js';
import { detectAll, type Pack } from './pack.js';
import type { TestCase, TestSuite } from './suite.js';

export interface CaseResult {
  /** The `.tests.yml` file. */
  suite: string;
  ruleFile: string;
  name: string;
  where: Location;
  passed: boolean;
  failures: Failure[];
  /** The counted hits (those of the rule(s) under test). */
  hits: Hit[];
  durationMs: number;
}

const samePath = (a: string, b: string) => path.resolve(a) === path.resolve(b);

function countedHits(hits: Hit[], suite: TestSuite, testCase: TestCase): Hit[] {
  const ref = testCase.expect.rule;
  return ref ? hits.filter((hit) => ruleIs(hit.rule, ref)) : hits.filter((hit) => samePath(hit.rule.path, suite.ruleFile));
}

/** Why a suite cannot run at all: its rule file was not loaded, or was loaded with errors. */
function suiteBlocker(suite: TestSuite, pack: Pack): Failure | undefined {
  const errors = pack.diagnostics.filter((d) => d.severity === 'error' && samePath(d.where.file, suite.ruleFile));
  if (errors.length > 0) return { message: `rule file has errors:\n${errors.map((d) => '  ' + formatDiagnostic(d)).join('\n')}` };
  if (!pack.rules.some((rule) => samePath(rule.path, suite.ruleFile))) return { message: `rule file ${suite.ruleFile} was not loaded (missing, or not among the rules given)` };
  return undefined;
}

export function runCase(suite: TestSuite, testCase: TestCase, pack: Pack): CaseResult {
  const started = performance.now();
  const hits = countedHits(detectAll(pack, testCase.events.map((e) => ({ ...e }))), suite, testCase);
  const failures = checkExpectation(testCase.expect, hits);
  return {
    suite: suite.file,
    ruleFile: suite.ruleFile,
    name: testCase.name,
    where: testCase.where,
    passed: failures.length === 0,
    failures,
    hits,
    durationMs: performance.now() - started,
  };
}

export function runSuites(suites: readonly TestSuite[], pack: Pack): CaseResult[] {
  const results: CaseResult[] = [];
  for (const suite of suites) {
    const blocker = suiteBlocker(suite, pack);
    for (const testCase of suite.cases) {
      if (blocker) {
        results.push({ suite: suite.file, ruleFile: suite.ruleFile, name: testCase.name, where: testCase.where, passed: false, failures: [blocker], hits: [], durationMs: 0 });
      } else {
        results.push(runCase(suite, testCase, pack));
      }
    }
  }
  return results;
}
