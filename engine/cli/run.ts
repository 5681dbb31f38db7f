/** `sigstream run`: rules over event inputs, hits as NDJSON on stdout, a summary on stderr. */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import type { CliCommand, CliIo } from './command.js';
import { inputOptions, inputOptionsUsage, inputUsageError, openEventStream, printInputStats, reportInputProblem } from './input-options.js';
import { printDiagnostics, ruleCounts } from './report.js';
import {
  createEngine, createWriter, loadPlaceholders, parseDuration, loadState, saveState, CORRELATOR_DEFAULTS, ShardedDetector,
  type Correlator, type Detector, type DetectorStats, type EngineOptions, type HitWriter, type NormalizedEvent,
} from '../index.js';

const usage = `usage: sigstream run --rules <file|dir> [--rules ...] [options] [input ...]

Evaluates Sigma rules over events and writes one hit per line (JSON) to stdout. Inputs are
files, directories (recursive), globs, gzip files or stdin ('-' or no input), in any supported
format (.evtx, Windows event XML, Sysmon-for-Linux syslog, NDJSON: flat, evtx_dump, ECS), sniffed
per input. Diagnostics (with file:line:col) and a final summary go to stderr.

options:
  -r, --rules PATH        rule file or directory (repeatable, recursive)
      --placeholders FILE values for 'expand' placeholders (YAML map: name -> list)
      --warnings          also print rule warnings (unrouted rules, lint warnings)
      --workers N         detect on N worker threads, events sharded by Computer; same hits in
                          the same order (default: the number of cores for inputs over 32 MB,
                          else 1; stdin: 1)
      --no-rule-cache     parse every rule file (default: parsed rules are kept in
                          $XDG_CACHE_HOME/sigstream, keyed by file content; safe to delete)
      --explain           each detection hit names the search identifiers that matched ("matched")
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
      'no-rule-cache': { type: 'boolean', default: false },
      workers: { type: 'string' },
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
  const workers = workerCount(values.workers, positionals);
  if (workers === undefined) return usageError(io, `--workers: '${values.workers}' is not a positive integer`);
  const engineOptions: EngineOptions = {
    placeholders,
    cache: values['no-rule-cache'] ? undefined : {},
    correlator: { maxDelayMs, maxStates, terminateOnProcessExit: !values['no-process-exit'] },
    explain: values.explain,
  };
  const engine = await createEngine(values.rules, engineOptions);
  printDiagnostics(io.stderr, engine.diagnostics, { warnings: values.warnings ?? false });
  const writer = createWriter('ndjson', { out: io.stdout })!;
  const pipeline: Pipeline = workers > 1 ? await ShardedDetector.start(engine, values.rules, engineOptions, workers, writer) : inline(engine.detector, writer);
  const { correlator } = pipeline;
  const stateFile = values.state;
  if (stateFile && correlator) printDiagnostics(io.stderr, loadState(stateFile, correlator), { warnings: true });
  // On SIGTERM the windows are saved, not decided: the next run with --state continues them.
  const onTerm = () => {
    void writer.end(); // hands the batched hits to stdout now
    if (stateFile && correlator) saveState(stateFile, correlator);
    process.exit(143);
  };
  process.once('SIGTERM', onTerm);
  const rules = ruleCounts(engine);
  const stream = openEventStream(positionals, values, io);
  for await (const item of stream) {
    if (item.kind !== 'event') {
      reportInputProblem(stream, item.diagnostic, values.quiet);
      continue;
    }
    const backpressure = pipeline.push(item.event);
    if (backpressure) await backpressure;
  }
  process.removeListener('SIGTERM', onTerm);
  await pipeline.end({ keepWindows: stateFile !== undefined && !values.finish });
  if (stateFile && correlator) saveState(stateFile, correlator);
  await writer.end();
  const s = pipeline.stats;
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

/** What the run loop drives: the detector inline, or a ShardedDetector over worker threads. */
interface Pipeline {
  readonly stats: DetectorStats;
  readonly correlator: Correlator | undefined;
  push(event: NormalizedEvent): Promise<void> | void;
  /** End of input; `keepWindows`: leave correlation windows open for the state file. */
  end(options: { keepWindows: boolean }): Promise<void>;
}

function inline(detector: Detector, writer: HitWriter): Pipeline {
  return {
    stats: detector.stats,
    correlator: detector.correlator,
    push(event) {
      let wait: Promise<void> | void = undefined;
      for (const hit of detector.process(event)) wait = writer.write(hit) ?? wait;
      return wait;
    },
    async end({ keepWindows }) {
      if (!keepWindows) for (const hit of detector.flush()) await writer.write(hit);
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

export const runCommand: CliCommand = { summary: 'evaluate rules over events, hits as NDJSON on stdout', usage, run };
