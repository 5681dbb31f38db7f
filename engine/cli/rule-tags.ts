/**
 * Rule titles and tags from Sigma YAML files, for `attack coverage`. Reads only what coverage needs
 * (every document with a title: rules and correlation rules); the full Sigma loader is not needed
 * to count tags. YAML errors are located diagnostics; the other files still count.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { RuleTags } from '../attack/coverage.js';

function ruleFiles(path: string, out: string[]): void {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) ruleFiles(join(path, name), out);
  } else if (/\.ya?ml$/i.test(path)) {
    out.push(path);
  }
}

export function readRuleTags(paths: string[]): { rules: RuleTags[]; diagnostics: Diagnostic[] } {
  const rules: RuleTags[] = [];
  const diagnostics: Diagnostic[] = [];
  const files: string[] = [];
  for (const path of paths) {
    try {
      ruleFiles(path, files);
    } catch (err) {
      diagnostics.push(diagnostic('error', 'unreadable', (err as Error).message, { file: path }));
    }
  }
  for (const file of files) {
    try {
      for (const doc of yaml.loadAll(readFileSync(file, 'utf8'), undefined, { json: true })) {
        const rule = doc as { title?: unknown; tags?: unknown } | null;
        if (!rule || typeof rule.title !== 'string') continue;
        const tags = Array.isArray(rule.tags) ? rule.tags.filter((t): t is string => typeof t === 'string') : [];
        rules.push({ title: rule.title, tags });
      }
    } catch (err) {
      const mark = (err as yaml.YAMLException).mark;
      const where = mark ? { file, line: mark.line + 1, col: mark.column + 1 } : { file };
      diagnostics.push(diagnostic('error', 'yaml-syntax', (err as Error).message.split('\n')[0], where));
    }
  }
  return { rules, diagnostics };
}
