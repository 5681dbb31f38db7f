/**
 * Binds the rule references of correlations and sequences to the loaded collection (SIGMA.md §6.2):
 * by id first, then by name; chaining (correlations over correlations or sequences) with cycle
 * detection; a rule with an unresolved reference, or one that depends on such a rule, is dropped
 * with a located error. Also works out which rules `generate: false` silences.
 */
import { diagnostic, type Diagnostic, type Location } from '../../diagnostics.js';
import type { ResolvedSequenceRule, SequenceRule, StepSource } from '../sequence/model.js';
import { hitKeys, ruleKey, type CorrelationRule, type ResolvedCorrelationRule } from './model.js';

/** What a reference can point at: any loaded detection rule (id/name), plus its file for `generate`. */
export interface RuleIdentity {
  id?: string;
  name?: string;
  file?: string;
}

export interface ResolvedReferences {
  correlations: ResolvedCorrelationRule[];
  sequences: ResolvedSequenceRule[];
  /**
   * Hit keys (see hitKeys) of rules whose hits must not be printed on their own: the hidden rules of
   * inline sequence steps, and the same-file rules referenced by a correlation with `generate: false`
   * (SIGMA.md §6.2 DECISION, following the v2.2 draft). The correlator still receives those hits.
   */
  suppressed: Set<string>;
  diagnostics: Diagnostic[];
}

type Node = { kind: 'rule'; file?: string } | { kind: 'correlation'; rule: CorrelationRule } | { kind: 'sequence'; rule: SequenceRule };

interface Reference {
  ref: string;
  where: Location;
  inline: boolean;
}

export function resolveReferences(
  input: { correlations: readonly CorrelationRule[]; sequences?: readonly SequenceRule[] },
  rules: readonly RuleIdentity[],
): ResolvedReferences {
  const diagnostics: Diagnostic[] = [];
  const sequences = input.sequences ?? [];
  const byId = new Map<string, { key: string; node: Node }>();
  const byName = new Map<string, { key: string; node: Node }>();
  const register = (identity: { id?: string; name?: string }, node: Node, where?: Location) => {
    const key = hitKeys(identity)[0];
    if (key === undefined) return;
    for (const [map, value, label] of [[byId, identity.id, 'id'], [byName, identity.name, 'name']] as const) {
      if (value === undefined) continue;
      if (map.has(value) && where) {
        diagnostics.push(diagnostic('warning', 'duplicate-rule-reference', `${label} '${value}' is used by more than one rule; the first one is referenced`, where));
      } else if (!map.has(value)) {
        map.set(value, { key, node });
      }
    }
  };
  for (const rule of rules) register(rule, { kind: 'rule', file: rule.file });
  for (const rule of input.correlations) register(rule, { kind: 'correlation', rule }, rule.where);
  for (const rule of sequences) register(rule, { kind: 'sequence', rule }, rule.where);
  const lookup = (ref: string) => byId.get(ref) ?? byName.get(ref);

  const referencesOf = (rule: CorrelationRule | SequenceRule): Reference[] =>
    rule.kind === 'correlation'
      ? rule.rules.map((ref, i) => ({ ref, where: rule.ruleLocations[i], inline: false }))
      : [...rule.steps, ...(rule.until ? [rule.until] : [])].map((s: StepSource) => ({ ref: s.ref, where: s.where, inline: s.inline }));

  // A rule is valid when every reference resolves to a base rule or to a valid, acyclic rule.
  const state = new Map<CorrelationRule | SequenceRule, 'visiting' | 'valid' | 'invalid'>();
  const check = (rule: CorrelationRule | SequenceRule): boolean => {
    const known = state.get(rule);
    if (known === 'visiting') return false;
    if (known) return known === 'valid';
    state.set(rule, 'visiting');
    let valid = true;
    for (const { ref, where, inline } of referencesOf(rule)) {
      if (inline) continue;
      const found = lookup(ref);
      if (!found) {
        diagnostics.push(diagnostic('error', 'unknown-rule-reference', `rule '${ref}' not found in the rule collection`, where));
        valid = false;
      } else if (found.node.kind !== 'rule') {
        const inner = found.node.rule;
        if (state.get(inner) === 'visiting') {
          diagnostics.push(diagnostic('error', 'reference-cycle', `'${ref}' refers back to '${ruleKey(rule)}' (cycle)`, where));
          valid = false;
        } else if (!check(inner)) {
          if (state.get(inner) === 'invalid') {
            diagnostics.push(diagnostic('error', 'invalid-rule-reference', `'${ref}' is itself invalid`, where));
          }
          valid = false;
        }
      }
    }
    state.set(rule, valid ? 'valid' : 'invalid');
    return valid;
  };

  const targetOf = (ref: string) => lookup(ref)!.key;
  const correlations: ResolvedCorrelationRule[] = [];
  const suppressed = new Set<string>();
  for (const rule of input.correlations) {
    if (!check(rule)) continue;
    correlations.push({ ...rule, targets: rule.rules.map(targetOf), aliases: canonicalAliases(rule, lookup) });
    if (!rule.generate) {
      for (const ref of rule.rules) {
        const found = lookup(ref)!;
        const file = found.node.kind === 'rule' ? found.node.file : found.node.rule.file;
        if (file === rule.file) suppressed.add(found.key);
      }
    }
  }
  const resolvedSequences: ResolvedSequenceRule[] = [];
  for (const rule of sequences) {
    const bind = <S extends StepSource>(s: S): S & { target: string } => ({
      ...s,
      target: s.inline ? `name:${s.ref}` : targetOf(s.ref),
    });
    for (const s of [...rule.steps, ...(rule.until ? [rule.until] : [])]) if (s.inline) suppressed.add(`name:${s.ref}`);
    if (!check(rule)) continue;
    resolvedSequences.push({ ...rule, steps: rule.steps.map(bind), until: rule.until && bind(rule.until) });
  }
  return { correlations, sequences: resolvedSequences, suppressed, diagnostics };
}

/** Alias mappings keyed by the reference exactly as written in `rules`, whichever of id/name the alias used. */
function canonicalAliases(
  rule: CorrelationRule,
  lookup: (ref: string) => { key: string } | undefined,
): Record<string, Record<string, string>> {
  const byTarget = new Map(rule.rules.map((ref) => [lookup(ref)?.key, ref]));
  const out: Record<string, Record<string, string>> = {};
  for (const [alias, mapping] of Object.entries(rule.aliases)) {
    out[alias] = {};
    for (const [ref, field] of Object.entries(mapping)) {
      out[alias][byTarget.get(lookup(ref)?.key) ?? ref] = field;
    }
  }
  return out;
}
