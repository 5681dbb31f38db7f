/**
 * The page's inlined libraries, script and style, written at build time by
 * scripts/report-assets.mjs to dist/report-assets.json (found from the package root, so the source
 * under vitest and the compiled code read the same file).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ReportAssets {
  libraries: { name: string; version: string; license: string; code: string }[];
  script: string;
  style: string;
  body: string;
}

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  // From dist/engine/... the walk stops at the package root too: dist/ has no package.json.
  return dir;
}

let cached: ReportAssets | undefined;

/** The assets, or an error that says how to make them (a build that has not run). */
export function reportAssets(): ReportAssets {
  if (cached) return cached;
  const file = join(packageRoot(), 'dist', 'report-assets.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: run 'npm run build' to inline the report's libraries`);
  cached = JSON.parse(readFileSync(file, 'utf8')) as ReportAssets;
  return cached;
}
