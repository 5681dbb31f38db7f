/** F3: YAML alias bombs and alias cycles are located errors, in rules, test sidecars and placeholder files. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlaceholders } from '../../engine/sigma/placeholders.js';
import { aliasProblem } from '../../engine/sigma/yaml-aliases.js';
import { parseYamlDocuments } from '../../engine/sigma/yaml-documents.js';
import { loadSuite } from '../../engine/testing/suite-loader.js';

/** `levels` anchors of nine aliases each to the one before: 9^levels nodes from a few hundred bytes. */
function bomb(levels: number, indent = ''): string {
  let text = `${indent}b0: &b0 [x, x, x, x, x, x, x, x, x]\n`;
  for (let i = 1; i <= levels; i++) text += `${indent}b${i}: &b${i} [${Array(9).fill(`*b${i - 1}`).join(', ')}]\n`;
  return text;
}
const RULE = 'title: t\nlogsource:\n  product: windows\ndetection:\n  sel:\n    a: 1\n  condition: sel\n';
const dir = mkdtempSync(path.join(tmpdir(), 'sigstream-alias-'));

describe('F3 YAML alias expansion is capped', () => {
  it.each([
    ['a 9-level bomb in a rule', RULE + bomb(9), 'yaml-alias', 9],
    ['a 10-level bomb in a rule', RULE + bomb(10), 'yaml-alias', 9],
    ['a cycle through a sequence', RULE + 'x: &c [1, *c]\n', 'yaml-alias', 8],
    ['a cycle through a mapping', RULE + 'x: &c\n  y: *c\n', 'yaml-alias', 9],
  ])('F3 %s is a located error', (_name, text, code, line) => {
    const parsed = parseYamlDocuments('bomb.yml', text);
    expect(parsed.documents).toEqual([]);
    expect(parsed.diagnostics.map((d) => [d.code, d.where.file, d.where.line])).toEqual([[code, 'bomb.yml', line]]);
  });

  it('F3 ordinary aliases (a few shared lists) still load', () => {
    const parsed = parseYamlDocuments('ok.yml', `${RULE}x: &l [a, b]\ny: *l\nz: [*l, *l]\n`);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.documents[0].data.z).toEqual([['a', 'b'], ['a', 'b']]);
    expect(aliasProblem(parseYamlDocuments('b.yml', bomb(4)).documents[0].data)).toBeUndefined();
  });

  it('F3 a bomb in a placeholder file is a located error', () => {
    const file = path.join(dir, 'placeholders.yml');
    writeFileSync(file, bomb(9));
    const loaded = loadPlaceholders(file);
    expect(loaded.values).toEqual({});
    expect(loaded.diagnostics.map((d) => [d.code, d.where.line])).toEqual([['yaml-alias', 2]]);
  });

  it('F3 a bomb in a test sidecar is a located error', async () => {
    const file = path.join(dir, 'rule.tests.yml');
    writeFileSync(file, `cases:\n  - name: a\n    events: [{EventID: 1}]\n    expect: none\nextra:\n${bomb(9, '  ')}`);
    const loaded = await loadSuite(file);
    expect(loaded.suites).toEqual([]);
    expect(loaded.diagnostics.map((d) => [d.code, d.where.line])).toEqual([['yaml-alias', 7]]);
  });
});
