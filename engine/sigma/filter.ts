/**
 * Sigma meta filters (SIGMA.md §7, F1-F3): a filter document adds its searches to every rule it
 * applies to, and the rule's condition becomes `(rule condition) and (filter condition)`.
 */
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { parseDetection } from './detection.js';
import type { RuleDocument } from './document.js';
import type { ConditionNode, Logsource, SearchNode, SigmaRule } from './model.js';

export interface SigmaFilter {
  kind: 'filter';
  file: string;
  title: string;
  id?: string;
  logsource: Logsource;
  /** Rule ids or names; `any` applies to every rule of the logsource. */
  rules: string[] | 'any';
  searches: Record<string, SearchNode>;
  condition: ConditionNode;
}

export function parseFilterDocument(doc: RuleDocument, placeholders: Record<string, string[]>): { filter?: SigmaFilter; diagnostics: Diagnostic[] } {
  const d = doc.data;
  const block = d.filter as Record<string, unknown> | undefined;
  const fail = (path: string[], message: string) => ({ diagnostics: [diagnostic('error', 'bad-filter', message, doc.locate(path))] });
  if (typeof d.title !== 'string') return fail(['title'], 'a filter needs a title');
  if (!d.logsource || typeof d.logsource !== 'object') return fail(['logsource'], 'a filter needs a logsource');
  if (!block || typeof block !== 'object' || Array.isArray(block)) return fail(['filter'], 'filter must be a map with rules, searches and a condition');
  const rulesValue = block.rules;
  const rules = rulesValue === 'any' || rulesValue === undefined || (Array.isArray(rulesValue) && rulesValue.length === 0)
    ? 'any'
    : Array.isArray(rulesValue) ? rulesValue.map(String) : typeof rulesValue === 'string' ? [rulesValue] : undefined;
  if (!rules) return fail(['filter', 'rules'], 'filter.rules must be a list of rule ids or names, or any');
  const { rules: _ignored, ...detectionBlock } = block;
  const detectionDoc: RuleDocument = { ...doc, data: { detection: detectionBlock }, locate: (path) => doc.locate(['filter', ...path.slice(1)]), sourceText: (path) => doc.sourceText(['filter', ...path.slice(1)]) };
  const parsed = parseDetection(detectionDoc, { placeholders });
  if (!parsed.detection) return { diagnostics: parsed.diagnostics };
  return {
    filter: {
      kind: 'filter', file: doc.file, title: d.title, id: typeof d.id === 'string' ? d.id : undefined,
      logsource: d.logsource as Logsource, rules, searches: parsed.detection.searches,
      condition: parsed.detection.conditions.length === 1 ? parsed.detection.conditions[0] : { kind: 'or', operands: parsed.detection.conditions },
    },
    diagnostics: parsed.diagnostics,
  };
}

function logsourceContains(outer: Logsource, inner: Logsource): boolean {
  return (['category', 'product', 'service'] as const).every((k) => outer[k] === undefined || outer[k] === inner[k]);
}

function renameSearches(node: ConditionNode, rename: (name: string) => string): ConditionNode {
  switch (node.kind) {
    case 'search': return { kind: 'search', name: rename(node.name) };
    case 'selector': return { ...node, names: node.names.map(rename) };
    case 'not': return { kind: 'not', operand: renameSearches(node.operand, rename) };
    default: return { kind: node.kind, operands: node.operands.map((o) => renameSearches(o, rename)) };
  }
}

/** Apply every matching filter to the rule (a new rule object; the original is not changed). */
export function applyFilters(rule: SigmaRule, filters: SigmaFilter[]): SigmaRule {
  let result = rule;
  filters.forEach((filter, n) => {
    const targeted = filter.rules === 'any' || filter.rules.some((r) => r === rule.id || r === rule.name);
    if (!targeted || !logsourceContains(filter.logsource, rule.logsource)) return;
    const prefix = `_filt_${n}_`;
    const searches = { ...result.detection.searches };
    for (const [name, node] of Object.entries(filter.searches)) searches[prefix + name] = node;
    const filterCondition = renameSearches(filter.condition, (name) => prefix + name);
    result = {
      ...result,
      detection: {
        ...result.detection,
        searches,
        conditions: result.detection.conditions.map((c) => ({ kind: 'and', operands: [c, filterCondition] })),
      },
    };
  });
  return result;
}
