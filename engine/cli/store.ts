/** `sigstream store`: many hosts' events in one store file (ingest, info, prune). The store itself is the library's. */
import { parseCommandArgs, UsageError } from './args.js';
import { commandOfSubcommands, type CliCommand, type CliIo } from './command.js';
import { inputOptions, inputOptionsUsage, inputUsageError, openEventStream, printInputStats, reportInputProblem } from './input-options.js';
import { formatDiagnostic, openEventStore, parseTimespan, type EventStore, type NormalizedEvent } from '../index.js';

const usage = `usage: sigstream store <ingest|info|prune> DB [options]

  store ingest DB INPUT...      add events of any input format; records already stored (same
                                Computer, Channel, EventRecordID) are skipped and counted; a progress
                                bar on stderr when it is a terminal (--no-progress: none)
  store info DB [--json]        events per host, time range, hits, size on disk
  store prune DB --before T     delete events (and their hits) before T: an ISO time, or an age
                                such as 30d (before now minus 30 days)

The store is a DuckDB file (the optional package @duckdb/node-api). 'run --store DB' and
'run --to-store DB' read events from and keep hits in it.

ingest options:
${inputOptionsUsage}
`;

async function withStore(io: CliIo, path: string | undefined, readOnly: boolean, work: (store: EventStore) => Promise<number>): Promise<number> {
  if (!path) throw new UsageError('a store file is required', 'sigstream store --help lists the subcommands');
  const opened = await openEventStore(path, { readOnly });
  if (!opened.ok) {
    io.stderr.write(`sigstream: ${formatDiagnostic(opened.diagnostic)}\n`);
    return 2;
  }
  try {
    return await work(opened.store);
  } finally {
    await opened.store.close();
  }
}

async function ingest(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { ...inputOptions });
  const [path, ...inputs] = positionals;
  if (inputs.length === 0) throw new UsageError('store ingest: no input given');
  return withStore(io, path, false, async (store) => {
    const stream = openEventStream(inputs, values, io, { stdoutUnused: true });
    async function* events(): AsyncGenerator<NormalizedEvent> {
      for await (const item of stream) {
        if (item.kind === 'event') yield item.event;
        else reportInputProblem(stream, item.diagnostic, values.quiet);
      }
    }
    const result = await store.ingest(events());
    if (stream.stats.inputs.length > 1) printInputStats(stream, io);
    io.stderr.write(
      `sigstream: store ${store.path}: events read ${result.offered}, skipped ${stream.stats.skipped}; stored ${result.inserted}, already present ${result.duplicates}\n`,
    );
    if (inputUsageError(stream)) return 2;
    return values.strict && (stream.stats.skipped > 0 || stream.stats.problems.length > 0) ? 1 : 0;
  });
}

async function info(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean', default: false } });
  return withStore(io, positionals[0], true, async (store) => {
    const facts = await store.info();
    if (values.json) {
      io.stdout.write(JSON.stringify(facts, null, 2) + '\n');
      return 0;
    }
    const lines = [
      `store ${facts.path}: ${facts.events} events, ${facts.hits} hits, ${(facts.bytes / 1_048_576).toFixed(1)} MiB (${facts.events ? Math.round(facts.bytes / facts.events) : 0} bytes per event)`,
      `time range: ${facts.first ?? '-'} .. ${facts.last ?? '-'}`,
      '',
      'events  first                     last                      host',
      ...facts.hosts.map((h) => `${String(h.events).padStart(6)}  ${(h.first ?? '-').padEnd(24)}  ${(h.last ?? '-').padEnd(24)}  ${h.computer}`),
    ];
    io.stdout.write(lines.join('\n') + '\n');
    return 0;
  });
}

/** `--before`: an ISO time, or an age (a Sigma timespan such as 30d) counted back from now. */
function beforeMs(text: string): number | undefined {
  const age = parseTimespan(text);
  if (age !== undefined) return Date.now() - age;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

async function prune(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { before: { type: 'string' } });
  const before = values.before === undefined ? undefined : beforeMs(values.before);
  if (before === undefined) throw new UsageError('store prune: --before needs an ISO time or an age such as 30d');
  return withStore(io, positionals[0], false, async (store) => {
    const removed = await store.prune(before);
    io.stderr.write(`sigstream: store ${store.path}: ${removed} events before ${new Date(before).toISOString()} deleted\n`);
    return 0;
  });
}

export const storeCommand: CliCommand = commandOfSubcommands('store', 'an event store for many hosts: ingest, info, prune (DuckDB)', usage, { ingest, info, prune });
