/** `--placeholders FILE`: YAML or JSON map of placeholder name → value or list of values (M13). */
import { readFileSync } from 'node:fs';
import jsyaml from 'js-yaml';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { aliasMessage, aliasProblem, firstAlias, mayHoldAliases } from './yaml-aliases.js';

export function loadPlaceholders(file: string): { values: Record<string, string[]>; diagnostics: Diagnostic[] } {
  let data: unknown;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
    data = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
  } catch (err) {
    const e = err as jsyaml.YAMLException;
    return { values: {}, diagnostics: [diagnostic('error', 'bad-placeholders', e.reason ?? e.message, { file, line: e.mark ? e.mark.line + 1 : undefined, col: e.mark ? e.mark.column + 1 : undefined })] };
  }
  const aliases = mayHoldAliases(text) ? aliasProblem(data) : undefined;
  if (aliases !== undefined) return { values: {}, diagnostics: [diagnostic('error', 'yaml-alias', aliasMessage(aliases), firstAlias(file, text))] };
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { values: {}, diagnostics: [diagnostic('error', 'bad-placeholders', 'placeholder file must map names to values', { file, line: 1 })] };
  }
  const values: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(data)) {
    values[name.replace(/^%|%$/g, '')] = (Array.isArray(value) ? value : [value]).map(String);
  }
  return { values, diagnostics: [] };
}
