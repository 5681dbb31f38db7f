/**
 * The live half of `sigstream run`: `--follow`, `--source`, `--sink`, `--metrics`, `--watch-rules`
 * and SIGHUP reloads. Wires flags to the library's LivePipeline, a source and a sink; the logic
 * lives in the library.
 */
import { watch, type FSWatcher } from 'node:fs';
import type { CliIo } from './command.js';
import { printDiagnostics, ruleCounts } from './report.js';
import {
  LivePipeline,
  createWriter,
  fileCheckpoints,
  formatDiagnostic,
  metricsRegistry,
  parseDuration,
  parseCheckpointEvery,
  serveMetrics,
  sources,
  openSink,
  kvCheckpoints,
  connectNats,
  streamName,
  natsRekeying,
  ownedPartitions,
  splitByLocality,
  workerRules,
  type RekeyedPipeline,
  type Rekeyer,
  type Engine,
  type EventSource,
  type HitSink,
  type CheckpointStore,
} from '../index.js';

export const liveOptions = {
  follow: { type: 'boolean', default: false },
  poll: { type: 'string' },
  metrics: { type: 'string' },
  'watch-rules': { type: 'boolean', default: false },
  source: { type: 'string' },
  subject: { type: 'string' },
  partitions: { type: 'string' },
  worker: { type: 'string' },
  'checkpoint-bucket': { type: 'string' },
  'until-end': { type: 'boolean', default: false },
  sink: { type: 'string' },
  'sink-subject': { type: 'string' },
} as const;

export const liveUsage = `live mode:
      --follow            follow the input files as they grow and rotate (tail -F, by inode; .evtx
                          by whole chunks the header declares), until SIGTERM/SIGINT; with
                          --state, positions are checkpointed with the state
      --poll DUR          how often followed files are checked (default 250ms)
                          (--checkpoint-every N|DUR: default every 10000 events or 5s, also idle)
      --metrics HOST:PORT serve Prometheus metrics at http://HOST:PORT/metrics
      --watch-rules       reload rules when a rule file changes (SIGHUP always reloads); the state of
                          unchanged correlations carries over
distributed (docs/deployment.md):
      --source nats://HOST:PORT   consume events from JetStream (published by 'sigstream publish')
      --subject S         the event subject (default sigstream.events)
      --partitions P      partitions of the stream (default 12; the same as 'publish')
      --worker i/W        this worker owns partitions p with p mod W = i (default 0/1); correlations
                          whose group-by is not host-local are re-keyed by group key onto
                          SUBJECT-rekeyed and evaluated by its owner ('sigstream lint' names them)
      --checkpoint-bucket B  KV bucket of the checkpoints (default sigstream-checkpoints)
      --until-end         stop when every owned partition has the producer's end mark
      --sink nats://HOST:PORT     publish hits to JetStream, message id = hit id (replays de-duplicate)
      --sink-subject S    the hit subject (default sigstream.hits)`;

export interface LiveFlags {
  follow?: boolean;
  poll?: string;
  metrics?: string;
  'watch-rules'?: boolean;
  'checkpoint-every'?: string;
  state?: string;
  finish?: boolean;
  format?: string;
  quiet?: boolean;
  warnings?: boolean;
  strict?: boolean;
  source?: string;
  subject?: string;
  partitions?: string;
  worker?: string;
  'checkpoint-bucket'?: string;
  'until-end'?: boolean;
  sink?: string;
  'sink-subject'?: string;
}

export function isLive(flags: LiveFlags): boolean {
  return Boolean(flags.follow || flags.metrics || flags['watch-rules'] || flags.source || flags.sink);
}

export interface LiveRun {
  flags: LiveFlags;
  inputs: string[];
  rulePaths: string[];
  /** Loads and compiles the rules (at start and at each reload). */
  load(): Promise<Engine>;
  /** The engine loaded at start (its diagnostics already printed). */
  engine: Engine;
}

interface ChosenSource {
  source: EventSource;
  checkpoints?: CheckpointStore;
  finishAtEnd: boolean;
  /** NATS workers: where correlations that are not host-local are evaluated (docs/deployment.md). */
  rekeying?: { rekeyer: Rekeyer; pipeline: RekeyedPipeline; close(): Promise<void> };
}

/** `--source nats://...`: the worker's partitions, with checkpoints in the KV bucket. */
async function natsWorker(flags: LiveFlags, io: CliIo, engine: Engine, sink: () => HitSink, every: { events?: number; ms?: number }): Promise<ChosenSource> {
  const subject = flags.subject ?? 'sigstream.events';
  const partitions = Number(flags.partitions ?? 12);
  const worker = /^(\d+)\/(\d+)$/.exec(flags.worker ?? '0/1');
  if (!Number.isInteger(partitions) || partitions < 1) throw new RangeError(`--partitions: '${flags.partitions}' is not a positive integer`);
  if (!worker || Number(worker[2]) < 1 || Number(worker[1]) >= Number(worker[2])) throw new RangeError(`--worker: '${flags.worker}' is not i/W with 0 <= i < W`);
  const source = await sources.nats.open({
    inputs: [],
    nats: {
      url: flags.source!,
      subject,
      partitions,
      worker: { index: Number(worker[1]), count: Number(worker[2]) },
      untilEnd: flags['until-end'],
      onResume: (p, seq) => io.stderr.write(`sigstream: partition ${p} resumes after stream sequence ${seq}\n`),
    },
  });
  const bucket = flags['checkpoint-bucket'] ?? 'sigstream-checkpoints';
  const checkpoints = await kvCheckpoints(await connectNats(flags.source!, 'sigstream checkpoints'), bucket, streamName(subject));
  const split = splitByLocality(engine.correlations);
  for (const rule of [...split.unsupported.correlations, ...split.unsupported.sequences]) {
    io.stderr.write(`sigstream: warning: '${rule.title}' is evaluated per worker, over its hosts only (see 'sigstream lint')\n`);
  }
  if (split.rekeyed.correlations.length + split.rekeyed.sequences.length === 0) return { source, checkpoints, finishAtEnd: true };
  const rekeying = await natsRekeying({
    url: flags.source!,
    subject,
    partitions,
    owned: ownedPartitions(partitions, { index: Number(worker[1]), count: Number(worker[2]) }),
    rules: split.rekeyed,
    correlator: engine.correlatorOptions,
    bucket,
    checkpointMessages: every.events,
    checkpointMs: every.ms,
    untilEnd: flags['until-end'] ?? false,
    write: (hit, p) => sink().write(hit, p),
    onDiagnostics: (diagnostics) => printDiagnostics(io.stderr, diagnostics, { warnings: true }),
  });
  return { source, checkpoints, finishAtEnd: true, rekeying };
}

function stdoutSink(io: CliIo): HitSink {
  const writer = createWriter('ndjson', { out: io.stdout })!;
  return { write: (hit) => writer.write(hit), end: () => writer.end() };
}

function positiveNumber(text: string | undefined, parse: (t: string) => number | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const n = parse(text);
  if (n === undefined || !(n > 0)) throw new RangeError(`${flag}: '${text}' is not valid`);
  return n;
}

export async function runLive(run: LiveRun, io: CliIo): Promise<number> {
  const { flags } = run;
  let checkpointEvents: number | undefined;
  let checkpointMs: number | undefined;
  let pollMs: number | undefined;
  try {
    if (flags['checkpoint-every'] !== undefined) {
      const every = parseCheckpointEvery(flags['checkpoint-every']);
      if (!every) throw new RangeError(`--checkpoint-every: '${flags['checkpoint-every']}' is neither a count of events nor a duration`);
      if ('events' in every) checkpointEvents = every.events;
      else checkpointMs = every.ms;
    }
    pollMs = positiveNumber(flags.poll, parseDuration, '--poll');
  } catch (err) {
    io.stderr.write(`sigstream run: ${(err as Error).message}\n`);
    return 2;
  }
  let engine = run.engine;
  if (flags.source !== undefined && !flags.source.startsWith('nats://')) {
    io.stderr.write(`sigstream run: --source '${flags.source}': only nats://HOST:PORT is supported\n`);
    return 2;
  }
  let chosen: ChosenSource;
  let sink: (HitSink & { published?: number; duplicates?: number }) | undefined;
  try {
    if (flags.sink !== undefined) {
      const opened = openSink(flags.sink, flags['sink-subject'] ?? 'sigstream.hits');
      if (!opened) throw new RangeError(`--sink '${flags.sink}': no sink for this scheme (nats://HOST:PORT)`);
      sink = await opened;
    }
    sink ??= stdoutSink(io);
    const out = sink;
    chosen = flags.source
      ? await natsWorker(flags, io, engine, () => out, { events: checkpointEvents, ms: checkpointMs })
      : {
          source: await sources[flags.follow ? 'follow' : 'files'].open({ inputs: run.inputs, read: { format: flags.format, stdin: io.stdin }, follow: { pollMs } }),
          checkpoints: flags.state ? fileCheckpoints(flags.state) : undefined,
          finishAtEnd: !flags.state || Boolean(flags.finish),
        };
  } catch (err) {
    io.stderr.write(`sigstream run: ${(err as Error).message}\n`);
    return 2;
  }
  const out = sink;
  const { rekeying } = chosen;
  // With a re-keying stage, detectors evaluate the host-local correlations (and those it cannot take); the stage the others.
  const detectors = (e: Engine) => (rekeying ? () => e.newDetector(workerRules(e.correlations)) : e.newDetector);
  const pipeline = new LivePipeline({
    source: chosen.source,
    newDetector: detectors(engine),
    // The sink ends once both the event partitions and the re-keyed ones are done.
    sink: rekeying ? { write: (hit, p) => out.write(hit, p), end: () => undefined } : out,
    checkpoints: chosen.checkpoints,
    checkpointEvents,
    checkpointMs,
    finishAtEnd: chosen.finishAtEnd,
    rekey: rekeying?.rekeyer,
    onProblem: (item) => {
      if (!flags.quiet || item.kind === 'skip') io.stderr.write(`sigstream: ${formatDiagnostic(item.diagnostic)}\n`);
    },
    onDiagnostics: (diagnostics) => printDiagnostics(io.stderr, diagnostics, { warnings: true }),
  });

  let reloading = false;
  const reload = async (why: string): Promise<void> => {
    if (reloading) return;
    reloading = true;
    try {
      const next = await run.load();
      const counts = ruleCounts(next);
      printDiagnostics(io.stderr, next.diagnostics, { warnings: flags.warnings ?? false });
      engine = next;
      pipeline.reload(detectors(next));
      rekeying?.pipeline.reload(splitByLocality(next.correlations).rekeyed);
      io.stderr.write(`sigstream: rules reloaded (${why}): loaded ${counts.loaded}, rejected ${counts.rejected}\n`);
    } catch (err) {
      io.stderr.write(`sigstream: rules not reloaded (${why}): ${(err as Error).message}; the previous rules stay\n`);
    } finally {
      reloading = false;
    }
  };
  const onHup = () => void reload('SIGHUP');
  process.on('SIGHUP', onHup);
  const watchers: FSWatcher[] = [];
  if (flags['watch-rules']) {
    let timer: NodeJS.Timeout | undefined;
    for (const path of run.rulePaths) {
      // Editors write a file in several steps: reload once things have settled.
      watchers.push(watch(path, { recursive: true }, () => {
        clearTimeout(timer);
        timer = setTimeout(() => void reload('rule file changed'), 200);
      }));
    }
  }
  const stop = () => {
    pipeline.stop();
    rekeying?.pipeline.stop();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  let metrics: Awaited<ReturnType<typeof serveMetrics>> | undefined;
  if (flags.metrics !== undefined) {
    try {
      metrics = await serveMetrics(metricsRegistry({ pipeline, rulesLoaded: () => ruleCounts(engine).loaded }), flags.metrics);
      io.stderr.write(`sigstream: metrics at http://${metrics.address}/metrics\n`);
    } catch (err) {
      io.stderr.write(`sigstream run: --metrics ${flags.metrics}: ${(err as Error).message}\n`);
      return 2;
    }
  }
  try {
    await Promise.all([pipeline.run(), rekeying?.pipeline.run()]);
    if (rekeying) {
      await rekeying.close();
      await out.end();
    }
  } finally {
    process.removeListener('SIGHUP', onHup);
    process.removeListener('SIGTERM', stop);
    process.removeListener('SIGINT', stop);
    for (const w of watchers) w.close();
    await metrics?.close();
  }
  const s = pipeline.stats;
  const counts = ruleCounts(engine);
  io.stderr.write(
    `sigstream: rules loaded ${counts.loaded}, rejected ${counts.rejected}; events read ${s.events}, skipped ${s.skipped}; hits ${s.hits}; ` +
      `checkpoints ${s.checkpoints}, reloads ${s.reloads}` +
      (rekeying ? `; re-keyed hits sent ${rekeying.rekeyer.hitsSent}, evaluated ${rekeying.pipeline.stats.messages} messages, fired ${rekeying.pipeline.stats.hits}` : '') +
      (sink?.published !== undefined ? `; published ${sink.published}, dropped as duplicates ${sink.duplicates}` : '') +
      '\n',
  );
  if (chosen.source.stats.problems.length > 0 && s.events === 0) return 1;
  if (flags.strict && (counts.rejected > 0 || s.skipped > 0)) return 1;
  return 0;
}
