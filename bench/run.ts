/**
 * `npm run bench`: throughput and memory, always as ratios against a baseline measured in the same
 * run (never as timed assertions in tests). Each measurement runs in its own child process so its
 * peak RSS is its own. Results go to bench/results.json.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readLines } from '../engine/events/lines.js';
import { engineFromCollection } from '../engine/pipeline/engine.js';
import { loadRules } from '../engine/sigma/load.js';
import { syntheticEvents } from './synthetic.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');
const sharedDir = resolve(repoRoot, '../shared');
const outDir = resolve(repoRoot, 'bench/out');
const EVENTS = 200_000;
const RUNS = 3;

interface PhaseResult {
  events: number;
  seconds: number;
  /** CPU time of the measured loop: steadier than wall time on a shared machine. */
  cpuSeconds: number;
  eventsPerSecond: number;
  peakRssMb: number;
  hits?: number;
  rules?: number;
  /** Reading and parsing the rule files (YAML → rule model). */
  loadSeconds?: number;
  /** Rule model → closures, routes and literal clauses. */
  compileSeconds?: number;
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
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
  const seconds = (performance.now() - started) / 1000;
  if (bytes === 0) throw new Error('empty input');
  return { events, seconds, cpuSeconds: cpuSince(cpu), eventsPerSecond: events / seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

async function phaseEngine(input: string, rules: string): Promise<PhaseResult> {
  const loadStart = performance.now();
  const collection = await loadRules([rules]);
  const compileStart = performance.now();
  const engine = engineFromCollection(collection);
  const loadSeconds = (compileStart - loadStart) / 1000;
  const compileSeconds = (performance.now() - compileStart) / 1000;
  const cpu = process.cpuUsage();
  const started = performance.now();
  let events = 0;
  let hits = 0;
  for await (const line of readLines(createReadStream(input))) {
    if (line.text === '') continue;
    for (const hit of engine.detector.process(JSON.parse(line.text))) {
      hits++;
      JSON.stringify(hit);
    }
    events++;
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    events, seconds, cpuSeconds: cpuSince(cpu), eventsPerSecond: events / seconds, hits, loadSeconds, compileSeconds,
    rules: engine.compiled.compiled.length, peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

function runPhase(phase: string, input: string, rules: string): PhaseResult {
  // The same runtime flag as the sigstream executable (engine/cli/main.ts), for both phases.
  const out = spawnSync(process.execPath, ['--max-semi-space-size=32', fileURLToPath(import.meta.url), '--phase', phase, input, rules], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (out.status !== 0) throw new Error(`bench phase ${phase} failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as PhaseResult;
}

function best(phase: string, input: string, rules: string): PhaseResult {
  const runs = Array.from({ length: RUNS }, () => runPhase(phase, input, rules));
  return runs.reduce((a, b) => (b.eventsPerSecond > a.eventsPerSecond ? b : a));
}

/** Optional sections contributed by other parts (bench/<topic>.ts exporting `bench`). */
const SECTIONS = ['evtx', 'inputs', 'correlate', 'nats'];

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const input = resolve(outDir, 'synthetic.ndjson');
  writeFileSync(input, syntheticEvents(EVENTS).map((e) => JSON.stringify(e)).join('\n') + '\n');
  const sigmahq = resolve(sharedDir, 'sigmahq/rules');
  const rules = existsSync(sigmahq) ? sigmahq : resolve(repoRoot, 'rules');
  console.error(`bench: ${EVENTS} synthetic events, rules from ${rules}, best of ${RUNS} runs each`);
  const passthrough = best('passthrough', input, rules);
  const engine = best('engine', input, rules);
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
    stream: { events: EVENTS, generator: 'bench/synthetic.ts (seed 42)' },
    rules: {
      source: rules,
      compiled: engine.rules,
      loadSeconds: engine.loadSeconds,
      compileSeconds: engine.compileSeconds,
      loadPlusCompileSeconds: (engine.loadSeconds ?? 0) + (engine.compileSeconds ?? 0),
      compileTargetSeconds: 1.5,
      compileMeetsTarget: (engine.compileSeconds ?? Infinity) <= 1.5,
    },
    passthrough,
    engine,
    engineVsPassthrough: {
      ratio: engine.eventsPerSecond / passthrough.eventsPerSecond,
      cpuRatio: passthrough.cpuSeconds / engine.cpuSeconds,
      target: 0.6,
      meetsTarget: engine.eventsPerSecond / passthrough.eventsPerSecond >= 0.6,
    },
  };
  for (const name of SECTIONS) {
    const file = resolve(here, `${name}.js`);
    if (!existsSync(file)) continue;
    const section = (await import(pathToFileURL(file).href)) as { bench(ctx: { sharedDir: string | undefined }): Promise<Record<string, unknown>> };
    results[name] = await section.bench({ sharedDir: existsSync(sharedDir) ? sharedDir : undefined });
  }
  writeFileSync(resolve(repoRoot, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(JSON.stringify(results, null, 2));
}

const phaseAt = process.argv.indexOf('--phase');
if (phaseAt !== -1) {
  const [phase, input, rules] = process.argv.slice(phaseAt + 1);
  const result = phase === 'passthrough' ? await phasePassthrough(input) : await phaseEngine(input, rules);
  process.stdout.write(JSON.stringify(result));
} else {
  await main();
}
