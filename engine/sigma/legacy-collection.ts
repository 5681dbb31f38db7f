/**
 * Legacy rule collections (SIGMA.md §1, Y4): `action: global` documents are templates deep-merged
 * into the following rules, `action: reset` clears the template, `action: repeat` re-emits the
 * previous rule merged with the document.
 */
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { RuleDocument } from './document.js';

type Data = Record<string, unknown>;

function isMap(value: unknown): value is Data {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function deepMerge(base: Data, over: Data): Data {
  const out: Data = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isMap(out[k]) && isMap(v) ? deepMerge(out[k] as Data, v) : v;
  return out;
}

export function expandLegacyCollection(documents: RuleDocument[]): { documents: RuleDocument[]; diagnostics: Diagnostic[] } {
  if (!documents.some((d) => 'action' in d.data)) return { documents, diagnostics: [] };
  const out: RuleDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  let template: Data = {};
  let previous: Data | undefined;
  for (const doc of documents) {
    const { action, ...rest } = doc.data;
    if (action === 'global') template = deepMerge(template, rest);
    else if (action === 'reset') template = {};
    else if (action === 'repeat') {
      if (!previous) diagnostics.push(diagnostic('error', 'bad-action', "'action: repeat' has no previous rule", doc.locate(['action'])));
      else {
        previous = deepMerge(previous, rest);
        out.push({ ...doc, data: previous });
      }
    } else if (action === undefined) {
      previous = deepMerge(template, rest);
      out.push({ ...doc, data: previous });
    } else diagnostics.push(diagnostic('error', 'bad-action', `unknown action '${String(action)}'`, doc.locate(['action'])));
  }
  return { documents: out, diagnostics };
}
