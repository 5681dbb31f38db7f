/**
 * The correlation stage of rule loading: the loader's correlation and sequence documents → resolved
 * rules for the correlator, plus the hidden detection rules of inline sequence steps (compile and
 * match them with the others; their hits are only for the correlator).
 */
import type { Diagnostic } from '../../diagnostics.js';
import type { DetectionOptions } from '../detection.js';
import type { RuleDocument } from '../document.js';
import type { SigmaRule } from '../model.js';
import { parseRuleDocument } from '../rule.js';
import type { ResolvedSequenceRule, SequenceRule } from '../sequence/model.js';
import { parseSequenceDocument } from '../sequence/parse.js';
import type { CorrelationRule, ResolvedCorrelationRule } from './model.js';
import { parseCorrelationDocument } from './parse.js';
import { resolveReferences } from './resolve.js';

export interface CorrelationSet {
  correlations: ResolvedCorrelationRule[];
  sequences: ResolvedSequenceRule[];
  /** Detection rules of inline sequence steps: compile and match them; never print their hits. */
  hiddenRules: SigmaRule[];
  /** Hit keys (hitKeys) whose detection hits are not printed: hidden rules and `generate: false`. */
  suppressed: Set<string>;
  diagnostics: Diagnostic[];
}

export function loadCorrelations(
  collection: { rules: readonly SigmaRule[]; correlationDocuments: readonly RuleDocument[]; sequenceDocuments: readonly RuleDocument[] },
  options: DetectionOptions = { placeholders: {} },
): CorrelationSet {
  const diagnostics: Diagnostic[] = [];
  const correlations: CorrelationRule[] = [];
  const sequences: SequenceRule[] = [];
  const hiddenRules: SigmaRule[] = [];
  for (const doc of collection.correlationDocuments) {
    const parsed = parseCorrelationDocument(doc);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.rule) correlations.push(parsed.rule);
  }
  for (const doc of collection.sequenceDocuments) {
    const parsed = parseSequenceDocument(doc, (inline) => parseRuleDocument(inline, options));
    diagnostics.push(...parsed.diagnostics);
    if (parsed.rule) {
      sequences.push(parsed.rule);
      hiddenRules.push(...parsed.hiddenRules);
    }
  }
  const resolved = resolveReferences({ correlations, sequences }, collection.rules);
  diagnostics.push(...resolved.diagnostics);
  const kept = new Set(resolved.sequences.map((s) => `${s.file}#${s.index}`));
  return {
    correlations: resolved.correlations,
    sequences: resolved.sequences,
    // Inline rules of a sequence that failed resolution would only cost matching time.
    hiddenRules: hiddenRules.filter((rule) => kept.has(`${rule.file}#${rule.index}`)),
    suppressed: resolved.suppressed,
    diagnostics,
  };
}
