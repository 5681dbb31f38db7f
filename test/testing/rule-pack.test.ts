/**
 * The bundled pack as a product: metadata on every rule, positive and negative cases beside every
 * rule file, ATT&CK coverage from real catalog ids, and explain agreeing with the matcher on every
 * event of every case.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRules } from '../../engine/match/compile.js';
import { explainRule } from '../../engine/match/explain.js';
import { Matcher } from '../../engine/match/matcher.js';
import { loadRules } from '../../engine/sigma/load.js';
import { findPackFiles, suitePathFor } from '../../engine/testing/files.js';
import { loadSuites } from '../../engine/testing/suite-loader.js';
import { repoRoot, sharedDir } from '../helpers/rules.js';

const rulesDir = path.join(repoRoot, 'rules');
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const sysmonSchemaPath = path.join(sharedDir, 'sysmon/schema.json');
const catalogPath = [path.join(repoRoot, 'attack/enterprise-techniques.json'), path.join(sharedDir, 'attack/enterprise-techniques.json')].find(existsSync);

let loaded: ReturnType<typeof loadPackOnce> | undefined;
const pack = () => (loaded ??= loadPackOnce());

async function loadPackOnce() {
  const files = await findPackFiles([rulesDir]);
  const collection = await loadRules(files.rules);
  const documents = [...collection.rules.map((r) => ({ file: r.file, data: r.data })), ...collection.correlationDocuments, ...collection.sequenceDocuments];
  return { files, collection, documents };
}

describe('bundled rule pack', () => {
  it('loads without errors', async () => {
    const { collection } = await pack();
    expect(collection.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(collection.rejected).toEqual([]);
  });

  it('every rule document carries the metadata the pack promises', async () => {
    const { documents } = await pack();
    const problems: string[] = [];
    for (const { file, data } of documents) {
      const missing = ['id', 'title', 'status', 'description', 'author', 'date', 'level', 'tags', 'falsepositives'].filter((k) => data[k] === undefined);
      if (missing.length) problems.push(`${file} (${data.title}): missing ${missing.join(', ')}`);
      if (typeof data.id === 'string' && !UUID_V4.test(data.id)) problems.push(`${file}: id ${data.id} is not a UUID v4`);
      if (data.author !== 'sigstream') problems.push(`${file}: author ${String(data.author)}`);
    }
    expect(problems).toEqual([]);
    const ids = documents.map((d) => d.data.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every rule file has a positive and a negative test case', async () => {
    const { files } = await pack();
    const { suites, diagnostics } = await loadSuites(files.suites);
    expect(diagnostics).toEqual([]);
    const problems: string[] = [];
    for (const rule of files.rules) {
      const suite = suites.find((s) => s.ruleFile === rule || s.file === suitePathFor(rule));
      if (!suite) {
        problems.push(`${rule}: no test file`);
        continue;
      }
      if (!suite.cases.some((c) => c.expect.hits > 0)) problems.push(`${rule}: no positive case`);
      if (!suite.cases.some((c) => c.expect.hits === 0)) problems.push(`${rule}: no negative case`);
    }
    expect(problems).toEqual([]);
  });

  describe.skipIf(!catalogPath)('ATT&CK coverage', () => {
    it('tags only active catalog techniques and covers at least 25 techniques across 8 tactics', async () => {
      const catalog = JSON.parse(readFileSync(catalogPath!, 'utf8')) as { techniques: Array<{ id: string; revoked: boolean; deprecated: boolean }>; tactics: Array<{ shortname: string }> };
      const active = new Set(catalog.techniques.filter((t) => !t.revoked && !t.deprecated).map((t) => t.id));
      const tacticNames = new Set(catalog.tactics.map((t) => t.shortname));
      const { documents } = await pack();
      const techniques = new Set<string>();
      const tactics = new Set<string>();
      const unknown: string[] = [];
      for (const { file, data } of documents) {
        for (const tag of (data.tags as string[]) ?? []) {
          const t = /^attack\.(t\d{4}(?:\.\d{3})?)$/.exec(tag);
          if (t) {
            const id = t[1].toUpperCase();
            if (!active.has(id)) unknown.push(`${file}: ${tag}`);
            techniques.add(id);
          } else if (tag.startsWith('attack.')) {
            if (!tacticNames.has(tag.slice(7))) unknown.push(`${file}: ${tag}`);
            tactics.add(tag.slice(7));
          }
        }
      }
      console.log(`rule pack: ${documents.length} rule documents, ${techniques.size} techniques, ${tactics.size} tactics`);
      expect(unknown).toEqual([]);
      expect(techniques.size).toBeGreaterThanOrEqual(25);
      expect(tactics.size).toBeGreaterThanOrEqual(8);
    });
  });
  if (!catalogPath) console.warn(`SKIPPED ATT&CK coverage: no catalog at attack/ or ${sharedDir}/attack`);

  it('explain agrees with the matcher for every detection rule on every test event', async () => {
    const { files, collection } = await pack();
    const { suites } = await loadSuites(files.suites);
    const compiled = compileRules(collection.rules).compiled;
    const matcher = new Matcher(compiled);
    let checked = 0;
    const disagreements: string[] = [];
    for (const suite of suites) {
      for (const testCase of suite.cases) {
        for (const event of testCase.events) {
          const hit = new Set(matcher.match(event).map((c) => c.rule));
          for (const { rule } of compiled) {
            checked++;
            if (explainRule(rule, event).matched !== hit.has(rule)) disagreements.push(`${rule.title} on ${suite.file} > ${testCase.name}`);
          }
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });

  describe.skipIf(!existsSync(sysmonSchemaPath))('Sysmon field names', () => {
    it('test-case and sample events use only the fields Sysmon writes for their EventID', async () => {
      const schema = JSON.parse(readFileSync(sysmonSchemaPath, 'utf8')) as { events: Array<{ id: number; fields: Array<{ name: string }> }> };
      const fields = new Map(schema.events.map((e) => [e.id, new Set(e.fields.map((f) => f.name))]));
      const header = new Set(['EventID', 'Channel', 'Computer', '@source']);
      const { files } = await pack();
      const { suites } = await loadSuites(files.suites);
      const events = suites.flatMap((s) => s.cases.flatMap((c) => c.events.map((e) => ({ where: `${s.file} > ${c.name}`, e }))));
      for (const sample of ['samples/demo.ndjson', 'samples/benign/baseline.ndjson', 'samples/benign/workloads.ndjson']) {
        const lines = readFileSync(path.join(repoRoot, sample), 'utf8').trim().split('\n');
        events.push(...lines.map((l, i) => ({ where: `${sample}:${i + 1}`, e: JSON.parse(l) })));
      }
      const unknown = new Set<string>();
      for (const { where, e } of events) {
        for (const key of Object.keys(e)) if (!header.has(key) && !fields.get(Number(e.EventID))?.has(key)) unknown.add(`${where}: EventID ${e.EventID} has no field ${key}`);
      }
      expect([...unknown]).toEqual([]);
      expect(events.length).toBeGreaterThan(1500);
    });
  });
  if (!existsSync(sysmonSchemaPath)) console.warn(`SKIPPED Sysmon field names: ${sysmonSchemaPath} is absent`);
});
