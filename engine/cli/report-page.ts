/** `sigstream report`: rules over inputs, written as one self-contained offline HTML page. */
import { writeFileSync } from 'node:fs';
import { parseCommandArgs, UsageError } from './args.js';
import type { CliCommand, CliIo } from './command.js';
import { openEventSource, openReadStore, sourceOptions, sourceOptionsUsage, storeQuery, storeQueryIsExact } from './event-source.js';
import { eventFilterFromFlags, eventFilterOptions, eventFilterUsage } from './filter-options.js';
import { inputUsageError } from './input-options.js';
import { printDiagnostics, ruleCounts } from './report.js';
import { buildReport, buildReportFromHits, createEngine, DEFAULT_REPORT_MAX_BYTES, type ReportOptions } from '../index.js';

const usage = `usage: sigstream report --rules <file|dir> [-o report.html] [options] [input ...]
       sigstream report --store DB [-o report.html] [options]

Runs the rules over the inputs and writes ONE HTML file that works offline: an overview (hits by
level, tactic and technique over time; events per host), the hit list (filterable, ATT&CK links,
correlations with their base hits), a process graph per hit (a node per related event, an icon
per category, edges labelled with the EventID; click a node for its event), and a search over the
embedded events by the same criteria as 'sigstream search' and free text. No request leaves the
page (inlined libraries, a strict Content-Security-Policy). With --store DB and no --rules, the
page shows the hits the store keeps ('run --to-store') across its hosts and days, with their events.

options:
  -r, --rules PATH        rule file or directory (repeatable)
  -o, --out FILE          the HTML file (default report.html)
      --title TEXT        the page title
      --max-mb N          cap on the embedded events (default ${DEFAULT_REPORT_MAX_BYTES / 1024 / 1024} MiB); past it, only the hits'
                          process neighbourhoods are embedded and the page says what it left out
${eventFilterUsage}
input:
${sourceOptionsUsage}
`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    rules: { type: 'string', short: 'r', multiple: true },
    out: { type: 'string', short: 'o', default: 'report.html' },
    title: { type: 'string' },
    'max-mb': { type: 'string' },
    ...eventFilterOptions,
    ...sourceOptions,
  });
  const maxMb = values['max-mb'] === undefined ? undefined : Number(values['max-mb']);
  if (maxMb !== undefined && !(maxMb > 0)) throw new UsageError(`--max-mb: '${values['max-mb']}' is not a positive number`);
  const options = { title: values.title, maxBytes: maxMb === undefined ? undefined : Math.floor(maxMb * 1024 * 1024) };
  if (!values.rules || values.rules.length === 0) {
    if (values.store === undefined) throw new UsageError('--rules is required (or --store DB, to show the hits it keeps)');
    return storedHitsReport(values.store, positionals, values, options, io);
  }
  const engine = await createEngine(values.rules);
  printDiagnostics(io.stderr, engine.diagnostics, { warnings: false });
  const { events, stream, leftOut } = await openEventSource(positionals, values, io);
  const report = await buildReport(engine.detector, events, options);
  printDiagnostics(io.stderr, report.diagnostics, { warnings: true });
  writeFileSync(values.out, report.html);
  const rules = ruleCounts(engine);
  const { totals } = report.data;
  io.stderr.write(
    `sigstream report: rules loaded ${rules.loaded}, rejected ${rules.rejected}; events read ${stream.stats.events}, skipped ${stream.stats.skipped}${leftOut()}, ` +
      `embedded ${totals.embeddedEvents}; hits ${totals.hits}; wrote ${values.out} (${(report.html.length / 1024).toFixed(0)} KiB)\n`,
  );
  if (inputUsageError(stream)) return 2;
  if (values.strict && (rules.rejected > 0 || stream.stats.skipped > 0 || stream.stats.problems.length > 0)) return 1;
  return 0;
}

/** `report --store DB` without rules: the store's events and kept hits, the filters pushed down into both. */
async function storedHitsReport(path: string, inputs: string[], flags: Parameters<typeof eventFilterFromFlags>[0] & { out: string }, options: ReportOptions, io: CliIo): Promise<number> {
  const filter = eventFilterFromFlags(flags);
  if (!storeQueryIsExact(filter)) throw new UsageError('report --store without --rules: --computer takes exact host names here (no * globs)');
  const store = await openReadStore(path, inputs);
  const query = storeQuery(filter);
  const report = await buildReportFromHits(store.events(query), store.hits(query), options).finally(() => store.close());
  printDiagnostics(io.stderr, report.diagnostics, { warnings: true });
  writeFileSync(flags.out, report.html);
  const { totals } = report.data;
  io.stderr.write(`sigstream report: events read from the store ${totals.events}, embedded ${totals.embeddedEvents}; hits kept in the store ${totals.hits}; wrote ${flags.out} (${(report.html.length / 1024).toFixed(0)} KiB)\n`);
  return 0;
}

export const reportCommand: CliCommand = { summary: 'one offline HTML report: hits, process graphs, statistics, search', usage, run };
