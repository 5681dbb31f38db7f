/** `sigstream stats`: events per host and day by category and EventID, top and rarest values. */
import { parseCommandArgs, UsageError } from './args.js';
import type { CliCommand, CliIo } from './command.js';
import { openEventSource, openReadStore, sourceOptions, sourceOptionsUsage, storeQuery, storeQueryIsExact } from './event-source.js';
import { eventFilterFromFlags, eventFilterOptions, eventFilterUsage } from './filter-options.js';
import { inputUsageError } from './input-options.js';
import { collectStats, formatHitStatsText, formatStatsText, RANKED_FIELDS, STATS_KEYS, storeHitStats, storeStats, type StatsKey } from '../index.js';

const usage = `usage: sigstream stats [--by KEYS] [--top N] [--json] [input ...]
       sigstream stats --hits --store DB [--top N] [--json]

Counts events per group (default: per host and per day) by category (process, network, DNS, file,
registry, image load, ...) and by EventID, with the top-N and rarest-N values of
${Object.keys(RANKED_FIELDS).join(', ')}.

options:
      --by KEYS         group by a comma list of: ${Object.keys(STATS_KEYS).join(', ')} (default host,day)
      --top N           length of the top and rarest lists (default 5)
      --json            one JSON object instead of the text table
      --hits            count the hits a store keeps (run --to-store) instead of events: by
                        rule, level, technique, tactic, host and day (needs --store)
${eventFilterUsage}
input:
${sourceOptionsUsage}
`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { by: { type: 'string', default: 'host,day' }, top: { type: 'string', default: '5' }, json: { type: 'boolean', default: false }, hits: { type: 'boolean', default: false }, ...eventFilterOptions, ...sourceOptions });
  const by = values.by.split(',').map((k) => k.trim());
  const unknown = by.filter((k) => !Object.hasOwn(STATS_KEYS, k));
  if (unknown.length > 0) throw new UsageError(`--by: unknown key '${unknown[0]}' (${Object.keys(STATS_KEYS).join(', ')})`);
  const top = Number(values.top);
  if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top: '${values.top}' is not a positive integer`);
  const options = { by: by as StatsKey[], top };
  const filter = eventFilterFromFlags(values);
  if (values.hits) {
    if (values.store === undefined) throw new UsageError('--hits counts the hits kept in a store: give --store DB');
    if (!storeQueryIsExact(filter)) throw new UsageError('--hits: --computer takes exact host names here (no * globs)');
    const store = await openReadStore(values.store, positionals);
    const stats = await storeHitStats(store, storeQuery(filter)).finally(() => store.close());
    io.stdout.write(values.json ? JSON.stringify(stats, null, 2) + '\n' : formatHitStatsText(stats, top));
    io.stderr.write(`sigstream stats: hits counted in the store ${stats.hits}\n`);
    return 0;
  }
  if (values.store !== undefined && storeQueryIsExact(filter)) {
    // Every filter is in the query: the store counts (GROUP BY) instead of handing over each event.
    const store = await openReadStore(values.store, positionals);
    const stats = await storeStats(store, storeQuery(filter), options).finally(() => store.close());
    io.stdout.write(values.json ? JSON.stringify(stats, null, 2) + '\n' : formatStatsText(stats));
    io.stderr.write(`sigstream stats: events counted in the store ${stats.events}\n`);
    return 0;
  }
  const { events, stream, leftOut } = await openEventSource(positionals, values, io);
  const stats = await collectStats(events, options);
  io.stdout.write(values.json ? JSON.stringify(stats, null, 2) + '\n' : formatStatsText(stats));
  io.stderr.write(`sigstream stats: events read ${stream.stats.events}, skipped ${stream.stats.skipped}${leftOut()}, counted ${stats.events}\n`);
  if (inputUsageError(stream)) return 2;
  if (values.strict && (stream.stats.skipped > 0 || stream.stats.problems.length > 0)) return 1;
  return 0;
}

export const statsCommand: CliCommand = { summary: 'events per host and day by category and EventID; top and rarest values', usage, run };
