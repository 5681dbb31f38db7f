/**
 * Sequence documents → SequenceRule (README "Sequences"). Inline step detections are compiled by
 * the detection-rule parser the caller passes in (the loader passes parseRuleDocument), as hidden
 * rules named `<sequence>/<step>`: the matcher runs them like any rule, the pipeline never prints
 * their hits, and the correlator only ever sees base hits.
 */
import { diagnostic, type DiagnosticCode, type Diagnostic } from '../../diagnostics.js';
import type { KeyPath, RuleDocument } from '../document.js';
import { asList, parseMeta } from '../correlation/meta.js';
import type { RuleMeta } from '../correlation/model.js';
import { parseTimespan } from '../correlation/timespan.js';
import { checkSchema } from '../schema-check.js';
import type { SequenceRule, SequenceStep, StepSource } from './model.js';
import schema from './sequence.schema.json' with { type: 'json' };

/** The JSON Schema documents are checked against (typed as a plain object, so the .d.ts imports no JSON). */
export const sequenceSchema: object = schema;

/** The detection-rule parser's signature (engine/sigma: parseRuleDocument). */
export type InlineRuleCompiler<R> = (doc: RuleDocument) => { rule?: R; diagnostics: Diagnostic[] };

export interface ParsedSequence<R> {
  rule?: SequenceRule;
  /** Rules compiled from inline detections: match them, never print their hits. */
  hiddenRules: R[];
  diagnostics: Diagnostic[];
}

export function parseSequenceDocument<R>(doc: RuleDocument, compileInline: InlineRuleCompiler<R>): ParsedSequence<R> {
  const diagnostics = checkSchema(doc, schema, 'sequence-schema');
  const hiddenRules: R[] = [];
  if (diagnostics.length > 0) return { hiddenRules, diagnostics };

  const body = doc.data.sequence as Record<string, unknown>;
  const error = (code: DiagnosticCode, message: string, path: KeyPath) =>
    diagnostics.push(diagnostic('error', code, message, doc.locate(['sequence', ...path])));
  const meta = parseMeta(doc, diagnostics);

  const maxspan = String(body.maxspan);
  const maxspanMs = parseTimespan(maxspan);
  if (maxspanMs === undefined) {
    error('bad-timespan', `maxspan '${maxspan}' must be a positive integer followed by s, m, h, d, w, M or y`, ['maxspan']);
  }

  const defaultBy = asList(body.by);
  const hiddenBase = meta.name ?? meta.id ?? `${doc.file}#${doc.index}`;
  const source = (raw: Record<string, unknown>, path: KeyPath, stepName: string): StepSource => {
    const by = raw.by === undefined ? defaultBy : asList(raw.by);
    if (by.length !== defaultBy.length && body.by !== undefined) {
      error('bad-join-key', `by has ${by.length} field(s) but the sequence joins on ${defaultBy.length}`, [...path, 'by']);
    }
    if (raw.rule !== undefined && raw.detection !== undefined) {
      error('bad-step', 'a step holds either rule or detection, not both', [...path, 'detection']);
    }
    if (raw.rule !== undefined) {
      if (raw.logsource !== undefined) error('bad-step', 'logsource belongs to an inline detection', [...path, 'logsource']);
      return { ref: raw.rule as string, inline: false, by, where: doc.locate(['sequence', ...path, 'rule']) };
    }
    const ref = `${hiddenBase}/${stepName}`;
    const where = doc.locate(['sequence', ...path, 'detection']);
    if (raw.logsource === undefined && doc.data.logsource === undefined) {
      // Sigma rules need one; it also routes the hidden rule to the right events.
      error('bad-step', 'an inline detection needs a logsource (on the step or at the top level of the document)', [...path, 'detection']);
      return { ref, inline: true, by, where };
    }
    const compiled = compileInline(inlineDocument(doc, meta, ref, raw, ['sequence', ...path]));
    diagnostics.push(...compiled.diagnostics);
    if (compiled.rule !== undefined) hiddenRules.push(compiled.rule);
    else if (!compiled.diagnostics.some((d) => d.severity === 'error')) {
      error('bad-step', 'inline detection did not compile', [...path, 'detection']);
    }
    return { ref, inline: true, by, where };
  };

  const rawSteps = body.steps as Array<Record<string, unknown>>;
  const names = new Set<string>();
  const steps: SequenceStep[] = rawSteps.map((raw, i) => {
    const name = (raw.name as string | undefined) ?? `step${i + 1}`;
    if (names.has(name)) error('bad-step', `step name '${name}' is used twice`, ['steps', i, 'name']);
    names.add(name);
    const missing = raw.missing === true;
    const runs = (raw.runs as number | undefined) ?? 1;
    if (missing && i === 0) error('bad-step', 'a missing step needs a step before it', ['steps', i, 'missing']);
    else if (missing && i !== rawSteps.length - 1) error('bad-step', 'only the last step may be missing', ['steps', i, 'missing']);
    if (missing && runs !== 1) error('bad-step', 'a missing step cannot have runs', ['steps', i, 'runs']);
    return { ...source(raw, ['steps', i], name), name, runs, missing };
  });
  const keyLength = steps[0].by.length;
  for (const [i, step] of steps.entries()) {
    if (step.by.length !== keyLength) {
      error('bad-join-key', `step '${step.name}' joins on ${step.by.length} field(s), step 1 on ${keyLength}`, ['steps', i]);
    }
  }
  const until = body.until === undefined ? undefined : source(body.until as Record<string, unknown>, ['until'], 'until');
  if (until && until.by.length !== keyLength) {
    error('bad-join-key', `until joins on ${until.by.length} field(s), the steps on ${keyLength}`, ['until']);
  }

  if (diagnostics.some((d) => d.severity === 'error') || maxspanMs === undefined) return { hiddenRules, diagnostics };
  return { rule: { ...meta, kind: 'sequence', maxspanMs, maxspan, steps, until }, hiddenRules, diagnostics };
}

/** The synthetic detection-rule document of an inline step; its locations point into the sequence file. */
function inlineDocument(
  doc: RuleDocument,
  meta: RuleMeta,
  name: string,
  raw: Record<string, unknown>,
  base: KeyPath,
): RuleDocument {
  const data: Record<string, unknown> = { title: `${meta.title} [${name}]`, name, detection: raw.detection };
  // A step without its own logsource takes the document's top-level one.
  data.logsource = raw.logsource ?? doc.data.logsource;
  if (meta.level !== undefined) data.level = meta.level;
  const inner = (path: KeyPath): KeyPath =>
    path[0] === 'detection' || (path[0] === 'logsource' && raw.logsource !== undefined)
      ? [...base, ...path]
      : path[0] === 'logsource'
        ? path
        : base;
  return {
    file: doc.file,
    index: doc.index,
    data,
    locate: (path) => doc.locate(inner(path)),
    sourceText: (path) => doc.sourceText(inner(path)),
  };
}
