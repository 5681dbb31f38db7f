/**
 * One pass over hits → per-technique and per-tactic counts, first/last seen, hosts, rules: the
 * numbers behind the hits layer and the summary. Each hit counts once (a correlation hit by its own
 * ATT&CK, not its contributing hits, which are hits of their own in the stream).
 */
import type { Hit } from '../../hit.js';
import type { AttackInfo, TacticRef, TechniqueRef } from '../../hit.js';
import { resolveAttackForEvent } from '../resolve.js';

export interface Seen {
  count: number;
  /** ISO 8601 times of the earliest and latest hit that had a time. */
  first?: string;
  last?: string;
  firstMs?: number;
  lastMs?: number;
  hosts: Set<string>;
  rules: Set<string>;
}

export interface TechniqueHits extends Seen {
  technique: TechniqueRef;
}

export interface TacticHits extends Seen {
  tactic: TacticRef;
  /** Technique ids seen under this tactic, with their hit counts under it. */
  techniques: Map<string, number>;
}

export interface HitStats {
  hits: number;
  /** Hits with at least one technique or tactic. */
  hitsWithAttack: number;
  techniques: Map<string, TechniqueHits>;
  /** By tactic shortname. */
  tactics: Map<string, TacticHits>;
}

function emptySeen(): Seen {
  return { count: 0, hosts: new Set(), rules: new Set() };
}

function note(seen: Seen, hit: Hit, timeMs: number | undefined): void {
  seen.count++;
  if (hit.computer) seen.hosts.add(hit.computer);
  seen.rules.add(hit.rule.title);
  if (timeMs === undefined || !hit.time) return;
  if (seen.firstMs === undefined || timeMs < seen.firstMs) [seen.first, seen.firstMs] = [hit.time, timeMs];
  if (seen.lastMs === undefined || timeMs > seen.lastMs) [seen.last, seen.lastMs] = [hit.time, timeMs];
}

/** The hit's ATT&CK as written; hits from elsewhere without it are resolved from their rule tags. */
function attackOf(hit: Hit): AttackInfo {
  return hit.attack ?? resolveAttackForEvent(hit.rule.tags ?? [], hit.kind === 'detection' ? hit.event : undefined);
}

/**
 * The tactics a technique is listed under for this hit: its catalog tactics. A technique the catalog
 * has no tactics for (unknown, v19) goes under the hit's tactics that no catalog technique of the
 * hit explains (in practice the rule's own tactic tags, e.g. attack.defense-impairment), else under all.
 */
function tacticsOf(technique: TechniqueRef, hit: AttackInfo): readonly TacticRef[] {
  if (technique.tactics.length > 0) return technique.tactics;
  const explained = new Set(hit.techniques.flatMap((t) => t.tactics.map((x) => x.shortname)));
  const rest = hit.tactics.filter((t) => !explained.has(t.shortname));
  return rest.length > 0 ? rest : hit.tactics;
}

export async function collectHitStats(hits: AsyncIterable<Hit> | Iterable<Hit>): Promise<HitStats> {
  const stats: HitStats = { hits: 0, hitsWithAttack: 0, techniques: new Map(), tactics: new Map() };
  const tacticEntry = (tactic: TacticRef): TacticHits => {
    const key = tactic.shortname ?? tactic.id;
    let entry = stats.tactics.get(key);
    if (!entry) stats.tactics.set(key, (entry = { ...emptySeen(), tactic, techniques: new Map() }));
    return entry;
  };
  for await (const hit of hits) {
    stats.hits++;
    const attack = attackOf(hit);
    if (attack.techniques.length === 0 && attack.tactics.length === 0) continue;
    stats.hitsWithAttack++;
    const timeMs = hit.time ? Date.parse(hit.time) : undefined;
    const time = Number.isNaN(timeMs) ? undefined : timeMs;
    for (const tactic of attack.tactics) note(tacticEntry(tactic), hit, time);
    for (const technique of attack.techniques) {
      let entry = stats.techniques.get(technique.id);
      if (!entry) stats.techniques.set(technique.id, (entry = { ...emptySeen(), technique }));
      note(entry, hit, time);
      for (const tactic of tacticsOf(technique, attack)) {
        const row = tacticEntry(tactic);
        row.techniques.set(technique.id, (row.techniques.get(technique.id) ?? 0) + 1);
      }
    }
  }
  return stats;
}
