/**
 * The folder-level architecture of engine/ (DESIGN.md, issue 10), read from the import lines:
 * each folder imports only folders below it, the ground floor imports no folder, nothing outside
 * cli/ imports cli/, and cli/ uses only the public entry points.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/rules.js';

const engineDir = resolve(repoRoot, 'engine');
const GROUND = '(ground floor)';
const PUBLIC = '(public entry)';

/**
 * The layers, lowest first. A folder may import its own layer's files and any lower layer;
 * folders that share a layer do not import each other.
 */
const LAYERS: string[][] = [
  [GROUND], // diagnostics.ts, event.ts, hit.ts: the contracts
  ['events', 'sigma'],
  ['attack', 'match', 'store'],
  ['correlate', 'sources'],
  ['pipeline'],
  ['output', 'sysmon-config'],
  ['investigate'], // reads events and hits (search, stats, tree, report), never feeds back
  ['testing'],
  ['cli'],
  [PUBLIC], // engine/index.ts re-exports the library
];
const rank = new Map(LAYERS.flatMap((folders, i) => folders.map((f) => [f, i] as const)));

/** The public entry points: the only engine modules cli/ may import. */
const PUBLIC_ENTRIES = ['index.ts', 'testing/index.ts'].map((p) => join(engineDir, p));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

function folderOf(file: string): string {
  const parts = relative(engineDir, file).split('/');
  if (parts.length > 1) return parts[0];
  return parts[0] === 'index.ts' ? PUBLIC : GROUND;
}

interface Import {
  from: string;
  to: string;
  line: number;
}

function importsOf(file: string): Import[] {
  const found: Import[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      const m =
        /^\s*(?:import|export)\b[^'"]*from\s+['"](\.{1,2}\/[^'"]+)['"]/.exec(text) ?? // import/export ... from
        /^\s*import\s+['"](\.{1,2}\/[^'"]+)['"]/.exec(text) ?? // side-effect import
        /\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/.exec(text); // dynamic import
      if (m) found.push({ from: file, to: resolve(dirname(file), m[1]).replace(/\.js$/, '.ts'), line: i + 1 });
    });
  return found;
}

const imports = sourceFiles(engineDir).flatMap(importsOf);
const where = (i: Import) => `${relative(repoRoot, i.from)}:${i.line} imports ${relative(repoRoot, i.to)}`;

describe('engine/ folder architecture', () => {
  it('every folder of engine/ has a layer', () => {
    const folders = new Set(imports.map((i) => folderOf(i.from)));
    expect([...folders].filter((f) => !rank.has(f))).toEqual([]);
  });

  it('no folder imports a folder above it or beside it (so no cycle between folders)', () => {
    const upward = imports.filter((i) => {
      const a = folderOf(i.from);
      const b = folderOf(i.to);
      // cli/ sits under the public entry on purpose: it is a client of the library's public face.
      if (a === 'cli' && b === PUBLIC) return false;
      return a !== b && rank.get(b)! >= rank.get(a)!;
    });
    expect(upward.map(where)).toEqual([]);
  });

  it('nothing outside cli/ imports cli/', () => {
    const intoCli = imports.filter((i) => folderOf(i.to) === 'cli' && folderOf(i.from) !== 'cli');
    expect(intoCli.map(where)).toEqual([]);
  });

  it('cli/ imports only the public entry points (engine/index.ts, engine/testing/index.ts)', () => {
    const deep = imports.filter((i) => folderOf(i.from) === 'cli' && folderOf(i.to) !== 'cli' && !PUBLIC_ENTRIES.includes(i.to));
    expect(deep.map(where)).toEqual([]);
  });

  it('the checks see the imports (a guard against a reader that finds none)', () => {
    expect(imports.length).toBeGreaterThan(150);
    expect(imports.some((i) => folderOf(i.from) === 'cli' && i.to === PUBLIC_ENTRIES[0])).toBe(true);
  });
});
