/**
 * ATT&CK Navigator layers (format 4.5, enterprise domain): the types and the frame every sigstream
 * layer shares. Shape checked against navigator-layer.schema.json in tests.
 */
import { attackCatalog } from '../catalog.js';
import type { TechniqueRef } from '../../hit.js';

export type LayerMetadata = { name: string; value: string } | { divider: boolean };

export interface LayerTechnique {
  techniqueID: string;
  /** Absent: the annotation shows under every tactic of the technique. */
  tactic?: string;
  score?: number;
  comment?: string;
  enabled?: boolean;
  color?: string;
  metadata?: LayerMetadata[];
  links?: Array<{ label: string; url: string } | { divider: boolean }>;
  showSubtechniques?: boolean;
}

export interface NavigatorLayer {
  name: string;
  versions: { attack?: string; navigator: string; layer: '4.5' };
  domain: 'enterprise-attack';
  description: string;
  sorting: 0 | 1 | 2 | 3;
  layout: {
    layout: 'side' | 'flat' | 'mini';
    showID: boolean;
    showName: boolean;
    showAggregateScores: boolean;
    countUnscored: boolean;
    aggregateFunction: 'average' | 'min' | 'max' | 'sum';
    expandedSubtechniques: 'none' | 'all' | 'annotated';
  };
  hideDisabled: boolean;
  techniques: LayerTechnique[];
  gradient: { colors: string[]; minValue: number; maxValue: number };
  legendItems: Array<{ label: string; color: string }>;
  metadata: LayerMetadata[];
}

/** The Navigator release that introduced layer format 4.5. */
const NAVIGATOR_VERSION = '5.0.0';

/** The ATT&CK release a layer is written for (`--attack-version`). */
export type AttackVersion = 18 | 19;
export const DEFAULT_ATTACK_VERSION: AttackVersion = 19;

/**
 * The id a technique has in a layer of `version`: a v19 layer shows a v18 id that moved as its
 * successor (T1562.004 → T1686), a v18 layer shows a v19-only id as the v18 id it replaces
 * (T1686.003 → T1562.004); every other id is the same in both.
 */
export function layerTechniqueId(technique: TechniqueRef, version: AttackVersion): string {
  if (version === 19) return technique.successor?.id ?? technique.id;
  return attackCatalog().v19Techniques.get(technique.id)?.v18 ?? technique.id;
}

/** Where a layer's id differs from the hit's, the hit's id as metadata. */
export function versionMetadata(technique: TechniqueRef, version: AttackVersion): LayerMetadata[] {
  return layerTechniqueId(technique, version) === technique.id ? [] : [{ name: `ATT&CK v${version === 19 ? 18 : 19} id`, value: technique.id }];
}

/**
 * Layer entries for techniques as `version` has them: ids mapped (layerTechniqueId) and entries that
 * meet on one id merged (scores added, comment lines and metadata joined), in id order.
 */
export function versionedTechniques(entries: Array<{ technique: TechniqueRef; layer: LayerTechnique }>, version: AttackVersion): LayerTechnique[] {
  const byId = new Map<string, LayerTechnique>();
  for (const { technique, layer } of entries) {
    const techniqueID = layerTechniqueId(technique, version);
    const metadata = [...(layer.metadata ?? []), ...versionMetadata(technique, version)];
    const seen = byId.get(techniqueID);
    if (!seen) {
      byId.set(techniqueID, { ...layer, techniqueID, metadata });
      continue;
    }
    seen.score = (seen.score ?? 0) + (layer.score ?? 0);
    seen.comment = [...new Set([...(seen.comment ?? '').split('\n'), ...(layer.comment ?? '').split('\n')])].filter(Boolean).join('\n');
    seen.metadata = [...(seen.metadata ?? []), ...metadata];
  }
  return [...byId.values()].sort((a, b) => (a.techniqueID < b.techniqueID ? -1 : 1));
}

/** Catalog status of a technique as layer metadata (revoked, deprecated, unknown), or nothing when plain. */
export function statusMetadata(technique: TechniqueRef): LayerMetadata[] {
  switch (technique.status) {
    case 'revoked':
      return [{ name: 'status', value: `remapped from revoked ${technique.originalId}` }];
    case 'deprecated':
      return [{ name: 'status', value: 'deprecated' }];
    case 'unknown':
      return [{ name: 'status', value: `not in ATT&CK ${attackCatalog().attackVersion}` }];
    default:
      return [];
  }
}

/**
 * A layer whose techniques are scored 1..max: a white-to-red gradient from 0 to the highest score
 * (at least 1, as the format needs maxValue > minValue), sorted by score, sub-techniques shown
 * where annotated.
 */
export function navigatorLayer(
  name: string,
  description: string,
  techniques: LayerTechnique[],
  metadata: LayerMetadata[],
  version: AttackVersion,
): NavigatorLayer {
  const maxScore = techniques.reduce((max, t) => Math.max(max, t.score ?? 0), 0);
  return {
    name,
    versions: { attack: String(version), navigator: NAVIGATOR_VERSION, layer: '4.5' },
    domain: 'enterprise-attack',
    description,
    sorting: 3,
    layout: {
      layout: 'side',
      showID: true,
      showName: true,
      showAggregateScores: false,
      countUnscored: false,
      aggregateFunction: 'sum',
      expandedSubtechniques: 'annotated',
    },
    hideDisabled: false,
    techniques,
    gradient: { colors: ['#ffffff', '#ff6666'], minValue: 0, maxValue: Math.max(1, maxScore) },
    legendItems: [],
    metadata,
  };
}
