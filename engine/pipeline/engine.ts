/**
 * The library's entry point: load rule paths, compile them, and get a `Detector` plus everything
 * a caller must report (diagnostics, rejected and unrouted rules).
 */
import type { Diagnostic } from '../diagnostics.js';
import { compileRules, type CompileResult } from '../match/compile.js';
import { applyFilters } from '../sigma/filter.js';
import { loadRules, type LoadOptions, type RuleCollection } from '../sigma/load.js';
import { Detector } from './detector.js';

export interface Engine {
  detector: Detector;
  collection: RuleCollection;
  compiled: CompileResult;
  /** Load and compile diagnostics together, in the order they were found. */
  diagnostics: Diagnostic[];
}

export type EngineOptions = LoadOptions;

export function engineFromCollection(collection: RuleCollection): Engine {
  // Filters apply to rules from any file of the collection, so only once it is complete.
  const compiled = compileRules(collection.rules.map((rule) => applyFilters(rule, collection.filters)));
  return {
    detector: new Detector(compiled.compiled),
    collection,
    compiled,
    diagnostics: [...collection.diagnostics, ...compiled.diagnostics],
  };
}

export async function createEngine(rulePaths: string[], options: EngineOptions = {}): Promise<Engine> {
  return engineFromCollection(await loadRules(rulePaths, options));
}
