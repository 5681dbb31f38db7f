/**
 * Which files a `sigstream test` argument means: rule files (`*.yml`/`*.yaml`) and their test
 * suites (`*.tests.yml`), found recursively under directories, in a stable (sorted) order.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { SUITE_SUFFIX } from './suite.js';

export interface PackFiles {
  rules: string[];
  suites: string[];
  /** Arguments that do not exist. */
  missing: string[];
}

const isYaml = (name: string) => name.endsWith('.yml') || name.endsWith('.yaml');
export const isSuiteFile = (name: string) => name.endsWith(SUITE_SUFFIX);

/** The sidecar suite path of a rule file (`x.yml` → `x.tests.yml`). */
export function suitePathFor(ruleFile: string): string {
  return ruleFile.replace(/\.ya?ml$/, '') + SUITE_SUFFIX;
}

/** The rule file a suite tests by default (`x.tests.yml` → `x.yml`). */
export function ruleFileFor(suiteFile: string): string {
  return suiteFile.slice(0, -SUITE_SUFFIX.length) + '.yml';
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await walk(full, out);
    else if (entry.isFile() && isYaml(entry.name)) out.push(full);
  }
}

export async function findPackFiles(args: readonly string[]): Promise<PackFiles> {
  const found: string[] = [];
  const missing: string[] = [];
  for (const arg of args) {
    const info = await stat(arg).catch(() => undefined);
    if (!info) missing.push(arg);
    else if (info.isDirectory()) await walk(arg, found);
    else found.push(arg);
  }
  const unique = [...new Set(found)];
  const suites = new Set(unique.filter(isSuiteFile));
  const rules = unique.filter((f) => !isSuiteFile(f));
  // A rule file given on its own brings its sidecar along.
  for (const rule of rules) {
    const sidecar = suitePathFor(rule);
    if (!suites.has(sidecar) && (await stat(sidecar).catch(() => undefined))?.isFile()) suites.add(sidecar);
  }
  return { rules, suites: [...suites], missing };
}
