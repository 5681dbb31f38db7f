/**
 * `npm run bench` (issue 14): throughput and memory, always as ratios against a baseline measured
 * in the same run (never as timed assertions in tests). Each measurement runs in its own child
 * process so its peak RSS is its own; each figure is the median of ROUNDS rounds, and a round
 * measures the passthrough and the engine back to back, so a ratio compares like with like on a
 * machine whose load changes. Results go to bench/results.json.
 *
 * Streams: the synthetic stream (bench/synthetic.ts, 200k events) and the attack-heavy stream
 * (SigmaHQ's shared regression events repeated to 100k, bench/attack-stream.ts). Phases:
 * passthrough (read lines + JSON.parse + JSON.stringify), engine on one thread (read + parse +
 * detect + hit JSON), engine on two workers (the same through ShardedDetector, fed unparsed lines), and the start:
 * rule load + compile, cold (empty rule cache) and warm.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readByteLineBatches, readLines } from '../engine/events/lines.js';
import type { Hit } from '../engine/hit.js';
import { HitJson } from '../engine/hit-json.js';
import { createEngine, engineFromCollection } from '../engine/pipeline/engine.js';
import { threadCpuSeconds } from '../engine/pipeline/thread-cpu.js';
import { ShardedDetector } from '../engine/pipeline/workers.js';
import { loadRules } from '../engine/sigma/load.js';
import { attackStreamLines } from './attack-stream.js';
import { syntheticEvents } from './synthetic.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');
const sharedDir = resolve(repoRoot, '../shared');
const outDir = resolve(repoRoot, 'bench/out');
const SYNTHETIC_EVENTS = 200_000;
const ATTACK_EVENTS = 100_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

interface PhaseResult {
  events: number;
  seconds: number;
  /** CPU time of the measured loop (all threads of the process): steadier than wall time on a shared machine. */
  cpuSeconds: number;
  eventsPerSecond: number;
  peakRssMb: number;
  hits?: number;
  /** Per thread (main, then each worker), CPU seconds per million events: what each costs, whatever the load. */
  threadCpuPerMillionEvents?: { main: number; workers: number[] };
  /** UTF-8 bytes of hit JSON produced, as they would reach stdout (a check that every phase did the same work). */
  hitBytes?: number;
  rules?: number;
}

interface StartResult {
  loadSeconds: number;
  compileSeconds: number;
  totalSeconds: number;
  rules: number;
  cacheHits?: number;
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function finish(events: number, started: number, cpu: NodeJS.CpuUsage, extra: Partial<PhaseResult> = {}): PhaseResult {
  const seconds = (performance.now() - started) / 1000;
  return { events, seconds, cpuSeconds: cpuSince(cpu), eventsPerSecond: events / seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, ...extra };
}

async function phasePassthrough(input: string): Promise<PhaseResult> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  let events = 0;
  let bytes = 0;
  for await (const line of readLines(createReadStream(input))) {
    if (line.text === '') continue;
    bytes += JSON.stringify(JSON.parse(line.text)).length;
    events++;
  }
  if (bytes === 0) throw new Error('empty input');
  return finish(events, started, cpu);
}

async function phaseEngine(input: string, rules: string): Promise<PhaseResult> {
  const engine = engineFromCollection(await loadRules([rules]));
  const json = new HitJson();
  const cpu = process.cpuUsage();
  const started = performance.now();
  let events = 0;
  let hits = 0;
  let hitBytes = 0;
  for await (const line of readLines(createReadStream(input))) {
    if (line.text === '') continue;
    for (const hit of engine.detector.process(JSON.parse(line.text))) {
      hits++;
      hitBytes += Buffer.byteLength(json.text(hit)) + 1;
    }
    events++;
  }
  for (const hit of engine.detector.flush()) hitBytes += Buffer.byteLength(json.text(hit)) + 1;
  return finish(events, started, cpu, { hits, hitBytes, rules: engine.compiled.compiled.length });
}

async function phaseWorkers(input: string, rules: string, workers: number): Promise<PhaseResult> {
  const engine = await createEngine([rules]);
  const json = new HitJson();
  let hits = 0;
  let hitBytes = 0;
  const sink = {
    write(hit: Hit) {
      hits++;
      hitBytes += Buffer.byteLength(json.text(hit)) + 1;
    },
    writeLines(lines: Uint8Array) {
      for (let i = lines.indexOf(0x0a); i !== -1; i = lines.indexOf(0x0a, i + 1)) hits++;
      hitBytes += lines.length;
    },
  };
  const sharded = await ShardedDetector.start(engine, [rules], {}, workers, sink);
  const mainCpuAtStart = threadCpuSeconds() ?? 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  let events = 0;
  // Undecoded and unparsed: the workers do both (the main thread only finds each line's host).
  for await (const batch of readByteLineBatches(createReadStream(input))) {
    for (const line of batch) {
      if (line.bytes.length === 0) continue;
      const wait = sharded.pushLine(line.bytes);
      if (wait) await wait;
      events++;
    }
  }
  await sharded.end();
  const perMillion = (seconds: number) => (seconds / events) * 1e6;
  const threadCpuPerMillionEvents = {
    main: perMillion((threadCpuSeconds() ?? 0) - mainCpuAtStart),
    workers: sharded.workerCpuSeconds.map((s) => perMillion(s ?? 0)),
  };
  const result = finish(events, started, cpu, { hits, hitBytes, rules: engine.compiled.compiled.length, threadCpuPerMillionEvents });
  await sharded.terminate();
  return result;
}

async function phaseStart(rules: string, cacheDir: string): Promise<StartResult> {
  const loadStart = performance.now();
  const collection = await loadRules([rules], { cache: { dir: cacheDir } });
  const compileStart = performance.now();
  const engine = engineFromCollection(collection);
  const end = performance.now();
  return { loadSeconds: (compileStart - loadStart) / 1000, compileSeconds: (end - compileStart) / 1000, totalSeconds: (end - loadStart) / 1000, rules: engine.compiled.compiled.length };
}

function runPhase<T>(args: string[]): T {
  // The same runtime flag as the sigstream executable (engine/cli/main.ts), for every phase.
  const out = spawnSync(process.execPath, ['--max-semi-space-size=32', fileURLToPath(import.meta.url), '--phase', ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (out.status !== 0) throw new Error(`bench phase ${args.join(' ')} failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as T;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The round whose value is the median (so its other figures are reported with it). */
function medianRound<T>(rounds: T[], value: (r: T) => number): T {
  const m = median(rounds.map(value));
  return rounds.reduce((a, b) => (Math.abs(value(b) - m) < Math.abs(value(a) - m) ? b : a));
}

const spread = (values: number[]) => ({ min: Math.min(...values), max: Math.max(...values) });

/** One stream: passthrough, one worker and two workers per round; ratios per round, then medians. */
function benchStream(name: string, input: string, rules: string, targetRatio: number) {
  const rounds: Array<{ passthrough: PhaseResult; engine: PhaseResult; workers2: PhaseResult }> = [];
  for (let i = 0; i < ROUNDS; i++) {
    console.error(`bench: ${name} round ${i + 1}/${ROUNDS}`);
    rounds.push({
      passthrough: runPhase<PhaseResult>(['passthrough', input]),
      engine: runPhase<PhaseResult>(['engine', input, rules]),
      workers2: runPhase<PhaseResult>(['workers', input, rules, '2']),
    });
  }
  const ratios = rounds.map((r) => r.engine.eventsPerSecond / r.passthrough.eventsPerSecond);
  const speedups = rounds.map((r) => r.workers2.eventsPerSecond / r.engine.eventsPerSecond);
  const ratio = median(ratios);
  const speedup = median(speedups);
  const engine = medianRound(rounds, (r) => r.engine.eventsPerSecond).engine;
  return {
    input,
    events: engine.events,
    hits: engine.hits,
    sameHitBytesEveryPhase: rounds.every((r) => r.engine.hitBytes === r.workers2.hitBytes),
    passthrough: medianRound(rounds, (r) => r.passthrough.eventsPerSecond).passthrough,
    engine,
    workers2: medianRound(rounds, (r) => r.workers2.eventsPerSecond).workers2,
    engineVsPassthrough: { ratio, perRound: ratios, ...spread(ratios), target: targetRatio, meetsTarget: ratio >= targetRatio },
    cpuRatio: median(rounds.map((r) => r.passthrough.cpuSeconds / r.engine.cpuSeconds)),
    workers2VsOne: { speedup, perRound: speedups, ...spread(speedups), target: 1.7, meetsTarget: speedup >= 1.7 },
    peakRssMb: { engine: engine.peakRssMb, target: 250, meetsTarget: engine.peakRssMb <= 250 },
  };
}

function benchStart(rules: string) {
  const cold: StartResult[] = [];
  const warm: StartResult[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'sigstream-bench-cache-'));
    cold.push(runPhase<StartResult>(['start', rules, dir]));
    warm.push(runPhase<StartResult>(['start', rules, dir]));
    rmSync(dir, { recursive: true, force: true });
  }
  const pick = (list: StartResult[]) => medianRound(list, (r) => r.totalSeconds);
  const c = pick(cold);
  const w = pick(warm);
  return {
    rules: c.rules,
    cold: { ...c, target: 1.2, meetsTarget: c.totalSeconds <= 1.2 },
    warm: { ...w, target: 0.3, meetsTarget: w.totalSeconds <= 0.3 },
    warmLoadOnly: { seconds: w.loadSeconds, meetsTarget: w.loadSeconds <= 0.3 },
  };
}

/** Cost growth: 10x rules (the bundled pack vs all SigmaHQ) on the synthetic stream, same rounds. */
function benchGrowth(input: string, small: string, large: string) {
  const rounds: Array<{ small: PhaseResult; large: PhaseResult }> = [];
  for (let i = 0; i < ROUNDS; i++) {
    console.error(`bench: growth round ${i + 1}/${ROUNDS}`);
    rounds.push({ small: runPhase<PhaseResult>(['engine', input, small]), large: runPhase<PhaseResult>(['engine', input, large]) });
  }
  const growths = rounds.map((r) => r.large.seconds / r.small.seconds);
  const growth = median(growths);
  return {
    smallRules: rounds[0].small.rules,
    largeRules: rounds[0].large.rules,
    ruleRatio: (rounds[0].large.rules ?? 0) / (rounds[0].small.rules ?? 1),
    timeGrowth: growth,
    perRound: growths,
    target: 1.5,
    meetsTarget: growth <= 1.5,
  };
}

/** Optional sections contributed by other parts (bench/<topic>.ts exporting `bench`). */
const SECTIONS = ['evtx', 'inputs', 'correlate', 'writers', 'investigate', 'nats', 'store'];
/** Comma lists of sections: BENCH_SKIP leaves them out; BENCH_ONLY runs just them (no stream phases) and updates only their entries in results.json. */
const sectionList = (value: string | undefined) => new Set((value ?? '').split(',').map((s) => s.trim()).filter(Boolean));
const SKIP = sectionList(process.env.BENCH_SKIP);
const ONLY = sectionList(process.env.BENCH_ONLY);

async function runSections(results: Record<string, unknown>, sharedDir: string | undefined): Promise<void> {
  for (const name of SECTIONS) {
    const file = resolve(here, `${name}.js`);
    if (!existsSync(file) || SKIP.has(name) || (ONLY.size > 0 && !ONLY.has(name))) continue;
    const section = (await import(pathToFileURL(file).href)) as { bench(ctx: { sharedDir: string | undefined }): Promise<Record<string, unknown>> };
    results[name] = await section.bench({ sharedDir });
  }
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const resultsFile = resolve(repoRoot, 'bench/results.json');
  if (ONLY.size > 0) {
    const results = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>) : {};
    await runSections(results, existsSync(resolve(sharedDir, 'sigmahq/rules')) ? sharedDir : undefined);
    writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
    console.log(JSON.stringify(Object.fromEntries([...ONLY].map((name) => [name, results[name]])), null, 2));
    return;
  }
  const synthetic = resolve(outDir, 'synthetic.ndjson');
  writeFileSync(synthetic, syntheticEvents(SYNTHETIC_EVENTS).map((e) => JSON.stringify(e)).join('\n') + '\n');
  const sigmahq = resolve(sharedDir, 'sigmahq/rules');
  const hasShared = existsSync(sigmahq);
  const bundled = resolve(repoRoot, 'rules');
  const rules = hasShared ? sigmahq : bundled;
  console.error(`bench: rules from ${rules}, median of ${ROUNDS} rounds each`);
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: { node: process.version, cpus: (await import('node:os')).cpus().length, loadAverageAtStart: (await import('node:os')).loadavg() },
    rounds: ROUNDS,
    rules: { source: rules },
    start: benchStart(rules),
    synthetic: { generator: 'bench/synthetic.ts (seed 42)', ...benchStream('synthetic', synthetic, rules, 0.6) },
  };
  if (hasShared) {
    const attack = resolve(outDir, 'attack.ndjson');
    writeFileSync(attack, attackStreamLines(sharedDir, ATTACK_EVENTS).join('\n') + '\n');
    results.attack = { generator: 'bench/attack-stream.ts (shared regression events repeated)', ...benchStream('attack', attack, rules, 0.4) };
    results.growth = benchGrowth(synthetic, bundled, sigmahq);
  }
  results.machine = { ...(results.machine as object), loadAverageAtEnd: (await import('node:os')).loadavg() };
  await runSections(results, hasShared ? sharedDir : undefined);
  writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
  console.log(JSON.stringify(results, null, 2));
}

const phaseAt = process.argv.indexOf('--phase');
if (phaseAt !== -1) {
  const [phase, ...args] = process.argv.slice(phaseAt + 1);
  const run: Record<string, () => Promise<unknown>> = {
    passthrough: () => phasePassthrough(args[0]),
    engine: () => phaseEngine(args[0], args[1]),
    workers: () => phaseWorkers(args[0], args[1], Number(args[2])),
    start: () => phaseStart(args[0], args[1]),
  };
  process.stdout.write(JSON.stringify(await run[phase]()));
} else {
  await main();
}
