/**
 * `sigstream/testing`: rule-pack testing as a library. The vitest matchers, and the pieces of
 * `sigstream test` (test files, runner, reports, benign mode) for tools of your own.
 */
export { sigstreamMatchers, usePack, useRules } from './matchers.js';
export { loadPack } from './engine-pack.js';
export type { Pack, PackDetector, PackLoader, PackRule } from './pack.js';
export { detectAll } from './pack.js';
export type { CaseExpectation, HitExpectation, TestCase, TestSuite } from './suite.js';
export { findPackFiles, suitePathFor, type PackFiles } from './files.js';
export { bundledRulesDir } from './bundled.js';
export { loadSuite, loadSuites, type LoadedSuites, type SuiteLoadOptions } from './suite-loader.js';
export { runCase, runSuites, type CaseResult } from './runner.js';
export type { Failure } from './expectations.js';
export { failureBlock, summaryLine } from './text-report.js';
export { junitXml } from './junit.js';
export { resultsJson } from './json-report.js';
export { parseAllowList, type AllowEntry } from './allow-list.js';
export { runBenign, isLevel, LEVELS, type BenignOptions, type Level } from './benign.js';
export { explainCorrelations, correlationText, type CorrelationExplanation, type CorrelationTarget } from './explain-correlation.js';
