/** Where the bundled rule pack lives: `rules/` at the package root, found from this module's own path. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function bundledRulesDir(): string {
  // Source (engine/testing) and build output (dist/engine/testing) sit at different depths.
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'rules');
    dir = path.dirname(dir);
  }
  return path.resolve('rules');
}
