/** The heat map of hits as a Navigator layer: score = hit count, metadata = first/last seen and hosts. */
import type { Hit } from '../../hit.js';
import { collectHitStats, type HitStats } from './hit-stats.js';
import { DEFAULT_ATTACK_VERSION, navigatorLayer, statusMetadata, versionedTechniques, type AttackVersion, type LayerMetadata, type NavigatorLayer } from './layer.js';

/** Hosts listed per technique before the rest is only counted. */
const MAX_HOSTS = 20;

function hostList(hosts: Set<string>): string {
  const sorted = [...hosts].sort();
  const shown = sorted.slice(0, MAX_HOSTS).join(', ');
  return sorted.length > MAX_HOSTS ? `${shown} (+${sorted.length - MAX_HOSTS} more)` : shown;
}

export function layerFromHitStats(stats: HitStats, name = 'sigstream hits', version: AttackVersion = DEFAULT_ATTACK_VERSION): NavigatorLayer {
  const entries = [...stats.techniques.values()].map((seen) => {
    const metadata: LayerMetadata[] = [
      { name: 'hits', value: String(seen.count) },
      ...(seen.first ? [{ name: 'first seen', value: seen.first }] : []),
      ...(seen.last ? [{ name: 'last seen', value: seen.last }] : []),
      ...(seen.hosts.size > 0 ? [{ name: `hosts (${seen.hosts.size})`, value: hostList(seen.hosts) }] : []),
      ...statusMetadata(seen.technique),
    ];
    return { technique: seen.technique, layer: { techniqueID: seen.technique.id, score: seen.count, comment: [...seen.rules].sort().join('\n'), metadata } };
  });
  return navigatorLayer(name, 'Techniques seen in sigstream hits; score = number of hits.', versionedTechniques(entries, version), [
    { name: 'hits', value: String(stats.hits) },
    { name: 'hits with ATT&CK', value: String(stats.hitsWithAttack) },
    { name: 'techniques', value: String(stats.techniques.size) },
  ], version);
}

export async function hitsLayer(hits: AsyncIterable<Hit> | Iterable<Hit>, name?: string, version: AttackVersion = DEFAULT_ATTACK_VERSION): Promise<NavigatorLayer> {
  return layerFromHitStats(await collectHitStats(hits), name, version);
}
