/** Y1-Y6: YAML stage and rule metadata checks, every error located. */
import { describe, expect, it } from 'vitest';
import { parseYamlDocuments } from '../../engine/sigma/yaml-documents.js';
import { collectionFromText } from '../helpers/rules.js';

const base = (extra = '') => `title: t\n${extra}logsource:\n  product: windows\ndetection:\n  sel:\n    a: 1\n  condition: sel\n`;

describe('YAML documents', () => {
  it('Y1 multi-document files are classified by their keys', () => {
    const text = `${base()}---\ntitle: c\ncorrelation:\n  type: event_count\n---\ntitle: f\nlogsource: {product: windows}\nfilter:\n  rules: any\n  sel: {User: x}\n  condition: not sel\n---\n`;
    const collection = collectionFromText(text);
    expect(collection.rules).toHaveLength(1);
    expect(collection.correlationDocuments).toHaveLength(1);
    expect(collection.filters).toHaveLength(1);
  });
  it('Y2 duplicate keys are a located error; unknown keys are kept', () => {
    const dup = parseYamlDocuments('d.yml', 'title: a\ntitle: b\n');
    expect(dup.diagnostics[0]).toMatchObject({ severity: 'error', where: { file: 'd.yml', line: 2 } });
    const collection = collectionFromText(base('my_custom: {x: 1}\n'));
    expect(collection.rules[0].data.my_custom).toEqual({ x: 1 });
  });
  it('Y3 numbers keep their written text', () => {
    const parsed = parseYamlDocuments('n.yml', 'a: 00000429\nb: [1e3, 0x17]\n');
    const doc = parsed.documents[0];
    expect(doc.data).toEqual({ a: 429, b: [1000, 23] });
    expect(doc.sourceText(['a'])).toBe('00000429');
    expect(doc.sourceText(['b', 1])).toBe('0x17');
  });
  it('syntax errors name line and column', () => {
    const parsed = parseYamlDocuments('s.yml', 'title: a\ndetection:\n  sel: [a, b\n');
    expect(parsed.diagnostics[0].severity).toBe('error');
    expect(parsed.diagnostics[0].where.line).toBeGreaterThanOrEqual(3);
    expect(parsed.diagnostics[0].where.col).toBeGreaterThan(0);
  });
  it('locate points into the right document of a multi-document file', () => {
    const parsed = parseYamlDocuments('m.yml', 'a: 1\n---\nb:\n  c: 2\n');
    expect(parsed.documents[1].locate(['b', 'c'])).toMatchObject({ line: 4, col: 6 });
  });
  it('Y4 legacy action: global / repeat collections', () => {
    const text = `action: global\nlogsource:\n  product: windows\ndetection:\n  condition: sel\n---\ntitle: one\ndetection:\n  sel: {a: 1}\n---\naction: repeat\ntitle: two\n`;
    const collection = collectionFromText(text);
    expect(collection.rules.map((r) => r.title)).toEqual(['one', 'two']);
  });
});

describe('rule metadata (Y5, Y6)', () => {
  const table: Array<[string, string, RegExp]> = [
    ['non-UUID id', base('id: not-a-uuid\n'), /not a UUID/],
    ['bad status', base('status: shiny\n'), /status 'shiny'/],
    ['bad level', base('level: extreme\n'), /level 'extreme'/],
    ['title too long', base(`title2: x\n`).replace('title: t', `title: ${'x'.repeat(300)}`), /title/],
    ['empty logsource', 'title: t\nlogsource:\n  definition: x\ndetection:\n  sel: {a: 1}\n  condition: sel\n', /at least one of category, product, service/],
    ['missing condition', 'title: t\nlogsource: {product: windows}\ndetection:\n  sel: {a: 1}\n', /condition/],
    ['missing title', 'logsource: {product: windows}\ndetection:\n  sel: {a: 1}\n  condition: sel\n', /title/],
  ];
  for (const [name, text, message] of table) {
    it(name, () => {
      const collection = collectionFromText(text);
      expect(collection.rules).toHaveLength(0);
      expect(collection.rejected[0].reason).toMatch(message);
      expect(collection.rejected[0].line).toBeGreaterThan(0);
    });
  }
  it('status and level are case-insensitive', () => {
    expect(collectionFromText(base('status: Test\nlevel: HIGH\n')).rules[0]).toMatchObject({ status: 'test', level: 'high' });
  });
  it('bad tags are warnings, not rejections', () => {
    const collection = collectionFromText(base('tags: [Attack.T1059]\n'));
    expect(collection.rules).toHaveLength(1);
    expect(collection.diagnostics.some((d) => d.code === 'bad-tag' && d.severity === 'warning')).toBe(true);
  });
});
