/**
 * `stats --hits --store DB`: the hits a store keeps (`run --to-store`), counted across hosts and days
 * by the store itself: per rule (with its level), level, ATT&CK technique and tactic, host and day.
 * A hit counts once per technique and tactic it carries, so those lists may add up to more than the hits.
 */
import type { EventStore, StoreHitDimension, StoreQuery } from '../store/event-store.js';

export type HitRanking = [value: string, hits: number][];

export interface StoredHitStats {
  hits: number;
  rules: { title: string; level: string; id?: string; hits: number }[];
  levels: HitRanking;
  techniques: HitRanking;
  tactics: HitRanking;
  hosts: HitRanking;
  days: HitRanking;
}

const DAY = (ms: string | number | null) => (ms === null ? '(no time)' : new Date(Number(ms)).toISOString().slice(0, 10));

export async function storeHitStats(store: EventStore, query: StoreQuery = {}): Promise<StoredHitStats> {
  const ranking = async (by: StoreHitDimension, label: (value: string | number | null) => string): Promise<HitRanking> =>
    (await store.countHits(query, by)).map((row) => [label(row.values[0]), row.hits]);
  const named = (none: string) => (value: string | number | null) => (value === null || value === '' ? none : String(value));
  const rules = (await store.countHits(query, 'rule')).map((row) => {
    const [title, level, id] = row.values;
    return { title: String(title), level: named('unknown')(level), ...(id === null ? {} : { id: String(id) }), hits: row.hits };
  });
  const levels = await ranking('level', named('unknown'));
  const days = (await ranking('day', DAY)).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return {
    hits: levels.reduce((n, [, hits]) => n + hits, 0),
    rules,
    levels,
    techniques: await ranking('technique', named('(none)')),
    tactics: await ranking('tactic', named('(none)')),
    hosts: await ranking('host', named('(no host)')),
    days,
  };
}

/** The terminal view: every list but the days cut to the `top` most frequent. */
export function formatHitStatsText(stats: StoredHitStats, top: number): string {
  const list = (name: string, entries: HitRanking, cut = true) => {
    const shown = cut ? entries.slice(0, top) : entries;
    const more = entries.length - shown.length;
    return [`${name}:`, ...shown.map(([value, hits]) => `  ${String(hits).padStart(7)}  ${value}`), ...(more > 0 ? [`  (${more} more)`] : [])];
  };
  const lines = [
    `${stats.hits} hits in the store`,
    ...list('by level', stats.levels, false),
    ...list('by rule', stats.rules.map((r) => [`${r.title} [${r.level}]`, r.hits])),
    ...list('by technique', stats.techniques),
    ...list('by tactic', stats.tactics),
    ...list('by host', stats.hosts),
    ...list('by day', stats.days, false),
  ];
  return lines.join('\n') + '\n';
}
