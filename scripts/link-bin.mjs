// npm links the bins of dependencies, not of the package itself: make `npx sigstream` work in
// this checkout right after `npm ci` by linking our own executable into node_modules/.bin.
import { chmodSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = resolve(root, 'dist/engine/cli/main.js');
const link = resolve(root, 'node_modules/.bin/sigstream');
chmodSync(target, 0o755);
mkdirSync(dirname(link), { recursive: true });
rmSync(link, { force: true });
symlinkSync('../../dist/engine/cli/main.js', link);
