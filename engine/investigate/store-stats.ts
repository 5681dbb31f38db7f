/**
 * `stats --store`: the same statistics as `collectStats`, counted by the store itself (one GROUP BY
 * per view: events per group and EventID, and per ranked field its values per group), so nothing is
 * read out event by event. The raw values the store groups are labelled by the same functions the
 * streaming collector uses (STATS_KEYS, RANKED_FIELDS), so both give the same numbers.
 */
import type { EventStore, StoreQuery } from '../store/event-store.js';
import { RANKED_FIELDS, STATS_KEYS, StatsCollector, type EventStats, type StatsKey, type StatsOptions } from './stats.js';

export async function storeStats(store: EventStore, query: StoreQuery, options: StatsOptions = {}): Promise<EventStats> {
  const collector = new StatsCollector(options);
  const by: StatsKey[] = options.by ?? ['host', 'day'];
  const columns = by.map((k) => STATS_KEYS[k].column);
  const keyOf = (values: unknown[]) => Object.fromEntries(by.map((k, i) => [k, STATS_KEYS[k].label(values[i])]));
  for (const row of await store.countBy(query, [...columns, 'EventID'])) {
    collector.addEvents(keyOf(row.values), row.values[by.length], row.events, row.firstMs, row.lastMs);
  }
  for (const [field, ranked] of Object.entries(RANKED_FIELDS)) {
    const scoped = ranked.eventIds ? { ...query, match: query.match ? { all: [query.match, { eventIds: ranked.eventIds }] } : { eventIds: ranked.eventIds } } : query;
    for (const row of await store.countBy(scoped, [...columns, ranked.column])) collector.addValues(keyOf(row.values), field, row.values[by.length], row.events);
  }
  return collector.result();
}
