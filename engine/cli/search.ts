/** `sigstream search`: SysmonSearch's criteria over any inputs; matching events as hits through the run writers. */
import { writeFileSync } from 'node:fs';
import { parseCommandArgs, UsageError } from './args.js';
import type { CliCommand, CliIo } from './command.js';
import { openEventSource, sourceOptions, sourceOptionsUsage } from './event-source.js';
import { eventFilterOptions, eventFilterUsage } from './filter-options.js';
import { inputUsageError } from './input-options.js';
import { openHitOutput, outputOptions, outputOptionsUsage } from './output-options.js';
import { printDiagnostics } from './report.js';
import { compileSearch, searchEvents, searchStoreCondition, SEARCH_CRITERIA, type SearchTerm } from '../index.js';

const usage = `usage: sigstream search [criteria] [FIELD=VALUE ...] [options] [input ...]

Finds the events that match SysmonSearch's criteria, each mapped to the Sysmon fields of every
EventID where such a value appears (docs/investigate.md). Values are case-insensitive and take
Sigma wildcards (* and ?). Repeating a criterion accepts any of its values. Matching events are
written as hits of the search's own rule, through the same writers as 'run'.

criteria:
${SEARCH_CRITERIA.map((c) => `      --${c.name.padEnd(16)} ${c.description}`).join('\n')}
      FIELD=VALUE         any field of any event (e.g. User=root, CommandLine=*-enc*)
      --all               every criterion must match (the default)
      --any               one criterion is enough
      --save-rule FILE    also write the search as a Sigma rule that 'run' and 'lint' accept
${eventFilterUsage}
${outputOptionsUsage}
input:
${sourceOptionsUsage}
`;

const criterionOptions = Object.fromEntries(SEARCH_CRITERIA.map((c) => [c.name, { type: 'string', multiple: true }] as const));
const RAW_TERM = /^([A-Za-z_][\w.-]*)=(.*)$/s;

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    ...criterionOptions,
    all: { type: 'boolean', default: false },
    any: { type: 'boolean', default: false },
    'save-rule': { type: 'string' },
    ...eventFilterOptions,
    ...outputOptions,
    ...sourceOptions,
  });
  if (values.all && values.any) throw new UsageError('--all and --any exclude each other');
  const flags = values as Record<string, unknown>;
  const terms: SearchTerm[] = SEARCH_CRITERIA.flatMap((c) => (flags[c.name] ? [{ criterion: c.name, values: flags[c.name] as string[] }] : []));
  const inputs: string[] = [];
  const raw = new Map<string, string[]>();
  for (const p of positionals) {
    const m = RAW_TERM.exec(p);
    if (m) raw.set(m[1], [...(raw.get(m[1]) ?? []), m[2]]);
    else inputs.push(p);
  }
  for (const [field, fieldValues] of raw) terms.push({ field, values: fieldValues });
  const query = { terms, join: values.any ? ('any' as const) : ('all' as const) };
  const { search, diagnostics } = compileSearch(query);
  if (!search) {
    printDiagnostics(io.stderr, diagnostics, { warnings: true });
    return 2;
  }
  const output = openHitOutput(values, search.engine, io);
  if (values['save-rule']) writeFileSync(values['save-rule'], search.ruleText);
  const { events, stream, leftOut } = await openEventSource(inputs, values, io, searchStoreCondition(query));
  let matched = 0;
  for await (const hit of searchEvents(search, events)) {
    matched++;
    await output.writer.write(hit);
  }
  await output.finish(true);
  io.stderr.write(`sigstream search: events read ${stream.stats.events}, skipped ${stream.stats.skipped}${leftOut()}, matched ${matched}\n`);
  if (inputUsageError(stream)) return 2;
  if (values.strict && (stream.stats.skipped > 0 || stream.stats.problems.length > 0)) return 1;
  return 0;
}

export const searchCommand: CliCommand = { summary: 'find events by IP, port, host, process, file, registry, hash or FIELD=VALUE', usage, run };
