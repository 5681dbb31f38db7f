/** `sigstream test`: run the test cases beside rules, or check a benign corpus stays quiet. */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CliCommand, CliIo } from './command.js';
import { inputOptions, openEventStream } from './input-options.js';
import { formatDiagnostic, NO_SUCH_PATH, type Diagnostic } from '../index.js';
import { parseAllowList, isLevel, runBenign, bundledRulesDir, loadPack, findPackFiles, suitePathFor, junitXml, resultsJson, runSuites, type CaseResult, loadSuites, failureBlock, summaryLine } from '../testing/index.js';

const usage = `usage: sigstream test [options] <rules...>
       sigstream test --benign [--rules R]... --allow known-fps.csv [--min-level L] <inputs...>

Inputs are anything 'sigstream run' reads (NDJSON, XML, .evtx, syslog, directories, globs).

Runs every case of the <rule>.tests.yml files beside the given rule files and directories
(rules/README.md describes the format) and ends with the line "N passed, N failed".
Exit status 0 when every case passes, 1 otherwise, 2 on usage errors.

options:
  --junit FILE       also write JUnit XML to FILE
  --json             print one JSON document (results, diagnostics) instead of text
  --benign           benign-log mode: the positional arguments are event inputs; every rule at
                     or above --min-level that fires on them outside the allow list fails
  --rules PATH       more rules to load (repeatable): without --benign, rules that tested rules refer
                     to (a sequence over a rule in another folder); with --benign, the rules to
                     check (default: the bundled pack)
  --allow-path DIR   a directory outside the given rule paths that test cases' 'events:' files may
                     be read from (repeatable); by default only files inside the given paths are read
  --allow FILE       known false positives, CSV "RuleId;RuleName;MatchString" (SigmaHQ's known-FPs.csv form)
  --min-level LEVEL  informational|low|medium|high|critical (default medium)
  -f, --format NAME  benign inputs: read as NAME instead of sniffing each input (as for run)
  -m, --map FILE     benign inputs: JSONata mapping to the normalized event (as for run)
`;

interface Options {
  junit?: string;
  json: boolean;
  benign: boolean;
  rules: string[];
  allow?: string;
  minLevel: string;
  /** Benign inputs: --format / --map as for `run`. */
  format?: string;
  map?: string;
  /** Directories besides the given paths that test cases' event files may be read from. */
  allowPaths: string[];
  paths: string[];
}

function parse(argv: string[]): Options | string {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        junit: { type: 'string' },
        json: { type: 'boolean', default: false },
        benign: { type: 'boolean', default: false },
        rules: { type: 'string', multiple: true },
        allow: { type: 'string' },
        'allow-path': { type: 'string', multiple: true },
        'min-level': { type: 'string', default: 'medium' },
        format: inputOptions.format,
        map: inputOptions.map,
      },
    });
    return { junit: values.junit, json: values.json, benign: values.benign, rules: values.rules ?? [], allow: values.allow, minLevel: values['min-level'], format: values.format, map: values.map, allowPaths: values['allow-path'] ?? [], paths: positionals };
  } catch (err) {
    return (err as Error).message;
  }
}

/** A test file that did not load is itself a failed case, so broken tests can never pass silently. */
function brokenSuiteResults(diagnostics: Diagnostic[]): CaseResult[] {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics.filter((d) => d.severity === 'error')) byFile.set(d.where.file, [...(byFile.get(d.where.file) ?? []), d]);
  return [...byFile].map(([file, list]) => ({
    suite: file,
    ruleFile: file,
    name: list[0].code === NO_SUCH_PATH ? '(path exists)' : '(file loads)',
    where: list[0].where,
    passed: false,
    failures: list.map((d) => ({ message: formatDiagnostic(d) })),
    hits: [],
    durationMs: 0,
  }));
}

async function report(results: CaseResult[], diagnostics: Diagnostic[], options: Options, io: CliIo): Promise<number> {
  if (options.junit) await writeFile(options.junit, junitXml(results));
  if (options.json) {
    io.stdout.write(JSON.stringify(resultsJson(results, diagnostics), null, 2) + '\n');
    io.stderr.write(summaryLine(results) + '\n');
  } else {
    for (const d of diagnostics) io.stderr.write(formatDiagnostic(d) + '\n');
    for (const result of results) if (!result.passed) io.stdout.write(failureBlock(result) + '\n');
    io.stdout.write(summaryLine(results) + '\n');
  }
  return results.length > 0 && results.every((r) => r.passed) ? 0 : 1;
}

async function runCases(options: Options, io: CliIo): Promise<number> {
  const files = await findPackFiles(options.paths);
  const diagnostics: Diagnostic[] = files.missing.map((file) => ({ severity: 'error', code: NO_SUCH_PATH, message: 'no such file or directory', where: { file } }));
  const context = options.rules.length > 0 ? (await findPackFiles(options.rules)).rules : [];
  const pack = await loadPack([...new Set([...files.rules, ...context])]);
  // The pack's roots: each directory given, or the directory of each file given.
  const roots = await Promise.all(options.paths.map(async (p) => ((await stat(p).catch(() => undefined))?.isDirectory() ? p : path.dirname(p))));
  const loaded = await loadSuites(files.suites, { roots: [...roots, ...options.allowPaths] });
  const untested = files.rules.filter((rule) => !files.suites.includes(suitePathFor(rule)) && !loaded.suites.some((s) => s.ruleFile === rule));
  if (untested.length > 0) diagnostics.push(...untested.map((file) => ({ severity: 'warning' as const, code: 'no-tests' as const, message: 'rule file has no test cases', where: { file } })));
  const results = [...brokenSuiteResults([...loaded.diagnostics, ...diagnostics]), ...runSuites(loaded.suites, pack)];
  if (results.length === 0) io.stderr.write('sigstream test: no test cases found\n');
  return report(results, [...pack.diagnostics, ...loaded.diagnostics, ...diagnostics], options, io);
}

async function runBenignMode(options: Options, io: CliIo): Promise<number> {
  if (!isLevel(options.minLevel)) {
    io.stderr.write(`sigstream test: --min-level must be informational, low, medium, high or critical\n`);
    return 2;
  }
  if (options.paths.length === 0) {
    io.stderr.write('sigstream test --benign: give at least one input\n');
    return 2;
  }
  const diagnostics: Diagnostic[] = [];
  let allow: ReturnType<typeof parseAllowList> = { entries: [], diagnostics: [] };
  if (options.allow) {
    const text = await readFile(options.allow, 'utf8').catch((err: Error) => {
      diagnostics.push({ severity: 'error', code: 'allow-list-read', message: err.message, where: { file: options.allow! } });
      return undefined;
    });
    if (text === undefined) return report([], diagnostics, options, io);
    allow = parseAllowList(options.allow, text);
    diagnostics.push(...allow.diagnostics);
  }
  const rules = options.rules.length > 0 ? options.rules : [path.relative(process.cwd(), bundledRulesDir()) || '.'];
  const files = await findPackFiles(rules);
  const pack = await loadPack(files.rules);
  const corpus = options.paths.join(', ');
  const stream = openEventStream(options.paths, { format: options.format, map: options.map, 'no-progress': true }, io);
  async function* events() {
    for await (const item of stream) {
      if (item.kind === 'event') yield item.event;
      else diagnostics.push(item.diagnostic);
    }
  }
  const outcome = await runBenign(pack, events(), { minLevel: options.minLevel, allow: allow.entries, corpus });
  io.stderr.write(`benign corpus: ${outcome.events} events, ${outcome.allowed} allow-listed hits, rules at or above ${options.minLevel}: ${outcome.results.length}\n`);
  const broken = allow.diagnostics.length > 0 ? brokenSuiteResults(allow.diagnostics) : [];
  // A corpus that yielded no events proves nothing: it fails rather than passing every rule.
  if (outcome.events === 0) {
    broken.push({ suite: corpus, ruleFile: corpus, name: '(benign corpus has events)', where: { file: corpus }, passed: false, failures: [{ message: 'no event was read from the benign inputs' }], hits: [], durationMs: 0 });
  }
  return report([...broken, ...outcome.results], [...pack.diagnostics, ...diagnostics], options, io);
}

export const testCommand: CliCommand = {
  summary: 'run the test cases beside rules (or --benign: check a clean corpus stays quiet)',
  usage,
  async run(argv, io) {
    const options = parse(argv);
    if (typeof options === 'string') {
      io.stderr.write(`sigstream test: ${options}\n${usage}`);
      return 2;
    }
    if (options.benign) return runBenignMode(options, io);
    if (options.paths.length === 0) {
      io.stderr.write(usage);
      return 2;
    }
    return runCases(options, io);
  },
};
