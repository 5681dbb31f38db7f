/**
 * A detection-rule document → `SigmaRule`: schema check (ajv), then the semantic checks of
 * SIGMA.md §2 (Y5, Y6), then the detection. Errors reject the rule; warnings are kept.
 */
import { diagnostic, type DiagnosticCode, type Diagnostic } from '../diagnostics.js';
import schema from './schema/detection-rule.schema.json' with { type: 'json' };
import { parseDetection, type DetectionOptions } from './detection.js';
import type { RuleDocument } from './document.js';
import type { Logsource, SigmaRule } from './model.js';
import { checkSchema } from './schema-check.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUS = new Set(['stable', 'test', 'experimental', 'deprecated', 'unsupported']);
const LEVEL = new Set(['informational', 'low', 'medium', 'high', 'critical']);
const RELATED = new Set(['derived', 'obsolete', 'obsoletes', 'merged', 'renamed', 'similar', 'correlation']);
const DATE = /^\d{4}[-/]\d{1,2}[-/]\d{1,2}$/;
const TAG = /^[a-z0-9_-]+\.[a-z0-9._-]+$/;

export interface RuleParseResult {
  rule?: SigmaRule;
  diagnostics: Diagnostic[];
}

function semanticChecks(doc: RuleDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  const d = doc.data;
  const err = (path: string[], code: DiagnosticCode, message: string) => out.push(diagnostic('error', code, message, doc.locate(path)));
  const warn = (path: Array<string | number>, code: DiagnosticCode, message: string) => out.push(diagnostic('warning', code, message, doc.locate(path)));
  if (typeof d.id === 'string' && !UUID.test(d.id)) err(['id'], 'bad-id', `id '${d.id}' is not a UUID`);
  if (typeof d.status === 'string' && !STATUS.has(d.status.toLowerCase())) err(['status'], 'bad-status', `status '${d.status}' is not one of ${[...STATUS].join(', ')}`);
  if (typeof d.level === 'string' && !LEVEL.has(d.level.toLowerCase())) err(['level'], 'bad-level', `level '${d.level}' is not one of ${[...LEVEL].join(', ')}`);
  for (const key of ['date', 'modified']) {
    if (typeof d[key] === 'string' && !DATE.test(d[key] as string)) warn([key], 'bad-date', `${key} '${d[key] as string}' is not YYYY-MM-DD`);
  }
  if (Array.isArray(d.related)) {
    d.related.forEach((r: { type?: unknown }, i) => {
      if (typeof r?.type === 'string' && !RELATED.has(r.type.toLowerCase())) warn(['related', i, 'type'], 'bad-related', `related type '${r.type}' is unknown`);
    });
  }
  if (Array.isArray(d.tags)) {
    d.tags.forEach((t, i) => {
      if (typeof t === 'string' && !TAG.test(t)) warn(['tags', i], 'bad-tag', `tag '${t}' is not namespace.name in lowercase`);
    });
  }
  const logsource = d.logsource as Logsource | undefined;
  if (logsource && !logsource.category && !logsource.product && !logsource.service) {
    err(['logsource'], 'empty-logsource', 'logsource needs at least one of category, product, service');
  }
  return out;
}

export function parseRuleDocument(doc: RuleDocument, options: DetectionOptions = { placeholders: {} }): RuleParseResult {
  const schemaErrors = checkSchema(doc, schema);
  if (schemaErrors.length > 0) return { diagnostics: schemaErrors };
  const diagnostics = semanticChecks(doc);
  const parsed = parseDetection(doc, options);
  diagnostics.push(...parsed.diagnostics);
  if (!parsed.detection || diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const d = doc.data;
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const rule: SigmaRule = {
    kind: 'rule',
    file: doc.file,
    index: doc.index,
    id: str(d.id),
    name: str(d.name),
    title: d.title as string,
    status: str(d.status)?.toLowerCase(),
    level: str(d.level)?.toLowerCase(),
    author: str(d.author),
    description: str(d.description),
    tags: Array.isArray(d.tags) ? d.tags.map(String) : [],
    logsource: d.logsource as Logsource,
    detection: parsed.detection,
    data: d,
    locate: doc.locate,
  };
  return { rule, diagnostics };
}
