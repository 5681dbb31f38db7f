import { describe, expect, it } from 'vitest';
import { coverageLayer } from '../../engine/attack/report/coverage.js';
import { hitsLayer } from '../../engine/attack/report/hits-layer.js';
import type { NavigatorLayer } from '../../engine/attack/report/layer.js';
import { sampleHits } from './hits.js';
import { expectValidLayer, validate } from './layer-schema.js';

function technique(layer: NavigatorLayer, id: string) {
  return layer.techniques.find((t) => t.techniqueID === id);
}

describe('navigator layer schema', () => {
  const minimal = { name: 'x', domain: 'enterprise-attack' };
  it('accepts a minimal layer, a full hand-written one and a list of layers', () => {
    expectValidLayer({ ...minimal, gradient: { colors: ['#fff', '#ff0000'], minValue: 0, maxValue: 1 } });
    const full = {
      ...minimal,
      versions: { attack: '18', navigator: '5.1.0', layer: '4.5' },
      description: 'd',
      filters: { platforms: ['Windows'] },
      sorting: 2,
      layout: { layout: 'flat', showID: true, showName: false, showAggregateScores: true, countUnscored: false, aggregateFunction: 'max', expandedSubtechniques: 'all' },
      hideDisabled: true,
      techniques: [
        { techniqueID: 'T1003', tactic: 'credential-access', score: 3, color: '#abcdef', comment: 'c', enabled: false, showSubtechniques: true,
          metadata: [{ name: 'a', value: 'b' }, { divider: true }], links: [{ label: 'l', url: 'https://example.org' }] },
      ],
      gradient: { colors: ['#ffffff', '#66b1ff', '#ff6666'], minValue: 0, maxValue: 10 },
      legendItems: [{ label: 'hot', color: '#ff0000' }],
      showTacticRowBackground: true,
      tacticRowBackground: '#dddddd',
      selectTechniquesAcrossTactics: false,
      selectSubtechniquesWithParent: true,
      selectVisibleTechniques: false,
      metadata: [{ name: 'k', value: 'v' }],
      links: [{ label: 'home', url: 'https://attack.mitre.org' }],
    };
    expectValidLayer(full);
    expect(validate([full, minimal])).toBe(true);
  });

  it.each([
    ['missing name', { domain: 'enterprise-attack' }],
    ['bad domain', { name: 'x', domain: 'pre-attack' }],
    ['old layer version', { name: 'x', domain: 'enterprise-attack', versions: { navigator: '5.0.0', layer: '4.4' } }],
    ['navigator too old', { name: 'x', domain: 'enterprise-attack', versions: { navigator: '4.8.2', layer: '4.5' } }],
    ['bad technique id', { name: 'x', domain: 'enterprise-attack', techniques: [{ techniqueID: 'T59' }] }],
    ['misspelt key', { name: 'x', domain: 'enterprise-attack', techniques: [{ techniqueId: 'T1059' }] }],
    ['one gradient color', { name: 'x', domain: 'enterprise-attack', gradient: { colors: ['#fff'], minValue: 0, maxValue: 1 } }],
    ['link without protocol', { name: 'x', domain: 'enterprise-attack', links: [{ label: 'l', url: 'example.org' }] }],
    ['metadata without value', { name: 'x', domain: 'enterprise-attack', metadata: [{ name: 'k' }] }],
    ['sorting out of range', { name: 'x', domain: 'enterprise-attack', sorting: 4 }],
  ])('refuses %s', (_, layer) => {
    expect(validate(layer)).toBe(false);
  });
});

describe('coverageLayer', () => {
  it('scores techniques by number of rules and lists their titles', () => {
    const layer = coverageLayer([
      { title: 'A', tags: ['attack.execution', 'attack.t1059.001'] },
      { title: 'B', tags: ['attack.t1059.001', 'attack.T1089'] },
      { title: 'C', tags: ['attack.t1685', 'cve.2020-1'] },
      { title: 'D' },
    ]);
    expectValidLayer(layer);
    expect(layer.domain).toBe('enterprise-attack');
    expect(layer.versions).toEqual({ attack: '19', navigator: '5.0.0', layer: '4.5' });
    expect(technique(layer, 'T1059.001')).toMatchObject({ score: 2, comment: 'A\nB' });
    // v19 layer (the default): T1089 → T1562.001 (revoked in 18.1) moved in v19 to T1685, where C's tag is.
    expect(technique(layer, 'T1562.001')).toBeUndefined();
    expect(technique(layer, 'T1685')).toEqual({
      techniqueID: 'T1685', score: 2, comment: 'B\nC',
      metadata: [{ name: 'status', value: 'remapped from revoked T1089' }, { name: 'ATT&CK v18 id', value: 'T1562.001' }],
    });
    expect(layer.gradient).toEqual({ colors: ['#ffffff', '#ff6666'], minValue: 0, maxValue: 2 });
    expect(layer.metadata).toContainEqual({ name: 'rules', value: '4' });
    expect(layer.metadata).toContainEqual({ name: 'rules with technique tags', value: '3' });
  });

  it('has a valid gradient with no techniques at all', () => {
    expectValidLayer(coverageLayer([]));
  });

  it('--attack-version 18 shows v19 ids as the v18 ids they replace, 19 the reverse (issue 12.4)', () => {
    const rules = [{ title: 'Firewall off', tags: ['attack.t1686.003'] }, { title: 'Old pack', tags: ['attack.t1562.004'] }, { title: 'Tools', tags: ['attack.t1685'] }];
    const v18 = coverageLayer(rules, 'x', 18);
    expectValidLayer(v18);
    expect(v18.versions.attack).toBe('18');
    expect(v18.techniques.map((t) => [t.techniqueID, t.score, t.comment])).toEqual([['T1562.001', 1, 'Tools'], ['T1562.004', 2, 'Firewall off\nOld pack']]);
    expect(technique(v18, 'T1562.004')?.metadata).toEqual([{ name: 'ATT&CK v19 id', value: 'T1686.003' }]);
    const v19 = coverageLayer(rules, 'x', 19);
    expect(v19.versions.attack).toBe('19');
    expect(v19.techniques.map((t) => [t.techniqueID, t.score])).toEqual([['T1685', 1], ['T1686', 1], ['T1686.003', 1]]);
  });
});

describe('hitsLayer', () => {
  it('scores by hit count with first/last seen and hosts', async () => {
    const layer = await hitsLayer(sampleHits);
    expectValidLayer(layer);
    expect(technique(layer, 'T1059.001')).toEqual({
      techniqueID: 'T1059.001',
      score: 2,
      comment: 'Encoded PowerShell',
      metadata: [
        { name: 'hits', value: '2' },
        { name: 'first seen', value: '2024-05-01T09:00:00.000Z' },
        { name: 'last seen', value: '2024-05-01T10:00:00.000Z' },
        { name: 'hosts (2)', value: 'ws1, ws2' },
      ],
    });
    // From the event's RuleName (T1089, revoked → T1562.001, moved in v19 to T1685) and the tag T1685 (v19):
    // one cell in a v19 layer, two in a v18 one.
    expect(technique(layer, 'T1685')?.score).toBe(2);
    expect(layer.techniques).toHaveLength(3);
    const v18 = await hitsLayer(sampleHits, undefined, 18);
    expect(technique(v18, 'T1562.001')?.score).toBe(2);
    expect(v18.techniques.map((t) => t.techniqueID)).toEqual(['T1003.001', 'T1059.001', 'T1562.001']);
    expect(layer.metadata).toEqual([
      { name: 'hits', value: '5' },
      { name: 'hits with ATT&CK', value: '4' },
      { name: 'techniques', value: '4' },
    ]);
  });

  it('reads an async stream of hits', async () => {
    async function* stream() {
      yield* sampleHits;
    }
    expect((await hitsLayer(stream())).techniques).toHaveLength(3);
  });
});
