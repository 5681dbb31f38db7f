/**
 * Rule-pack coverage: which techniques a set of rules is tagged with, and the Navigator layer of it
 * (score = number of rules, comment = their titles). Tags only: a rule pack has no events.
 */
import type { RuleCollection } from '../../sigma/load.js';
import type { TechniqueRef } from '../../hit.js';
import { resolveAttack } from '../resolve.js';
import { DEFAULT_ATTACK_VERSION, navigatorLayer, statusMetadata, versionedTechniques, type AttackVersion, type NavigatorLayer } from './layer.js';

export interface RuleTags {
  title: string;
  tags?: readonly string[];
}

export interface TechniqueCoverage {
  technique: TechniqueRef;
  /** Titles of the rules tagged with it, in input order. */
  rules: string[];
}

export interface AttackCoverage {
  rules: number;
  /** Rules with at least one technique tag. */
  rulesWithTechniques: number;
  /** By resolved id (revoked ids counted under their replacement). */
  techniques: Map<string, TechniqueCoverage>;
  /** Distinct ids in the catalog (techniques and sub-techniques), excluding unknown ids. */
  catalogIds: number;
  /** Distinct top-level techniques covered directly or through one of their sub-techniques. */
  topLevelTechniques: number;
  /** Ids the catalog does not know (kept, flagged). */
  unknownIds: string[];
}

/** The rules of a loaded collection: detection rules, plus correlation and sequence documents (their tags count too). */
export function coverageRules(collection: RuleCollection): RuleTags[] {
  const documents = [...collection.correlationDocuments, ...collection.sequenceDocuments].flatMap(({ data }) =>
    typeof data.title === 'string'
      ? [{ title: data.title, tags: Array.isArray(data.tags) ? data.tags.filter((t): t is string => typeof t === 'string') : [] }]
      : [],
  );
  return [...collection.rules.map(({ title, tags }) => ({ title, tags })), ...documents];
}

export function attackCoverage(rules: Iterable<RuleTags>): AttackCoverage {
  const techniques = new Map<string, TechniqueCoverage>();
  let count = 0;
  let withTechniques = 0;
  for (const rule of rules) {
    count++;
    const info = resolveAttack(rule.tags ?? []);
    if (info.techniques.length > 0) withTechniques++;
    for (const technique of info.techniques) {
      const entry = techniques.get(technique.id) ?? { technique, rules: [] };
      entry.rules.push(rule.title);
      techniques.set(technique.id, entry);
    }
  }
  const known = [...techniques.values()].filter((c) => c.technique.status !== 'unknown');
  const topLevel = new Set(known.map((c) => c.technique.parent?.id ?? c.technique.id));
  return {
    rules: count,
    rulesWithTechniques: withTechniques,
    techniques,
    catalogIds: known.length,
    topLevelTechniques: topLevel.size,
    unknownIds: [...techniques.keys()].filter((id) => techniques.get(id)?.technique.status === 'unknown').sort(),
  };
}

export function coverageLayer(rules: Iterable<RuleTags>, name?: string, version: AttackVersion = DEFAULT_ATTACK_VERSION): NavigatorLayer {
  return layerFromCoverage(attackCoverage(rules), name, version);
}

export function layerFromCoverage(coverage: AttackCoverage, name = 'sigstream rule coverage', version: AttackVersion = DEFAULT_ATTACK_VERSION): NavigatorLayer {
  const techniques = versionedTechniques(
    [...coverage.techniques.values()].map(({ technique, rules: titles }) => ({
      technique,
      layer: { techniqueID: technique.id, score: titles.length, comment: titles.join('\n'), metadata: statusMetadata(technique) },
    })),
    version,
  );
  return navigatorLayer(
    name,
    `Techniques the rules are tagged with; score = number of rules.`,
    techniques,
    [
      { name: 'rules', value: String(coverage.rules) },
      { name: 'rules with technique tags', value: String(coverage.rulesWithTechniques) },
      { name: 'technique ids covered (in catalog)', value: String(coverage.catalogIds) },
      { name: 'top-level techniques covered', value: String(coverage.topLevelTechniques) },
      { name: 'ids not in catalog', value: coverage.unknownIds.join(', ') || 'none' },
    ],
    version,
  );
}
