/** Hits → a tactic-ordered ATT&CK summary (plain data; `--json` prints it as is). */
import type { Hit, TechniqueRef } from '../../hit.js';
import { collectHitStats, type HitStats, type Seen } from './hit-stats.js';
import { tacticOrder } from '../technique.js';

export interface SummaryCounts {
  hits: number;
  hosts: number;
  first?: string;
  last?: string;
}

export interface SummaryTechnique extends SummaryCounts {
  id: string;
  name: string;
  status?: TechniqueRef['status'];
  originalId?: string;
  /** For a v18 id that moved in ATT&CK v19: the v19 id. */
  successor?: string;
}

export interface SummaryTactic extends SummaryCounts {
  id: string;
  name: string;
  shortname?: string;
  /** Most hits first. */
  techniques: SummaryTechnique[];
}

export interface AttackSummary {
  hits: number;
  hitsWithAttack: number;
  /** In ATT&CK matrix order. */
  tactics: SummaryTactic[];
  /** Techniques seen: a technique under several tactics counts once. */
  techniques: number;
}

function counts(seen: Seen, hits = seen.count): SummaryCounts {
  return { hits, hosts: seen.hosts.size, ...(seen.first ? { first: seen.first } : {}), ...(seen.last ? { last: seen.last } : {}) };
}

export function summaryFromHitStats(stats: HitStats): AttackSummary {
  const tactics = [...stats.tactics.values()]
    .sort((a, b) => tacticOrder(a.tactic.shortname) - tacticOrder(b.tactic.shortname))
    .map((row): SummaryTactic => ({
      id: row.tactic.id,
      name: row.tactic.name,
      ...(row.tactic.shortname ? { shortname: row.tactic.shortname } : {}),
      ...counts(row),
      techniques: [...row.techniques]
        .flatMap(([id, hits]) => {
          const seen = stats.techniques.get(id);
          if (!seen) return [];
          const { name, status, originalId, successor } = seen.technique;
          return [{ id, name, ...(status ? { status } : {}), ...(originalId ? { originalId } : {}), ...(successor ? { successor: successor.id } : {}), ...counts(seen, hits) }];
        })
        .sort((a, b) => b.hits - a.hits || (a.id < b.id ? -1 : 1)),
    }));
  return { hits: stats.hits, hitsWithAttack: stats.hitsWithAttack, tactics, techniques: stats.techniques.size };
}

export async function attackSummary(hits: AsyncIterable<Hit> | Iterable<Hit>): Promise<AttackSummary> {
  return summaryFromHitStats(await collectHitStats(hits));
}
