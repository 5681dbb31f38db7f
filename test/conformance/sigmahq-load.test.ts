/**
 * G1: every SigmaHQ rule in ../shared/sigmahq/rules loads (2,858 Windows + 167 Linux). Prints the
 * counts; fails on any rejected rule and on any file that yields no rule (a silent drop).
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../engine/pipeline/engine.js';
import { formatDiagnostic } from '../../engine/diagnostics.js';
import { hasShared, sharedDir, sharedNotice } from '../helpers/rules.js';

sharedNotice('SigmaHQ rule loading (G1)');

describe.skipIf(!hasShared)('SigmaHQ corpus loads (G1)', () => {
  let engine: Engine;
  it('loads every rule file', async () => {
    engine = await createEngine([resolve(sharedDir, 'sigmahq/rules')]);
    const { collection, compiled } = engine;
    const rejected = [...collection.rejected, ...compiled.rejected.map((r) => ({ file: r.rule.file, reason: r.diagnostic.message }))];
    const filesWithRules = new Set([...compiled.compiled, ...compiled.unrouted.map((u) => ({ rule: u.rule }))].map((c) => c.rule.file));
    console.log(
      `SigmaHQ: ${collection.files} files, ${compiled.compiled.length + compiled.unrouted.length} rules loaded ` +
        `(${compiled.unrouted.length} not routed to a Sysmon source), ${rejected.length} rejected`,
    );
    for (const r of rejected) console.log(`  rejected ${r.file}: ${r.reason}`);
    expect(collection.files).toBe(3025);
    expect(rejected).toEqual([]);
    expect(filesWithRules.size).toBe(collection.files);
  });

  it('reports what it does not route, with a located warning each', () => {
    const warnings = engine.diagnostics.filter((d) => d.code === 'unrouted');
    expect(warnings.length).toBe(engine.compiled.unrouted.length);
    for (const w of warnings) expect(formatDiagnostic(w)).toMatch(/\.yml:\d+:\d+/);
  });
});
