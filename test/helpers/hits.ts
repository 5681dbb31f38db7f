/** Test-only builders for base hits and resolved rules. */
import type { DetectionHit } from '../../engine/hit.js';
import { parseCorrelationDocument } from '../../engine/sigma/correlation/parse.js';
import { resolveReferences } from '../../engine/sigma/correlation/resolve.js';
import type { CorrelationRule } from '../../engine/sigma/correlation/model.js';
import type { SequenceRule } from '../../engine/sigma/sequence/model.js';
import { parseSequenceDocument } from '../../engine/sigma/sequence/parse.js';
import { documentKind } from '../../engine/sigma/document.js';
import { yamlDocuments } from './documents.js';

export const T0 = Date.parse('2024-01-01T00:00:00Z');
export const sec = (s: number) => T0 + s * 1000;
export const min = (m: number) => T0 + m * 60_000;

/** A base hit of rule `name` (its name is also its reference) on an event with `fields`. */
export function hit(name: string, fields: Record<string, unknown> = {}, computer = 'host1'): DetectionHit {
  return {
    kind: 'detection',
    rule: { name, title: name, tags: [], path: 'rules.yml' },
    attack: { techniques: [], tactics: [] },
    computer,
    event: { EventID: 1, Computer: computer, ...fields },
  };
}

/** A correlation over rules a and b, grouped by Computer, within 10 s. */
export const hostCorrelation = (type: string, condition: string) => `
title: t
name: t
correlation:
  type: ${type}
  rules: [a, b]
  group-by: [Computer]
  timespan: 10s
  condition: ${condition}
`;

/** Base rules known to the collection in tests: every reference resolves by name. */
const BASE = ['a', 'b', 'c', 'd', 'login_fail', 'login_ok', 'exec', 'connect', 'stop', 'child'].map((name) => ({ name, file: 'base.yml' }));

/**
 * Parses and resolves the correlation/sequence documents of a YAML text; inline sequence steps are
 * given a stand-in compiler (the matcher is not under test here). Throws on any error diagnostic.
 */
export function loadRules(text: string) {
  const correlations: CorrelationRule[] = [];
  const sequences: SequenceRule[] = [];
  const errors: string[] = [];
  for (const doc of yamlDocuments(text, 'corr.yml')) {
    if (documentKind(doc.data) === 'correlation') {
      const { rule, diagnostics } = parseCorrelationDocument(doc);
      errors.push(...diagnostics.filter((d) => d.severity === 'error').map((d) => d.message));
      if (rule) correlations.push(rule);
    } else if (documentKind(doc.data) === 'sequence') {
      const { rule, diagnostics } = parseSequenceDocument(doc, (d) => ({ rule: d.data, diagnostics: [] }));
      errors.push(...diagnostics.filter((d) => d.severity === 'error').map((d) => d.message));
      if (rule) sequences.push(rule);
    }
  }
  const resolved = resolveReferences({ correlations, sequences }, BASE);
  errors.push(...resolved.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message));
  if (errors.length > 0) throw new Error(errors.join('\n'));
  return resolved;
}

import { createCorrelator, type Correlator, type CorrelatorInput, type CorrelatorOptions } from '../../engine/correlate/correlator.js';
import type { CorrelationHit } from '../../engine/hit.js';

export type Step = [timeMs: number, ...hits: DetectionHit[]];

/** Pushes each step as one event, then flushes; returns every correlation hit. */
export function runAll(correlator: Correlator, steps: Array<Step | CorrelatorInput>): CorrelationHit[] {
  const out: CorrelationHit[] = [];
  for (const step of steps) {
    const input = Array.isArray(step) ? { timeMs: step[0], hits: step.slice(1) as DetectionHit[] } : step;
    out.push(...correlator.push(input));
  }
  out.push(...correlator.flush());
  return out;
}

/** Loads the rules of `yaml` and runs `steps` through a fresh correlator (maxDelayMs 0 unless given). */
export function correlate(yaml: string, steps: Array<Step | CorrelatorInput>, options: CorrelatorOptions = {}) {
  const rules = loadRules(yaml);
  const correlator = createCorrelator(rules, { maxDelayMs: 0, ...options });
  return { hits: runAll(correlator, steps), correlator };
}

/** Firing times as minutes after T0 (for readable expectations). */
export const firedAtMin = (hits: CorrelationHit[]) => hits.map((h) => (Date.parse(h.time) - T0) / 60_000);
export const firedAtSec = (hits: CorrelationHit[]) => hits.map((h) => (Date.parse(h.time) - T0) / 1000);
