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
import type { SigmaRule } from '../sigma/model.js';
import { hitKeys } from '../sigma/correlation/model.js';
import { Detector } from './detector.js';
import { ruleSelector, type RuleSelection, type SelectionCriterion } from './rule-selection.js';

export interface Engine {
  detector: Detector;
  /**
   * A fresh detector over the same compiled rules (its own correlation state): one per partition.
   * `inline`: the correlations it evaluates itself, when the others are evaluated elsewhere.
   */
  newDetector(inline?: Pick<CorrelationSet, 'correlations' | 'sequences'>): Detector;
  collection: RuleCollection;
  compiled: CompileResult;
  /** Correlation and sequence rules, resolved against the detection rules. */
  correlations: CorrelationSet;
  /** Every document that did not load: detection rules, filters, correlations, sequences. */
  rejected: RejectedDocument[];
  /** Load and compile diagnostics together, in the order they were found. */
  diagnostics: Diagnostic[];
  /** Rules (detection, correlation, sequence) the selection left out, by the criterion that did. */
  leftOut: Partial<Record<SelectionCriterion, number>>;
  /** The correlator options its detectors use (a re-keying stage evaluates with the same). */
  correlatorOptions?: CorrelatorOptions;
}

export interface EngineOptions extends LoadOptions {
  correlator?: CorrelatorOptions;
  /** Detection hits name the search identifiers that matched (slower; for investigation). */
  explain?: boolean;
  /**
   * Which rules to evaluate (`run --min-level ...`; an empty selection leaves out deprecated and
   * unsupported rules). Without it, every rule loaded. A detection rule left out but referenced by a kept correlation or sequence is
   * still evaluated for it, silently, as a `generate: false` rule is.
   */
  select?: RuleSelection;
  /** The caller runs the correlation stage (see DetectorOptions.detachedCorrelations). */
  detachedCorrelations?: boolean;
}

/**
 * Apply the selection to correlations and sequences first, then to the detection rules they leave
 * without a reader: a left-out rule that a kept correlation references stays, silent.
 */
function selectCorrelated(collection: RuleCollection, correlations: CorrelationSet, selection: RuleSelection) {
  const failed = ruleSelector(selection);
  const leftOut: Partial<Record<SelectionCriterion, number>> = {};
  const count = (why: SelectionCriterion | undefined) => {
    if (why !== undefined) leftOut[why] = (leftOut[why] ?? 0) + 1;
    return why === undefined;
  };
  const kept: CorrelationSet = {
    ...correlations,
    correlations: correlations.correlations.filter((c) => count(failed(c))),
    sequences: correlations.sequences.filter((s) => count(failed(s))),
  };
  const referenced = new Set([
    ...kept.correlations.flatMap((c) => c.targets),
    ...kept.sequences.flatMap((s) => [...s.steps.map((step) => step.target), ...(s.until ? [s.until.target] : [])]),
  ]);
  const keptSequenceFiles = new Set(kept.sequences.map((s) => `${s.file}#${s.index}`));
  kept.hiddenRules = correlations.hiddenRules.filter((rule) => keptSequenceFiles.has(`${rule.file}#${rule.index}`));
  const suppressed = new Set(correlations.suppressed);
  const rules: SigmaRule[] = [];
  for (const rule of collection.rules) {
    const why = failed(rule);
    if (why === undefined) rules.push(rule);
    else if (hitKeys(rule).some((key) => referenced.has(key))) {
      rules.push(rule);
      for (const key of hitKeys(rule)) suppressed.add(key);
    } else count(why);
  }
  kept.suppressed = suppressed;
  return { rules, correlations: kept, leftOut };
}

export function engineFromCollection(collection: RuleCollection, options: EngineOptions = {}): Engine {
  const loaded = loadCorrelations(collection, { placeholders: options.placeholders ?? {} });
  const { rules: selected, correlations, leftOut } = options.select
    ? selectCorrelated(collection, loaded, options.select)
    : { rules: collection.rules, correlations: loaded, leftOut: {} };
  // Filters apply to rules from any file of the collection, so only once it is complete; inline
  // sequence steps are matched like any rule, and their hits only feed the correlator.
  const rules = [...selected.map((rule) => applyFilters(rule, collection.filters)), ...correlations.hiddenRules];
  const compiled = compileRules(rules);
  const rejected = [
    ...collection.rejected,
    ...compiled.rejected.map(({ diagnostic: d }) => rejection(d.where, d.message)),
    ...correlations.diagnostics.filter((d) => d.severity === 'error').map((d) => rejection(d.where, d.message)),
  ];
  const newDetector = (inline?: Pick<CorrelationSet, 'correlations' | 'sequences'>) =>
    new Detector(compiled.compiled, {
      correlations,
      correlator: options.correlator,
      explain: options.explain,
      detachedCorrelations: options.detachedCorrelations,
      inlineCorrelations: inline,
    });
  return {
    detector: newDetector(),
    newDetector,
    collection,
    compiled,
    correlations,
    rejected,
    diagnostics: [...collection.diagnostics, ...correlations.diagnostics, ...compiled.diagnostics],
    leftOut,
    correlatorOptions: options.correlator,
  };
}

export async function createEngine(rulePaths: string[], options: EngineOptions = {}): Promise<Engine> {
  return engineFromCollection(await loadRules(rulePaths, options), options);
}
