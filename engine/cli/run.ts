/** `sigstream run`: rules over event inputs, hits as NDJSON on stdout, a summary on stderr. */
import { parseArgs } from 'node:util';
import { createEngine } from '../pipeline/engine.js';
import { NdjsonWriter } from '../output/ndjson-writer.js';
import { loadPlaceholders } from '../sigma/placeholders.js';
import type { CliCommand, CliIo } from './command.js';
import { inputOptions, inputOptionsUsage, inputUsageError, openEventStream, printInputStats, reportInputProblem } from './input-options.js';
import { printDiagnostics, ruleCounts } from './report.js';

const usage = `usage: sigstream run --rules <file|dir> [--rules ...] [options] [input ...]

Evaluates Sigma rules over events and writes one hit per line (JSON) to stdout. Inputs are
files, directories (recursive), globs, gzip files or stdin ('-' or no input), in any supported
format (.evtx, Windows event XML, Sysmon-for-Linux syslog, NDJSON: flat, evtx_dump, ECS), sniffed
per input. Diagnostics (with file:line:col) and a final summary go to stderr.

options:
  -r, --rules PATH        rule file or directory (repeatable, recursive)
      --placeholders FILE values for 'expand' placeholders (YAML map: name -> list)
      --warnings          also print rule warnings (unrouted rules, lint warnings)
${inputOptionsUsage}
`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      rules: { type: 'string', short: 'r', multiple: true },
      placeholders: { type: 'string' },
      warnings: { type: 'boolean', default: false },
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
  const engine = await createEngine(values.rules, { placeholders });
  printDiagnostics(io.stderr, engine.diagnostics, { warnings: values.warnings ?? false });
  const rules = ruleCounts(engine);
  const writer = new NdjsonWriter(io.stdout);
  const stream = openEventStream(positionals, values, io);
  for await (const item of stream) {
    if (item.kind !== 'event') {
      reportInputProblem(stream, item.diagnostic, values.quiet);
      continue;
    }
    for (const hit of engine.detector.process(item.event)) await writer.write(hit);
  }
  for (const hit of engine.detector.flush()) await writer.write(hit);
  await writer.end();
  const s = engine.detector.stats;
  const skipped = stream.stats.skipped;
  if (stream.stats.inputs.length > 1) printInputStats(stream, io);
  io.stderr.write(
    `sigstream: rules loaded ${rules.loaded}, rejected ${rules.rejected}, not routed ${rules.unrouted}; ` +
      `events read ${s.events}, skipped ${skipped}, matched ${s.matchedEvents}; hits ${s.hits}\n`,
  );
  if (inputUsageError(stream)) return 2;
  if (values.strict && (rules.rejected > 0 || skipped > 0 || stream.stats.problems.length > 0)) return 1;
  return 0;
}

export const runCommand: CliCommand = { summary: 'evaluate rules over events, hits as NDJSON on stdout', usage, run };
