/** `sigstream run`: rules over event inputs, hits on stdout (NDJSON or another writer), a summary on stderr. */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseCommandArgs } from './args.js';
import type { CliCommand, CliIo } from './command.js';
import { inputOptions, inputOptionsUsage, inputUsageError, openEventStream, printInputStats, reportInputProblem } from './input-options.js';
import { eventFilterFromFlags, filterOptions, filterOptionsUsage, leftOutText, selectionFromFlags } from './filter-options.js';
import { huntFromFlags, huntOptions, huntOptionsUsage } from './hunt-options.js';
import { openHitOutput, outputOptions, outputOptionsUsage } from './output-options.js';
import { missingRulePaths, printDiagnostics, ruleCounts } from './report.js';
import { isLive, liveOptions, liveUsage, runLive } from './live.js';
import { openRunStores } from './run-store.js';
import { storeQuery } from './event-source.js';
import {
  createEngine, createEventFilter, loadPlaceholders, parseDuration, Checkpoint, parseCheckpointEvery, formatDiagnostic, diagnostic, provenanceOf,
  CORRELATOR_DEFAULTS, ShardedDetector,
  type Correlator, type Detector, type DetectorStats, type EngineOptions, type Hit, type NormalizedEvent, type Provenance,
} from '../index.js';
import { EXIT_OUTPUT_FAILED, onStopSignals, outputFailure, STOP_SIGNALS, stdoutClosedAtStart, watchOutput, type StopSignal } from './run-guard.js';

const usage = `usage: sigstream run --rules <file|dir> [--rules ...] [options] [input ...]

Evaluates Sigma rules over events and writes hits to stdout (NDJSON unless --output). Inputs are
files, directories (recursive), globs, gzip files or stdin ('-' or no input), in any supported
format (.evtx, Windows event XML, Sysmon-for-Linux syslog, NDJSON: flat, evtx_dump, ECS), sniffed
per input. Diagnostics (with file:line:col) and a final summary go to stderr.

options:
  -r, --rules PATH        rule file or directory (repeatable, recursive)
      --placeholders FILE values for 'expand' placeholders (YAML map: name -> list)
      --warnings          also print rule warnings (unrouted rules, lint warnings)
      --workers N         detect on N worker threads, events sharded by Computer; same hits in
                          the same order (default: the number of cores for inputs over 32 MB,
                          else 1; stdin and --state: 1)
      --no-rule-cache     parse every rule file (default: parsed rules are kept in
                          $XDG_CACHE_HOME/sigstream, keyed by file content; safe to delete)
      --explain           each detection hit names the search identifiers that matched ("matched")
      --store DB          read events from an event store (sigstream store) instead of inputs,
                          in event-time order
      --to-store DB       also keep every hit in the event store DB (beside its events)
correlations and sequences:
      --max-delay DUR     out-of-order tolerance in event time (default ${CORRELATOR_DEFAULTS.maxDelayMs}ms; e.g. 250ms, 30s, 2m)
      --max-states N      hard cap on live correlation state (default ${CORRELATOR_DEFAULTS.maxStates}; oldest evicted first)
      --state FILE        restore correlation state from FILE at start; save it there at the end
                          of input and on SIGTERM, SIGINT and SIGHUP (windows then continue in the
                          next run), with the position of each input it covers (docs/checkpoints.md)
      --checkpoint-every N|DUR  with --state: also save every N events or every DUR (e.g. 10000, 30s)
      --resume            with --state: skip the events of each input that the state already covers
                          (the same inputs given again after a stop or a crash)
      --max-future DUR    an event more than DUR ahead of the latest time seen does not move the
                          watermark unless the next event confirms the jump (counted as "future")
      --finish            with --state: decide every pending window at the end of input (the
                          last run of a series), as a run without --state always does
      --no-process-exit   do not end state keyed by a ProcessGuid at its ProcessTerminate
${outputOptionsUsage}
${filterOptionsUsage}
${huntOptionsUsage}
${liveUsage}
${inputOptionsUsage}
`;

/** Where time is per host, so is the blame: the hosts whose events were too far ahead. */
function futureHosts(byHost: Record<string, number>): string {
  const hosts = Object.entries(byHost);
  return hosts.length === 0 ? '' : ` (${hosts.map(([host, n]) => `${host} ${n}`).join(', ')})`;
}

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
      'checkpoint-every': { type: 'string' },
      resume: { type: 'boolean', default: false },
      'max-future': { type: 'string' },
      'no-process-exit': { type: 'boolean', default: false },
      finish: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
      store: { type: 'string' },
      'to-store': { type: 'string' },
      'no-rule-cache': { type: 'boolean', default: false },
      workers: { type: 'string' },
      ...outputOptions,
      ...filterOptions,
      ...huntOptions,
      ...inputOptions,
      ...liveOptions,
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
  const maxFutureMs = values['max-future'] === undefined ? undefined : parseDuration(values['max-future']);
  if (maxFutureMs === undefined && values['max-future'] !== undefined) return usageError(io, `--max-future: '${values['max-future']}' is not a duration`);
  const every = values['checkpoint-every'] === undefined ? undefined : parseCheckpointEvery(values['checkpoint-every']);
  if (every === undefined && values['checkpoint-every'] !== undefined) return usageError(io, `--checkpoint-every: '${values['checkpoint-every']}' is neither a count of events nor a duration`);
  if (!values.state && !values.source && (every || values.resume)) return usageError(io, '--checkpoint-every and --resume need --state FILE');
  if (stdoutClosedAtStart()) return usageError(io, 'standard output is closed: hits would be lost (redirect it to /dev/null to discard them)');
  // A checkpoint covers exactly the events the correlator applied, which only a single thread knows.
  if (values.state && values.workers !== undefined && values.workers !== '1') return usageError(io, '--workers cannot be combined with --state (a checkpoint covers the events one thread applied)');
  const workers = values.state ? 1 : workerCount(values.workers, positionals);
  if (workers === undefined) return usageError(io, `--workers: '${values.workers}' is not a positive integer`);
  const select = selectionFromFlags(values);
  const eventFilter = createEventFilter(eventFilterFromFlags(values));
  const hunt = huntFromFlags(values);
  const { duplicates, suppressor, summary } = hunt;
  const engineOptions: EngineOptions = {
    select,
    placeholders,
    cache: values['no-rule-cache'] ? undefined : {},
    correlator: { maxDelayMs, maxStates, maxFutureMs, terminateOnProcessExit: !values['no-process-exit'] },
    explain: values.explain,
  };
  const rulePaths = values.rules;
  const load = () => createEngine(rulePaths, engineOptions);
  const engine = await load();
  printDiagnostics(io.stderr, engine.diagnostics, { warnings: values.warnings ?? false });
  if (isLive(values)) return runLive({ flags: values, inputs: positionals, rulePaths, load, engine }, io);
  const missing = missingRulePaths(engine);
  if (missing.length > 0) return usageError(io, `no such rules path: ${missing.join(', ')}`);
  const hitOutput = openHitOutput(values, engine, io);
  // Suppression and the summary see every hit on its way to the writer, inline or from workers.
  const stores = await openRunStores(values.store, values['to-store'], positionals, io, storeQuery(eventFilterFromFlags(values)));
  if (!stores) return 2;
  const writer = stores.tee(hunt.around(hitOutput.writer));
  const output = watchOutput(io.stdout);
  // After the output failed, hits are no longer written (the stream is gone), but the run still ends
  // in order: state saved, summary printed.
  const writeAll = async (hits: Iterable<Hit>): Promise<void> => {
    try {
      for (const hit of hits) {
        if (output.error()) return;
        await writer.write(hit);
      }
    } catch (e) {
      if (!output.error()) throw e;
    }
  };
  const pipeline: Pipeline = workers > 1 ? await ShardedDetector.start(engine, values.rules, engineOptions, workers, writer) : inline(engine.detector, writeAll);
  const { correlator } = pipeline;
  let checkpoint: Checkpoint | undefined;
  if (values.state) {
    const opened = Checkpoint.open(values.state, correlator, { resume: values.resume, every, beforeSave: () => {
        if (!output.error()) writer.flush?.();
      },
    });
    printDiagnostics(io.stderr, opened.diagnostics, { warnings: true });
    if (!opened.checkpoint) {
      io.stderr.write(`sigstream run: the state file is refused and left as it is\n`);
      return 2;
    }
    checkpoint = opened.checkpoint;
  }
  // A signal saves the windows, not decides them: the next run with --state continues them. While an
  // event's hits are being written, the stop waits for them, so the state never covers unwritten hits.
  let busy = false;
  let stopping: StopSignal | undefined;
  const stop = (signal: StopSignal): void => {
    if (busy) {
      stopping = signal;
      return;
    }
    checkpoint?.save();
    io.stderr.write(`sigstream: ${signal}: stopped${checkpoint ? `; state saved to ${checkpoint.file}` : ''}\n`);
    process.exit(STOP_SIGNALS[signal]);
  };
  const disposeSignals = onStopSignals(stop);
  const rules = ruleCounts(engine);
  const stream = stores.source ?? openEventStream(positionals, values, io, { merge: hunt.merge });
  let lostFrom: Provenance | undefined;
  for await (const item of stream) {
    if (item.kind !== 'event') {
      reportInputProblem(stream, item.diagnostic, values.quiet);
      continue;
    }
    if (eventFilter.active && !eventFilter.keep(item.event)) continue;
    if (duplicates && !duplicates.first(item.event)) continue;
    summary.addEvent(item.event);
    if (checkpoint?.covers(item.event)) continue;
    busy = true;
    const hitsBefore = pipeline.stats.hits;
    const backpressure = pipeline.push(item.event);
    if (backpressure) await backpressure;
    // With a state file, an event counts as done only once its hits left the process (the writer's
    // batch and the stream's queue) and a failed write had its turn to report: a failed or killed output then loses at most this event's hits.
    if (checkpoint && pipeline.stats.hits !== hitsBefore) {
      await writer.flush?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    busy = false;
    // The correlator applied this event whether or not its hits got out: the state covers it.
    checkpoint?.processed(item.event);
    if (output.error()) {
      lostFrom = provenanceOf(item.event);
      break;
    }
    if (stopping) stop(stopping);
  }
  if (!output.error()) await pipeline.end({ keepWindows: checkpoint !== undefined && !values.finish });
  if (!output.error()) await writer.end();
  await hitOutput.finish(!output.error());
  await stores.close();
  disposeSignals();
  checkpoint?.save();
  const failed = output.error();
  output.dispose();
  if (failed && failed.code !== 'EPIPE') {
    const lost = lostFrom ? `; hits from ${lostFrom.input}${lostFrom.line ? `:${lostFrom.line}` : lostFrom.record ? ` record ${lostFrom.record}` : ''} on are not written${checkpoint ? '' : ' (nor those still batched before it)'}` : '';
    const saved = checkpoint ? `; state saved to ${checkpoint.file}` : '';
    io.stderr.write(`sigstream: ${formatDiagnostic(diagnostic('error', 'output-failed', outputFailure(failed) + lost + saved, { file: '<stdout>' }))}\n`);
  }
  const s = pipeline.stats;
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
      `events read ${s.events}, skipped ${skipped}, ${duplicates?.dropped ? `duplicates ${duplicates.dropped}, ` : ''}matched ${s.matchedEvents}; hits ${s.hits}` +
      (suppressor ? `, suppressed ${suppressor.suppressed}` : '') +
      (correlator ? ` (${s.correlationHits} correlation); late ${correlator.stats.late}, future ${correlator.stats.future}${futureHosts(correlator.stats.futureByHost)}, evicted ${correlator.stats.evictions}${correlator.stats.forced > 0 ? ` (buffer released early ${correlator.stats.forced})` : ''}, ended by process exit ${correlator.stats.terminated}` : '') +
      (checkpoint ? `; checkpoints ${checkpoint.saves}${values.resume ? `, resumed past ${checkpoint.positions.skipped} covered events` : ''}` : '') +
      '\n',
  );
  if (checkpoint) printDiagnostics(io.stderr, checkpoint.positions.diagnostics, { warnings: true });
  if (failed && failed.code !== 'EPIPE') return EXIT_OUTPUT_FAILED;
  if (inputUsageError(stream)) return 2;
  if (values.strict && (rules.rejected > 0 || skipped > 0 || stream.stats.problems.length > 0)) return 1;
  return 0;
}

/** What the run loop drives: the detector inline, or a ShardedDetector over worker threads. */
interface Pipeline {
  readonly stats: DetectorStats;
  readonly correlator: Correlator | undefined;
  push(event: NormalizedEvent): Promise<void> | void;
  /** End of input; `keepWindows`: leave correlation windows open for the state file. */
  end(options: { keepWindows: boolean }): Promise<void>;
}

function inline(detector: Detector, write: (hits: Iterable<Hit>) => Promise<void>): Pipeline {
  return {
    stats: detector.stats,
    correlator: detector.correlator,
    push: (event) => write(detector.process(event)),
    async end({ keepWindows }) {
      if (!keepWindows) await write(detector.flush());
    },
  };
}

/** Below this much file input, starting workers (each loading the rules) costs more than it saves. */
const WORKERS_MIN_INPUT_BYTES = 32 * 1024 * 1024;

/** `--workers` as given, else the number of cores for large file inputs, else 1; undefined when invalid. */
function workerCount(flag: string | undefined, inputs: string[]): number | undefined {
  if (flag !== undefined) {
    const n = Number(flag);
    return Number.isInteger(n) && n > 0 ? n : undefined;
  }
  if (inputs.length === 0 || inputs.includes('-')) return 1;
  let bytes = 0;
  for (const input of inputs) {
    try {
      const info = statSync(input);
      if (info.isFile()) bytes += info.size;
    } catch {
      // globs and missing paths: the reader reports them; they do not count here
    }
  }
  return bytes >= WORKERS_MIN_INPUT_BYTES ? availableParallelism() : 1;
}

export const runCommand: CliCommand = { summary: 'evaluate rules over events; hits as NDJSON, JSON, CSV, a table or Timesketch JSONL', usage, run };
