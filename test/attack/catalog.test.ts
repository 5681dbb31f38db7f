import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attackCatalog, readAttackCatalog, useAttackCatalog } from '../../engine/attack/catalog.js';
import { resolveAttack } from '../../engine/attack/resolve.js';
// @ts-expect-error: a plain .mjs script without type declarations
import { formatCatalog } from '../../scripts/build-attack-catalog.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const script = path.join(root, 'scripts/build-attack-catalog.mjs');
const fixture = path.join(root, 'test/attack/fixtures/stix-mini.json');
const v19Fixture = path.join(root, 'test/attack/fixtures/stix-v19-mini.json');
const work = mkdtempSync(path.join(tmpdir(), 'sigstream-attack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('bundled catalog', () => {
  it('is ATT&CK Enterprise 18.1 with 835 entries and 14 tactics, plus the two v19 tactics', () => {
    const catalog = attackCatalog();
    expect(catalog.attackVersion).toBe('18.1');
    expect(catalog.techniques.size).toBe(835);
    expect([...catalog.tactics.values()].filter((t) => Number.isInteger(t.order))).toHaveLength(14);
    expect(catalog.tactics.get('stealth')).toMatchObject({ id: 'TA0005', name: 'Stealth' });
    expect(catalog.tactics.get('defense-impairment')).toMatchObject({ id: 'TA0112', name: 'Defense Impairment' });
    expect(catalog.tactics.get('defense-evasion')).toMatchObject({ id: 'TA0005', name: 'Defense Evasion' });
  });

  it('holds what is known of v19: its ids agree with v18-to-v19.json, every moved v18 id has a v19 entry (issue 12.4)', () => {
    const moves = JSON.parse(readFileSync(path.join(root, 'attack/v18-to-v19.json'), 'utf8')) as {
      techniques: Record<string, { v19_id: string; name: string }>;
      reverse: Record<string, { name: string; v18_ids: string[] }>;
    };
    const catalog = attackCatalog();
    for (const [id, entry] of catalog.v19Techniques) {
      expect(catalog.techniques.has(entry.v18 ?? ''), `${id}: v18 ${entry.v18}`).toBe(true);
      const mapped = moves.reverse[id];
      if (mapped) {
        expect(entry.name, id).toBe(mapped.name);
        expect(mapped.v18_ids, id).toContain(entry.v18);
      }
    }
    // The elastic-map targets, except T1647 (already in v18.1), are all there; plus SigmaHQ's three.
    const targets = Object.keys(moves.reverse).filter((id) => !catalog.techniques.has(id));
    expect([...catalog.v19Techniques.keys()].sort()).toEqual([...targets, 'T1685.004', 'T1686.003', 'T1690'].sort());
    for (const [v18, move] of Object.entries(moves.techniques)) expect(catalog.successors.get(v18)).toBe(move.v19_id);
    expect(catalog.v19Tactics).toEqual(new Map([['defense-evasion', 'stealth']]));
    expect(catalog.objects.get('S0002')?.name).toBe('Mimikatz');
  });

  it('is the exact text the build script writes for its own content', () => {
    const text = readFileSync(path.join(root, 'attack/enterprise-techniques.json'), 'utf8');
    expect(formatCatalog(JSON.parse(text))).toBe(text);
  });
});

describe('scripts/build-attack-catalog.mjs', () => {
  const run = (...args: string[]) => execFileSync(process.execPath, [script, ...args], { encoding: 'utf8' });

  it('builds the compact catalog from a STIX bundle', () => {
    const out = path.join(work, 'from-bundle.json');
    run(fixture, '--out', out, '--commit', 'abc123');
    const built = JSON.parse(readFileSync(out, 'utf8'));
    expect(built).toMatchObject({ attack_version: '99.1', domain: 'enterprise-attack', source_commit: 'abc123', stix_spec_version: '2.0' });
    expect(built.modified).toBe('2024-03-01T12:00:00.000Z');
    expect(built.tactics.map((t: { shortname: string; order: number }) => `${t.order} ${t.shortname}`)).toEqual(['1 execution', '2 stealth']);
    expect(built.techniques.map((t: { id: string }) => t.id)).toEqual(['T2001', 'T2001.001', 'T2002', 'T2003', 'T2004', 'T2005']);
    expect(built.techniques[1]).toMatchObject({ subtechnique: true, parent: 'T2001' });
    expect(built.techniques[2]).toMatchObject({ deprecated: true, revoked: false });
    expect(built.techniques[3]).toMatchObject({ revoked: true, revoked_by: 'T2001.001' });
    expect(built.techniques[3].revoked_by_final).toBeUndefined();
    expect(built.techniques[4]).toMatchObject({ revoked_by: 'T2003', revoked_by_final: 'T2001.001' });
    expect(built.techniques[5].name).toBe('Fünf Thing');
    expect(built.counts).toEqual({
      tactics: 2, techniques: 5, subtechniques: 1, deprecated: 1, revoked: 2, active: 3, active_techniques: 2, active_subtechniques: 1, total: 6,
    });
  });

  it('builds the same techniques from a mitre/cti folder of one-object bundles', () => {
    const bundle = JSON.parse(readFileSync(fixture, 'utf8'));
    const dir = path.join(work, 'enterprise-attack');
    for (const object of bundle.objects) {
      const folder = path.join(dir, object.type);
      mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, `${object.id}.json`), JSON.stringify({ type: 'bundle', id: `bundle--${object.id}`, spec_version: '2.0', objects: [object] }));
    }
    const fromDir = JSON.parse(run(dir, '--commit', 'abc123'));
    const fromBundle = JSON.parse(run(fixture, '--commit', 'abc123'));
    expect(fromDir.source_paths).toEqual([
      'enterprise-attack/attack-pattern', 'enterprise-attack/x-mitre-tactic', 'enterprise-attack/x-mitre-matrix',
      'enterprise-attack/relationship', 'enterprise-attack/x-mitre-collection',
    ]);
    expect({ ...fromDir, source_paths: [] }).toEqual({ ...fromBundle, source_paths: [] });
  });

  it('reports unusable input with a message and exit code 1', () => {
    const bad = path.join(work, 'bad.json');
    writeFileSync(bad, JSON.stringify({ type: 'bundle', objects: [] }));
    expect(() => execFileSync(process.execPath, [script, bad], { stdio: 'pipe' })).toThrow(/no x-mitre-matrix object/);
  });

  it('feeds a rebuilt catalog to the resolver', () => {
    const out = path.join(work, 'use.json');
    run(fixture, '--out', out);
    const bundled = attackCatalog();
    useAttackCatalog(readAttackCatalog(out));
    try {
      const info = resolveAttack(['attack.t2004', 'attack.t2002']);
      expect(info.techniques.map((t) => [t.id, t.name, t.status, t.originalId])).toEqual([
        ['T2001.001', 'Sub One', 'revoked', 'T2004'],
        ['T2002', 'Old Thing', 'deprecated', undefined],
      ]);
      expect(info.tactics.map((t) => t.name)).toEqual(['Execution']);
    } finally {
      useAttackCatalog(bundled);
    }
    expect(resolveAttack(['attack.t2004', 'attack.t2002']).techniques.every((t) => t.status === 'unknown')).toBe(true);
  });

  it('builds a v19 catalog and its groups and software, which the resolver then uses without any v19 overlay (issue 12.4)', () => {
    const out = path.join(work, 'v19.json');
    const objectsOut = path.join(work, 'v19-objects.json');
    run(v19Fixture, '--out', out, '--objects-out', objectsOut);
    const built = JSON.parse(readFileSync(out, 'utf8'));
    expect(built.attack_version).toBe('19.1');
    expect(built.tactics.map((t: { id: string; shortname: string }) => `${t.id} ${t.shortname}`)).toEqual(['TA0002 execution', 'TA0005 stealth', 'TA0112 defense-impairment']);
    const objects = JSON.parse(readFileSync(objectsOut, 'utf8'));
    expect(objects.groups.map((g: { id: string; revoked_by?: string }) => [g.id, g.revoked_by])).toEqual([['G0016', undefined], ['G0118', 'G0016']]);
    expect(objects.software.map((g: { id: string; type: string }) => `${g.id} ${g.type}`)).toEqual(['S0001 malware', 'S0002 tool']);
    expect(formatCatalog(objects)).toBe(readFileSync(objectsOut, 'utf8'));
    const bundled = attackCatalog();
    useAttackCatalog(readAttackCatalog(out, objectsOut));
    try {
      const catalog = attackCatalog();
      expect(catalog.v19Techniques.size).toBe(0);
      expect(catalog.successors.size).toBe(0);
      const info = resolveAttack(['attack.t1686.003', 'attack.t1562.004', 'attack.t1027', 'attack.g0118']);
      expect(info.techniques.map((t) => [t.id, t.name, t.tactics.map((x) => x.name).join(), t.status ?? '', t.originalId ?? ''])).toEqual([
        ['T1686.003', 'Windows Host Firewall', 'Defense Impairment', '', ''],
        ['T1686', 'Disable or Modify System Firewall', 'Defense Impairment', 'revoked', 'T1562.004'],
        ['T1027', 'Obfuscated Files or Information', 'Stealth', '', ''],
      ]);
      expect(info.groups).toEqual([{ id: 'G0016', name: 'APT29', url: 'https://attack.mitre.org/groups/G0016' }]);
      expect(statusOf('T1686.003')).toBe('');
    } finally {
      useAttackCatalog(bundled);
    }
  });
});

function statusOf(id: string): string {
  return resolveAttack([`attack.${id.toLowerCase()}`]).techniques[0].status ?? '';
}
