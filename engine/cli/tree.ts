/** `sigstream tree`: the process tree around a ProcessGuid, with each process's activity. */
import { createReadStream } from 'node:fs';
import { parseCommandArgs, UsageError } from './args.js';
import type { CliCommand, CliIo } from './command.js';
import { openEventSource, sourceOptions, sourceOptionsUsage } from './event-source.js';
import { readHits } from './hits-input.js';
import { eventFilterOptions, eventFilterUsage } from './filter-options.js';
import { inputUsageError } from './input-options.js';
import { printDiagnostics } from './report.js';
import { formatTree, hitsByProcess, indexProcesses, type Diagnostic, type Hit } from '../index.js';

const usage = `usage: sigstream tree [--guid GUID ...] [--hits FILE] [input ...]

Prints the process tree around a ProcessGuid: its ancestors (by ParentProcessGuid), the process
(marked ▶) and its descendants, each with the events it caused (files, registry, connections,
DNS, image loads, remote threads, process access, WMI, pipes) under it.

options:
      --guid GUID       the process to centre on (repeatable)
      --hits FILE       hits of 'sigstream run' (NDJSON): processes with hits are marked '!' with
                        the rule titles; without --guid, one tree per process that has a hit
${eventFilterUsage}
input:
${sourceOptionsUsage}
`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { guid: { type: 'string', multiple: true }, hits: { type: 'string' }, ...eventFilterOptions, ...sourceOptions });
  if (!values.guid && !values.hits) throw new UsageError('give --guid GUID, or --hits FILE for a tree per process with a hit');
  let hits: Map<string, string[]> | undefined;
  if (values.hits) {
    const skipped: Diagnostic[] = [];
    const list: Hit[] = [];
    const file = values.hits;
    for await (const hit of readHits({ name: file, open: () => createReadStream(file) }, (d) => skipped.push(d))) list.push(hit);
    printDiagnostics(io.stderr, skipped, { warnings: true });
    hits = hitsByProcess(list);
  }
  const { events, stream } = await openEventSource(positionals, values, io);
  const index = await indexProcesses(events);
  const guids = values.guid ?? [...hits!.keys()];
  let missing = 0;
  for (const guid of guids) {
    const text = formatTree(index, guid, { hits });
    if (text === undefined) {
      missing++;
      io.stderr.write(`sigstream tree: no event of the inputs names process ${guid}\n`);
    } else io.stdout.write(text + '\n');
  }
  if (inputUsageError(stream)) return 2;
  if (missing > 0 && missing === guids.length) return 1;
  if (values.strict && (stream.stats.skipped > 0 || stream.stats.problems.length > 0)) return 1;
  return 0;
}

export const treeCommand: CliCommand = { summary: 'the process tree around a ProcessGuid, with each process\'s activity', usage, run };
