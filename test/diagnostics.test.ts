/** The diagnostics catalogue (issue 10): one closed table of codes, and docs/diagnostics.md generated from it. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTICS, DIAGNOSTIC_STAGES } from '../engine/diagnostics.js';
// @ts-expect-error: a plain .mjs script without types
import { renderDiagnosticsDoc } from '../scripts/diagnostics-doc.mjs';
import { repoRoot } from './helpers/rules.js';

function sourceText(dir: string): string {
  return readdirSync(dir)
    .map((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sourceText(path);
      return name.endsWith('.ts') && name !== 'diagnostics.ts' ? readFileSync(path, 'utf8') : '';
    })
    .join('\n');
}

describe('diagnostics catalogue', () => {
  it('docs/diagnostics.md is generated from the current catalogue (run node scripts/diagnostics-doc.mjs after a build)', () => {
    const page = readFileSync(resolve(repoRoot, 'docs/diagnostics.md'), 'utf8');
    expect(page).toBe(renderDiagnosticsDoc(DIAGNOSTICS, DIAGNOSTIC_STAGES));
  });

  it('every code has a known stage, a severity and a one-line meaning', () => {
    for (const [code, info] of Object.entries(DIAGNOSTICS)) {
      expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(Object.keys(DIAGNOSTIC_STAGES)).toContain(info.stage);
      expect(['error', 'warning']).toContain(info.severity);
      expect(info.meaning).not.toMatch(/\n/);
    }
  });

  it('every code in the catalogue is emitted somewhere in engine/ (no dead entries)', () => {
    const source = sourceText(resolve(repoRoot, 'engine'));
    const unused = Object.keys(DIAGNOSTICS).filter((code) => !source.includes(`'${code}'`));
    expect(unused).toEqual([]);
  });
});
