// Parsing sequence documents: steps, join keys, runs, missing, until, inline detections.
import { describe, expect, it } from 'vitest';
import type { RuleDocument } from '../../engine/sigma/document.js';
import { parseSequenceDocument } from '../../engine/sigma/sequence/parse.js';
import { yamlDocuments } from '../helpers/documents.js';

const compiled: RuleDocument[] = [];
const compiler = (doc: RuleDocument) => {
  compiled.push(doc);
  return { rule: doc.data, diagnostics: [] };
};
const parse = (yaml: string) => parseSequenceDocument(yamlDocuments(yaml, 'seq.yml')[0], compiler);
const errors = (yaml: string) => parse(yaml).diagnostics.map((d) => `${d.where.line}:${d.where.col} ${d.code}`);

describe('parseSequenceDocument', () => {
  it('parses steps with references, inline detections, per-step keys, runs, missing and until', () => {
    compiled.length = 0;
    const { rule, hiddenRules, diagnostics } = parse(`title: wget then no connect
name: wget_quiet
level: medium
sequence:
  maxspan: 30s
  by: ProcessGuid
  steps:
    - name: exec
      rule: lnx_wget
      runs: 2
    - name: connect
      logsource: {product: linux, category: network_connection}
      detection:
        sel: {Image|endswith: /wget}
        condition: sel
      by: [ProcessGuid]
      missing: true
  until:
    rule: proc_end
`);
    expect(diagnostics).toEqual([]);
    expect(rule).toMatchObject({
      kind: 'sequence',
      name: 'wget_quiet',
      maxspanMs: 30_000,
      steps: [
        { name: 'exec', ref: 'lnx_wget', inline: false, by: ['ProcessGuid'], runs: 2, missing: false },
        { name: 'connect', ref: 'wget_quiet/connect', inline: true, by: ['ProcessGuid'], runs: 1, missing: true },
      ],
      until: { ref: 'proc_end', inline: false, by: ['ProcessGuid'] },
    });
    expect(hiddenRules).toHaveLength(1);
    expect(compiled[0].data).toEqual({
      title: 'wget then no connect [wget_quiet/connect]',
      name: 'wget_quiet/connect',
      level: 'medium',
      logsource: { product: 'linux', category: 'network_connection' },
      detection: { sel: { 'Image|endswith': '/wget' }, condition: 'sel' },
    });
    // Diagnostics of the inline rule point into the sequence file.
    expect(compiled[0].locate(['detection', 'sel'])).toMatchObject({ file: 'seq.yml', line: 14 });
  });
  it('inline compile errors are passed on and drop the sequence', () => {
    const [doc] = yamlDocuments('title: t\nlogsource: {product: linux}\nsequence:\n  maxspan: 1m\n  steps:\n    - detection: {condition: sel}\n');
    let logsource: unknown;
    const out = parseSequenceDocument(doc, (d) => {
      logsource = d.data.logsource;
      return {
        diagnostics: [{ severity: 'error', code: 'undefined-identifier', message: 'sel', where: d.locate(['detection', 'condition']) }],
      };
    });
    expect(out.rule).toBeUndefined();
    // The step has no logsource of its own: the document's top-level one applies.
    expect(logsource).toEqual({ product: 'linux' });
    expect(out.diagnostics.map((d) => `${d.where.line} ${d.code}`)).toEqual(['6 undefined-identifier']);
  });
  it('rejects bad documents with located errors', () => {
    const seq = (steps: string, extra = '') => `title: t\nsequence:\n  maxspan: 1m\n${extra}  steps:\n${steps}`;
    expect(errors(seq('    - rule: a\n      missing: true\n    - rule: b\n'))).toEqual(['6:16 bad-step']);
    expect(errors(seq('    - rule: a\n      missing: true\n'))).toEqual(['6:16 bad-step']);
    expect(errors(seq('    - rule: a\n    - rule: b\n      by: [X, Y]\n', '  by: X\n'))).toEqual(['8:11 bad-join-key', '7:7 bad-join-key']);
    expect(errors(seq('    - rule: a\n      detection: {}\n'))).toEqual(['6:18 bad-step']);
    expect(errors(seq('    - runs: 2\n'))).toEqual(['5:7 sequence-schema', '5:7 sequence-schema']);
    expect(errors(seq('    - detection: {sel: {a: 1}, condition: sel}\n'))).toEqual(['5:18 bad-step']);
    expect(errors(seq('    - rule: a\n      runs: 0\n'))).toEqual(['6:13 sequence-schema']);
    expect(errors(seq('    - rule: a\n    - rule: b\n      logsource: {product: linux}\n'))).toEqual(['7:18 bad-step']);
    expect(errors(seq('    - {rule: a, name: x}\n    - {rule: b, name: x}\n'))).toEqual(['6:23 bad-step']);
    expect(errors('title: t\nsequence:\n  maxspan: soon\n  steps:\n    - rule: a\n')).toEqual(['3:12 bad-timespan']);
    expect(errors('title: t\nsequence:\n  steps: []\n')).toEqual(['3:3 sequence-schema', '3:10 sequence-schema']);
  });
});
