/** `sigstream run`: rules over event inputs, hits as NDJSON on stdout, a summary on stderr. */
import { parseArgs } from 'node:util';
import { formatDiagnostic } from '../diagnostics.js';
import { createEngine } from '../pipeline/engine.js';
import { NdjsonWriter } from '../output/ndjson-writer.js';
import { loadPlaceholders } from '../sigma/placeholders.js';
import type { CliCommand, CliIo } from './command.js';
import { readInputs } from './read-inputs.js';
import { printDiagnostics, ruleCounts } from './report.js';

const usage = `usage: sigstream run --rules <file|dir> [--rules ...] [options] [input ...]

Evaluates Sigma rules over events (NDJSON files, or stdin when no input or '-') and writes one
hit per line (JSON) to stdout. Diagnostics and a final summary go to stderr.

options:
  -r, --rules PATH        rule file or directory (repeatable, recursive)
      --placeholders FILE values for 'expand' placeholders (YAML map: name -> list)
      --strict            exit 1 when any rule is rejected or any input record is skipped
  -q, --quiet             no per-record diagnostics, only the summary
      --warnings          also print rule warnings (unrouted rules, lint warnings)
`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      rules: { type: 'string', short: 'r', multiple: true },
      placeholders: { type: 'string' },
      strict: { type: 'boolean', default: false },
      quiet: { type: 'boolean', short: 'q', default: false },
      warnings: { type: 'boolean', default: false },
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
  let skipped = 0;
  for await (const item of readInputs(positionals, io)) {
    if (item.kind === 'skip') {
      skipped++;
      if (!values.quiet) io.stderr.write(`sigstream: ${formatDiagnostic(item.diagnostic)}\n`);
      continue;
    }
    for (const hit of engine.detector.process(item.event)) await writer.write(hit);
  }
  for (const hit of engine.detector.flush()) await writer.write(hit);
  await writer.end();
  const s = engine.detector.stats;
  io.stderr.write(
    `sigstream: rules loaded ${rules.loaded}, rejected ${rules.rejected}, not routed ${rules.unrouted}; ` +
      `events read ${s.events}, skipped ${skipped}, matched ${s.matchedEvents}; hits ${s.hits}\n`,
  );
  if (values.strict && (rules.rejected > 0 || skipped > 0)) return 1;
  return 0;
}

export const runCommand: CliCommand = { summary: 'evaluate rules over events, hits as NDJSON on stdout', usage, run };
