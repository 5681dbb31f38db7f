/**
 * Warm start (issue 14, deliverable 3): parsed rules cached by file content hash. A warm load
 * gives the same collection as a cold one; a changed file misses (and is re-parsed); a deleted or
 * corrupt cache only makes the start cold.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRules, type RuleCollection } from '../../engine/sigma/load.js';
import { RuleCache } from '../../engine/sigma/rule-cache.js';

const rule = (title: string, image: string) => `title: ${title}\nid: 0e8cfe08-02c9-4815-a2f8-0d157b7ed33e\nlogsource:\n  category: process_creation\n  product: windows\ndetection:\n  sel:\n    Image|endswith: '${image}'\n    ProcessId: 00042\n  condition: sel\n`;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A rules directory with `files` and an (empty) cache directory beside it. */
function setup(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'sigstream-cache-'));
  dirs.push(root);
  const dir = join(root, 'rules');
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, cache: { dir: join(root, 'cache') } };
}

async function load(rules: string, cache: { dir: string }) {
  const stats = { hits: 0, misses: 0 };
  const original = RuleCache.prototype.get;
  RuleCache.prototype.get = function (this: RuleCache, ...args: Parameters<RuleCache['get']>) {
    const got = original.apply(this, args);
    if (got) stats.hits++;
    else stats.misses++;
    return got;
  };
  try {
    return { collection: await loadRules([rules], { cache }), stats };
  } finally {
    RuleCache.prototype.get = original;
  }
}

const plain = (c: RuleCollection) => ({ ...c, rules: c.rules.map(({ locate: _l, ...r }) => r) });

describe('rule cache', () => {
  it('a warm load gives the same rules, diagnostics and locations as a cold one', async () => {
    const { dir, cache } = setup({ 'a.yml': rule('a', '\\a.exe'), 'b.yml': rule('b', '\\b.exe') + 'unknownkey: 1\n' });
    const cold = await load(dir, cache);
    expect(cold.stats).toEqual({ hits: 0, misses: 2 });
    expect(readdirSync(cache.dir)).toHaveLength(1);
    const warm = await load(dir, cache);
    expect(warm.stats).toEqual({ hits: 2, misses: 0 });
    expect(plain(warm.collection)).toEqual(plain(cold.collection));
    const path = ['detection', 'sel', 'Image|endswith'];
    expect(warm.collection.rules[1].locate(path)).toEqual(cold.collection.rules[1].locate(path));
    expect(warm.collection.rules[1].locate(path).line).toBe(8);
  });

  it('a changed file is a miss and its new content is what loads', async () => {
    const { dir, cache } = setup({ 'a.yml': rule('a', '\\a.exe'), 'b.yml': rule('b', '\\b.exe') });
    await load(dir, cache);
    writeFileSync(join(dir, 'a.yml'), rule('a changed', '\\changed.exe'));
    const after = await load(dir, cache);
    expect(after.stats).toEqual({ hits: 1, misses: 1 });
    expect(after.collection.rules.map((r) => r.title)).toEqual(['a changed', 'b']);
    const again = await load(dir, cache);
    expect(again.stats).toEqual({ hits: 2, misses: 0 });
    expect(again.collection.rules.map((r) => r.title)).toEqual(['a changed', 'b']);
  });

  it.each([
    ['deleted', (dir: string) => rmSync(dir, { recursive: true })],
    ['corrupt', (dir: string) => { for (const f of readdirSync(dir)) writeFileSync(join(dir, f), 'not a cache'); }],
  ])('a %s cache is ignored: the start is cold and correct', async (_name, damage) => {
    const { dir, cache } = setup({ 'a.yml': rule('a', '\\a.exe') });
    await load(dir, cache);
    damage(cache.dir);
    const after = await load(dir, cache);
    expect(after.stats).toEqual({ hits: 0, misses: 1 });
    expect(after.collection.rules.map((r) => r.title)).toEqual(['a']);
  });

  it('files with correlations or filters are parsed every time (not cached)', async () => {
    const { dir, cache } = setup({ 'c.yml': `${rule('a', '\\a.exe')}name: base\n---\ntitle: c\ncorrelation: {type: event_count, rules: base, group-by: [Computer], timespan: 1m, condition: {gte: 2}}\n` });
    await load(dir, cache);
    const warm = await load(dir, cache);
    expect(warm.stats).toEqual({ hits: 0, misses: 1 });
    expect(warm.collection.correlationDocuments).toHaveLength(1);
  });
});
