/**
 * The library's entry point: load rule paths, compile them, and get a `Detector` plus everything
 * a caller must report (diagnostics, rejected and unrouted rules).
 */
import type { CorrelatorOptions } from '../correlate/correlator.js';
import type { Diagnostic } from '../diagnostics.js';
import { compileRules, type CompileResult } from '../match/compile.js';
import { loadCorrelations, type CorrelationSet } from '../sigma/correlation/load.js';
import { applyFilters } from '../sigma/filter.js';
import { loadRules, rejection, type LoadOptions, type RejectedDocument, type RuleCollection } from '../sigma/load.js';
import { Detector } from './detector.js';

export interface Engine {
  detector: Detector;
  collection: RuleCollection;
  compiled: CompileResult;
  /** Correlation and sequence rules, resolved against the detection rules. */
  correlations: CorrelationSet;
  /** Every document that did not load: detection rules, filters, correlations, sequences. */
  rejected: RejectedDocument[];
  /** Load and compile diagnostics together, in the order they were found. */
  diagnostics: Diagnostic[];
}

export interface EngineOptions extends LoadOptions {
  correlator?: CorrelatorOptions;
  /** Detection hits name the search identifiers that matched (slower; for investigation). */
  explain?: boolean;
  /** The caller runs the correlation stage (see DetectorOptions.detachedCorrelations). */
  detachedCorrelations?: boolean;
}

export function engineFromCollection(collection: RuleCollection, options: EngineOptions = {}): Engine {
  const correlations = loadCorrelations(collection, { placeholders: options.placeholders ?? {} });
  // Filters apply to rules from any file of the collection, so only once it is complete; inline
  // sequence steps are matched like any rule, and their hits only feed the correlator.
  const rules = [...collection.rules.map((rule) => applyFilters(rule, collection.filters)), ...correlations.hiddenRules];
  const compiled = compileRules(rules);
  const rejected = [
    ...collection.rejected,
    ...compiled.rejected.map(({ diagnostic: d }) => rejection(d.where, d.message)),
    ...correlations.diagnostics.filter((d) => d.severity === 'error').map((d) => rejection(d.where, d.message)),
  ];
  return {
    detector: new Detector(compiled.compiled, {
      correlations, correlator: options.correlator, explain: options.explain, detachedCorrelations: options.detachedCorrelations,
    }),
    collection,
    compiled,
    correlations,
    rejected,
    diagnostics: [...collection.diagnostics, ...correlations.diagnostics, ...compiled.diagnostics],
  };
}

export async function createEngine(rulePaths: string[], options: EngineOptions = {}): Promise<Engine> {
  return engineFromCollection(await loadRules(rulePaths, options), options);
}
