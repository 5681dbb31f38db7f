/** `sigstream run`: rules over event inputs, hits as NDJSON on stdout, a summary on stderr. */
import { parseCommandArgs } from './args.js';
import type { CliCommand, CliIo } from './command.js';
import { inputOptions, inputOptionsUsage, inputUsageError, openEventStream, printInputStats, reportInputProblem } from './input-options.js';
import { eventFilterFromFlags, filterOptions, filterOptionsUsage, leftOutText, selectionFromFlags } from './filter-options.js';
import { huntFromFlags, huntOptions, huntOptionsUsage } from './hunt-options.js';
import { openHitOutput, outputOptions, outputOptionsUsage } from './output-options.js';
import { missingRulePaths, printDiagnostics, ruleCounts } from './report.js';
import { createEngine, createEventFilter, loadPlaceholders, type Hit, parseDuration, loadState, saveState, CORRELATOR_DEFAULTS } from '../index.js';

const usage = `usage: sigstream run --rules <file|dir> [--rules ...] [options] [input ...]

Evaluates Sigma rules over events and writes hits to stdout (NDJSON unless --output). Inputs are
files, directories (recursive), globs, gzip files or stdin ('-' or no input), in any supported
format (.evtx, Windows event XML, Sysmon-for-Linux syslog, NDJSON: flat, evtx_dump, ECS), sniffed
per input. Diagnostics (with file:line:col) and a final summary go to stderr.

options:
  -r, --rules PATH        rule file or directory (repeatable, recursive)
      --placeholders FILE values for 'expand' placeholders (YAML map: name -> list)
      --warnings          also print rule warnings (unrouted rules, lint warnings)
      --explain           each detection hit names the search identifiers that matched ("matched")
correlations and sequences:
      --max-delay DUR     out-of-order tolerance in event time (default ${CORRELATOR_DEFAULTS.maxDelayMs}ms; e.g. 250ms, 30s, 2m)
      --max-states N      hard cap on live correlation state (default ${CORRELATOR_DEFAULTS.maxStates}; oldest evicted first)
      --state FILE        restore correlation state from FILE at start; save it there at the end
                          of input and on SIGTERM (windows then continue in the next run)
      --finish            with --state: decide every pending window at the end of input (the
                          last run of a series), as a run without --state always does
      --no-process-exit   do not end state keyed by a ProcessGuid at its ProcessTerminate
${outputOptionsUsage}
${filterOptionsUsage}
${huntOptionsUsage}
${inputOptionsUsage}
`;

function usageError(io: CliIo, message: string): number {
  io.stderr.write(`sigstream run: ${message}\n`);
  return 2;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
      rules: { type: 'string', short: 'r', multiple: true },
      placeholders: { type: 'string' },
      warnings: { type: 'boolean', default: false },
      'max-delay': { type: 'string' },
      'max-states': { type: 'string' },
      state: { type: 'string' },
      'no-process-exit': { type: 'boolean', default: false },
      finish: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
      ...outputOptions,
      ...filterOptions,
      ...huntOptions,
      ...inputOptions,
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
  const select = selectionFromFlags(values);
  const eventFilter = createEventFilter(eventFilterFromFlags(values));
  const hunt = huntFromFlags(values);
  const { duplicates, suppressor, summary } = hunt;
  const engine = await createEngine(values.rules, {
    select,
    placeholders,
    correlator: { maxDelayMs, maxStates, terminateOnProcessExit: !values['no-process-exit'] },
    explain: values.explain,
  });
  printDiagnostics(io.stderr, engine.diagnostics, { warnings: values.warnings ?? false });
  const missing = missingRulePaths(engine);
  if (missing.length > 0) return usageError(io, `no such rules path: ${missing.join(', ')}`);
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
  const output = openHitOutput(values, engine, io);
  const { writer } = output;
  const write = async (hits: Hit[]) => {
    for (const hit of hits) {
      summary.addHit(hit);
      await writer.write(hit);
    }
  };
  const emit = (hits: Hit[]) => write(suppressor ? hits.flatMap((h) => suppressor.push(h)) : hits);
  const stream = openEventStream(positionals, values, io, hunt.merge);
  for await (const item of stream) {
    if (item.kind !== 'event') {
      reportInputProblem(stream, item.diagnostic, values.quiet);
      continue;
    }
    if (eventFilter.active && !eventFilter.keep(item.event)) continue;
    if (duplicates && !duplicates.first(item.event)) continue;
    summary.addEvent(item.event);
    await emit(engine.detector.process(item.event));
  }
  process.removeListener('SIGTERM', onTerm);
  if (!stateFile || values.finish) await emit(engine.detector.flush());
  if (suppressor) await write(suppressor.flush());
  if (stateFile && correlator) saveState(stateFile, correlator);
  await output.finish(true);
  const s = engine.detector.stats;
  const skipped = stream.stats.skipped;
  if (stream.stats.inputs.length > 1 && !values.quiet) printInputStats(stream, io);
  const leftOut = [
    leftOutText(engine.leftOut) && `rules left out: ${leftOutText(engine.leftOut)}${engine.leftOut.status && !select.statuses ? ' (deprecated and unsupported by default; --status to choose)' : ''}`,
    leftOutText(eventFilter.leftOut) && `events left out: ${leftOutText(eventFilter.leftOut)}`,
  ].filter(Boolean);
  if (leftOut.length > 0) io.stderr.write(`sigstream: ${leftOut.join('; ')}\n`);
  hunt.report(io, { duplicatesDropped: duplicates?.dropped ?? 0, hitsSuppressed: suppressor?.suppressed ?? 0, rulesLeftOut: engine.leftOut, eventsLeftOut: eventFilter.leftOut });
  io.stderr.write(
    `sigstream: rules loaded ${rules.loaded}, rejected ${rules.rejected}, not routed ${rules.unrouted}; ` +
      `events read ${stream.stats.events}, skipped ${skipped}, ${duplicates ? `duplicates ${duplicates.dropped}, ` : ''}matched ${s.matchedEvents}; hits ${s.hits}` +
      (suppressor ? `, suppressed ${suppressor.suppressed}` : '') +
      (correlator ? ` (${s.correlationHits} correlation); late ${correlator.stats.late}, evicted ${correlator.stats.evictions}, ended by process exit ${correlator.stats.terminated}` : '') +
      '\n',
  );
  if (inputUsageError(stream)) return 2;
  if (values.strict && (rules.rejected > 0 || skipped > 0 || stream.stats.problems.length > 0)) return 1;
  return 0;
}

export const runCommand: CliCommand = { summary: 'evaluate rules over events, hits as NDJSON on stdout', usage, run };
