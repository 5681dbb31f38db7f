/** `sigstream run`: rules over event inputs, hits as NDJSON on stdout, a summary on stderr. */
import { parseArgs } from 'node:util';
import type { CliCommand, CliIo } from './command.js';
import { inputOptions, inputOptionsUsage, inputUsageError, openEventStream, printInputStats, reportInputProblem } from './input-options.js';
import { printDiagnostics, ruleCounts } from './report.js';
import { createEngine, createWriter, loadPlaceholders, parseDuration, loadState, saveState, CORRELATOR_DEFAULTS, type Hit, type HitWriter } from '../index.js';
import { openRunStores, type RunStores } from './run-store.js';

const usage = `usage: sigstream run --rules <file|dir> [--rules ...] [options] [input ...]

Evaluates Sigma rules over events and writes one hit per line (JSON) to stdout. Inputs are
files, directories (recursive), globs, gzip files or stdin ('-' or no input), in any supported
format (.evtx, Windows event XML, Sysmon-for-Linux syslog, NDJSON: flat, evtx_dump, ECS), sniffed
per input. Diagnostics (with file:line:col) and a final summary go to stderr.

options:
  -r, --rules PATH        rule file or directory (repeatable, recursive)
      --placeholders FILE values for 'expand' placeholders (YAML map: name -> list)
      --warnings          also print rule warnings (unrouted rules, lint warnings)
      --explain           each detection hit names the search identifiers that matched ("matched")
      --store DB          read events from an event store (sigstream store) instead of inputs,
                          in event-time order
      --to-store DB       also keep every hit in the event store DB (beside its events)
correlations and sequences:
      --max-delay DUR     out-of-order tolerance in event time (default ${CORRELATOR_DEFAULTS.maxDelayMs}ms; e.g. 250ms, 30s, 2m)
      --max-states N      hard cap on live correlation state (default ${CORRELATOR_DEFAULTS.maxStates}; oldest evicted first)
      --state FILE        restore correlation state from FILE at start; save it there at the end
                          of input and on SIGTERM (windows then continue in the next run)
      --finish            with --state: decide every pending window at the end of input (the
                          last run of a series), as a run without --state always does
      --no-process-exit   do not end state keyed by a ProcessGuid at its ProcessTerminate
${inputOptionsUsage}
`;

function usageError(io: CliIo, message: string): number {
  io.stderr.write(`sigstream run: ${message}\n`);
  return 2;
}

async function emit(writer: HitWriter, stores: RunStores, hit: Hit): Promise<void> {
  await writer.write(hit);
  await stores.keep(hit);
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      rules: { type: 'string', short: 'r', multiple: true },
      placeholders: { type: 'string' },
      warnings: { type: 'boolean', default: false },
      'max-delay': { type: 'string' },
      'max-states': { type: 'string' },
      state: { type: 'string' },
      'no-process-exit': { type: 'boolean', default: false },
      finish: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
      store: { type: 'string' },
      'to-store': { type: 'string' },
      ...inputOptions,
    },
  });
  if (!values.rules || values.rules.length === 0) {
    io.stderr.write('sigstream run: --rules is required\n' + usage);
    return 2;
  }
  let placeholders: Record<string, string[]> = {};
  if (values.placeholders) {
    const loaded = loadPlaceholders(values.placeholders);
    printDiagnostics(io.stderr, loaded.diagnostics, { warnings: true });
    if (loaded.diagnostics.length > 0) return 2;
    placeholders = loaded.values;
  }
  const maxDelayMs = values['max-delay'] === undefined ? undefined : parseDuration(values['max-delay']);
  const maxStates = values['max-states'] === undefined ? undefined : Number(values['max-states']);
  if (maxDelayMs === undefined && values['max-delay'] !== undefined) return usageError(io, `--max-delay: '${values['max-delay']}' is not a duration`);
  if (maxStates !== undefined && !(Number.isInteger(maxStates) && maxStates > 0)) return usageError(io, `--max-states: '${values['max-states']}' is not a positive integer`);
  const engine = await createEngine(values.rules, {
    placeholders,
    correlator: { maxDelayMs, maxStates, terminateOnProcessExit: !values['no-process-exit'] },
    explain: values.explain,
  });
  printDiagnostics(io.stderr, engine.diagnostics, { warnings: values.warnings ?? false });
  const { correlator } = engine.detector;
  const stateFile = values.state;
  if (stateFile && correlator) printDiagnostics(io.stderr, loadState(stateFile, correlator), { warnings: true });
  // On SIGTERM the windows are saved, not decided: the next run with --state continues them.
  const onTerm = () => {
    if (stateFile && correlator) saveState(stateFile, correlator);
    process.exit(143);
  };
  process.once('SIGTERM', onTerm);
  const rules = ruleCounts(engine);
  const writer = createWriter('ndjson', { out: io.stdout })!;
  const stores = await openRunStores(values.store, values['to-store'], positionals, io);
  if (!stores) return 2;
  const stream = stores.source ?? openEventStream(positionals, values, io);
  for await (const item of stream) {
    if (item.kind !== 'event') {
      reportInputProblem(stream, item.diagnostic, values.quiet);
      continue;
    }
    for (const hit of engine.detector.process(item.event)) await emit(writer, stores, hit);
  }
  process.removeListener('SIGTERM', onTerm);
  if (!stateFile || values.finish) for (const hit of engine.detector.flush()) await emit(writer, stores, hit);
  if (stateFile && correlator) saveState(stateFile, correlator);
  await writer.end();
  await stores.close();
  const s = engine.detector.stats;
  const skipped = stream.stats.skipped;
  if (stream.stats.inputs.length > 1) printInputStats(stream, io);
  io.stderr.write(
    `sigstream: rules loaded ${rules.loaded}, rejected ${rules.rejected}, not routed ${rules.unrouted}; ` +
      `events read ${s.events}, skipped ${skipped}, matched ${s.matchedEvents}; hits ${s.hits}` +
      (correlator ? ` (${s.correlationHits} correlation); late ${correlator.stats.late}, evicted ${correlator.stats.evictions}, ended by process exit ${correlator.stats.terminated}` : '') +
      '\n',
  );
  if (inputUsageError(stream)) return 2;
  if (values.strict && (rules.rejected > 0 || skipped > 0 || stream.stats.problems.length > 0)) return 1;
  return 0;
}

export const runCommand: CliCommand = { summary: 'evaluate rules over events, hits as NDJSON on stdout', usage, run };
