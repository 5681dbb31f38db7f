/** `sigstream attack coverage|layer|summary`: ATT&CK views of a rule pack or of hits. */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { parseCommandArgs } from './args.js';
import { commandOfSubcommands, type CliCommand, type CliIo } from './command.js';
import { readHits } from './hits-input.js';
import { formatDiagnostic, type Diagnostic, type InputSource, type Hit, attackCoverage, coverageRules, layerFromCoverage, collectHitStats, layerFromHitStats, summaryFromHitStats, formatAttackSummary, loadRules, DEFAULT_ATTACK_VERSION, type AttackVersion } from '../index.js';

const usage = `usage:
  sigstream attack coverage --rules <path> [--rules <path> ...] [--name NAME] [--attack-version 18|19]
      Navigator layer (format 4.5) of the techniques a rule pack is tagged with:
      score = number of rules, comment = their titles. Paths are rule files or folders.
  sigstream attack layer [hits.ndjson ...] [--name NAME] [--attack-version 18|19]
      Navigator layer of hits (stdin when no file): score = hit count, metadata = first/last
      seen and hosts.
      --attack-version: the ATT&CK release the layer is for (default 19). A v19 layer shows a
      v18 id that moved in v19 under its v19 id (T1562.004 as T1686), a v18 layer the reverse.
  sigstream attack summary [hits.ndjson ...] [--json]
      Hits per tactic (matrix order) and technique, as a table; --json for machines.
Layers go to stdout as JSON; counts and skipped input go to stderr.
`;

function report(io: CliIo, diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) io.stderr.write(formatDiagnostic(d) + '\n');
}

function inputs(files: string[], io: CliIo): InputSource[] {
  if (files.length === 0 || (files.length === 1 && files[0] === '-')) {
    return [{ name: '-', open: () => io.stdin as Readable }];
  }
  return files.map((file) => ({ name: file, open: () => createReadStream(file) }));
}

/** Every hit of every input; unreadable lines and files are reported and skipped. */
async function* hitsOf(sources: InputSource[], io: CliIo, skipped: { count: number }): AsyncGenerator<Hit> {
  const onSkip = (d: Diagnostic) => {
    skipped.count++;
    report(io, [d]);
  };
  for (const source of sources) {
    try {
      yield* readHits(source, onSkip);
    } catch (err) {
      onSkip({ severity: 'error', code: 'unreadable', message: (err as Error).message, where: { file: source.name } });
    }
  }
}

/** `--attack-version`: 18 or 19 (default); anything else is a usage error (undefined). */
function attackVersion(value: string | undefined): AttackVersion | undefined {
  if (value === undefined) return DEFAULT_ATTACK_VERSION;
  return value === '18' || value === '19' ? (Number(value) as AttackVersion) : undefined;
}

function badVersion(io: CliIo, value: string | undefined): number {
  io.stderr.write(`sigstream attack: --attack-version must be 18 or 19, not '${value}'\n`);
  return 2;
}

function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

async function coverage(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { rules: { type: 'string', multiple: true }, name: { type: 'string' }, 'attack-version': { type: 'string' } });
  const version = attackVersion(values['attack-version']);
  if (version === undefined) return badVersion(io, values['attack-version']);
  const paths = [...(values.rules ?? []), ...positionals];
  if (paths.length === 0) {
    io.stderr.write('sigstream attack coverage: give rule files or folders with --rules\n');
    return 2;
  }
  const collection = await loadRules(paths);
  // Errors only: a rule that does not load is not counted. Warnings are for `sigstream lint`.
  const errors = collection.diagnostics.filter((d) => d.severity === 'error');
  report(io, errors);
  const rules = coverageRules(collection);
  const stats = attackCoverage(rules);
  writeJson(io, layerFromCoverage(stats, values.name, version));
  io.stderr.write(
    `${stats.rules} rules, ${stats.rulesWithTechniques} with technique tags; ${stats.catalogIds} technique ids covered ` +
      `(${stats.topLevelTechniques} top-level techniques)` +
      (stats.unknownIds.length ? `; not in catalog: ${stats.unknownIds.join(' ')}` : '') +
      (collection.rejected.length ? `; ${collection.rejected.length} rule documents rejected (not counted)` : '') +
      (errors.length < collection.diagnostics.length ? `; ${collection.diagnostics.length - errors.length} warnings (see sigstream lint)` : '') +
      '\n',
  );
  return rules.length === 0 && collection.rejected.length > 0 ? 1 : 0;
}

async function fromHits(argv: string[], io: CliIo, view: 'layer' | 'summary'): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, view === 'layer' ? { name: { type: 'string' }, 'attack-version': { type: 'string' } } : { json: { type: 'boolean' } });
  const version = attackVersion(values['attack-version'] as string | undefined);
  if (version === undefined) return badVersion(io, values['attack-version'] as string);
  const skipped = { count: 0 };
  const stats = await collectHitStats(hitsOf(inputs(positionals, io), io, skipped));
  if (view === 'layer') {
    writeJson(io, layerFromHitStats(stats, values.name as string | undefined, version));
  } else if (values.json) {
    writeJson(io, summaryFromHitStats(stats));
  } else {
    const out = io.stdout as NodeJS.WriteStream;
    const tty = out.isTTY === true;
    // no-color.org: a non-empty NO_COLOR turns styles off.
    const color = tty && !process.env.NO_COLOR;
    io.stdout.write(formatAttackSummary(summaryFromHitStats(stats), { color, ...(tty && out.columns ? { width: out.columns } : {}) }));
  }
  if (skipped.count > 0) io.stderr.write(`${skipped.count} input lines skipped\n`);
  return 0;
}

export const attackCommand: CliCommand = commandOfSubcommands('attack', 'ATT&CK coverage layer of a rule pack; layer and summary of hits', usage, {
  coverage,
  layer: (argv, io) => fromHits(argv, io, 'layer'),
  summary: (argv, io) => fromHits(argv, io, 'summary'),
});
