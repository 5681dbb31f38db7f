/** `sigstream sysmon-config check|simulate|diff|blindspots ...`: a thin shell over engine/sysmon-config. */
import { parseCommandArgs, UsageError } from './args.js';
import { commandOfSubcommands, type CliCommand, type CliIo, type Subcommand } from './command.js';
import { printDiagnostics, ruleCounts } from './report.js';
import { eventsFromInputs, type InputStats } from './sysmon-config-inputs.js';
import { blindSpotText, coverageText, diffText } from './sysmon-config-text.js';
import { formatDiagnostic, createEngine, BlindSpotTally, DiffTally, SimulationTally, compareConfigs, configCoverage, dumpSysmonConfig, keptEvent, loadSysmonConfigFile, simulateEvents, verdictRecord, type CompiledConfig } from '../index.js';

const USAGE = `usage: sigstream sysmon-config <subcommand> ...

Evaluate a Sysmon XML configuration offline, as Sysmon's own rule engine would.

  check --config X.xml [--dump] [--summary]
      Load a config and report located errors (what Sysmon would refuse) and warnings.
      --dump prints the loaded rules in Sysmon's own dump format; --summary what the config
      logs per event type.
  simulate --config X.xml [--output verdicts|kept] [inputs...]
      Per event: logged or dropped, the RuleName Sysmon writes and its ATT&CK technique.
      --output verdicts (default): one NDJSON verdict per event.
      --output kept: only the events Sysmon would log, with RuleName set (feeds sigstream run).
  diff A.xml B.xml [--format text|json|ndjson] [inputs...]
      Events one config logs and the other drops, by event type and by rule.
      text/json: the summary; ndjson: one line per differing event.
  blindspots --config X.xml --rules <file|dir> [--rules ...] [--format text|json|ndjson] [inputs...]
      The Sigma rules that match an input event which the config would drop: detections the
      config makes impossible. ndjson: one line per blinded rule.

Inputs are NDJSON files of normalized events ('-' or none: stdin). Exit status: 0 done,
2 a usage error or a config Sysmon would refuse to load.
`;


/** Load a config for evaluation; its diagnostics go to stderr. */
async function loadConfig(file: string, io: CliIo): Promise<CompiledConfig | undefined> {
  const loaded = await loadSysmonConfigFile(file);
  for (const d of loaded.diagnostics) io.stderr.write(formatDiagnostic(d) + '\n');
  if (!loaded.compiled) io.stderr.write(`sysmon-config: ${file}: Sysmon would refuse this config; not evaluated\n`);
  return loaded.compiled;
}

function writeLine(io: CliIo, value: unknown): void {
  io.stdout.write(JSON.stringify(value) + '\n');
}

const check: Subcommand = async (argv, io) => {
  const { values, positionals } = parseCommandArgs(argv, { config: { type: 'string' }, dump: { type: 'boolean' }, summary: { type: 'boolean' } });
  const file = values.config ?? positionals[0];
  if (!file) throw new UsageError('check needs --config X.xml');
  const loaded = await loadSysmonConfigFile(file);
  for (const d of loaded.diagnostics) io.stderr.write(formatDiagnostic(d) + '\n');
  if (values.dump && loaded.config) io.stdout.write(dumpSysmonConfig(loaded.config) + '\n');
  if (values.summary && loaded.compiled) io.stdout.write(coverageText(configCoverage(loaded.compiled)));
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error').length;
  io.stderr.write(`${file}: ${loaded.config?.blocks.length ?? 0} filter blocks, ${errors} errors, ${loaded.diagnostics.length - errors} warnings\n`);
  return errors > 0 ? 2 : 0;
};

const simulate: Subcommand = async (argv, io) => {
  const { values, positionals } = parseCommandArgs(argv, { config: { type: 'string' }, output: { type: 'string', default: 'verdicts' } });
  if (!values.config) throw new UsageError('simulate needs --config X.xml');
  if (values.output !== 'verdicts' && values.output !== 'kept') throw new UsageError(`--output must be verdicts or kept, not '${values.output}'`);
  const compiled = await loadConfig(values.config, io);
  if (!compiled) return 2;
  const stats: InputStats = { skipped: 0 };
  const tally = new SimulationTally();
  for await (const { event, verdict } of simulateEvents(compiled, eventsFromInputs(positionals, io, stats))) {
    tally.add(verdict);
    if (values.output === 'kept') {
      if (verdict.decision === 'include') writeLine(io, keptEvent(event, verdict));
    } else {
      writeLine(io, verdictRecord(event, verdict));
    }
  }
  const c = tally.counts;
  io.stderr.write(`sysmon-config simulate: ${c.events} events, ${c.logged} logged (${c.passedThrough} not filterable), ${c.dropped} dropped, ${stats.skipped} input lines skipped\n`);
  return 0;
};

const diff: Subcommand = async (argv, io) => {
  const { values, positionals } = parseCommandArgs(argv, { format: { type: 'string', default: 'text' } });
  const [fileA, fileB, ...inputs] = positionals;
  if (!fileA || !fileB) throw new UsageError('diff needs two configs: diff A.xml B.xml [inputs...]');
  if (!['text', 'json', 'ndjson'].includes(values.format)) throw new UsageError(`--format must be text, json or ndjson, not '${values.format}'`);
  const [a, b] = [await loadConfig(fileA, io), await loadConfig(fileB, io)];
  if (!a || !b) return 2;
  const stats: InputStats = { skipped: 0 };
  const tally = new DiffTally();
  for await (const event of eventsFromInputs(inputs, io, stats)) {
    const difference = compareConfigs(a, b, event);
    tally.add(difference);
    if (difference && values.format === 'ndjson') {
      const { source, ...verdictA } = verdictRecord(event, difference.a);
      const { source: _same, ...verdictB } = verdictRecord(event, difference.b);
      writeLine(io, { loggedBy: difference.keptBy === 'a' ? 'A' : 'B', source, a: verdictA, b: verdictB });
    }
  }
  if (values.format === 'text') io.stdout.write(diffText(fileA, fileB, tally.summary));
  if (values.format === 'json') writeLine(io, { a: fileA, b: fileB, ...tally.summary });
  if (stats.skipped > 0) io.stderr.write(`sysmon-config diff: ${stats.skipped} input lines skipped\n`);
  return 0;
};

const blindspots: Subcommand = async (argv, io) => {
  const { values, positionals } = parseCommandArgs(argv, { config: { type: 'string' }, rules: { type: 'string', short: 'r', multiple: true }, format: { type: 'string', default: 'text' }, warnings: { type: 'boolean', default: false } });
  if (!values.config) throw new UsageError('blindspots needs --config X.xml');
  if (!values.rules || values.rules.length === 0) throw new UsageError('blindspots needs --rules <file|dir>');
  if (!['text', 'json', 'ndjson'].includes(values.format)) throw new UsageError(`--format must be text, json or ndjson, not '${values.format}'`);
  const compiled = await loadConfig(values.config, io);
  if (!compiled) return 2;
  const engine = await createEngine(values.rules);
  printDiagnostics(io.stderr, engine.diagnostics, { warnings: values.warnings ?? false });
  const stats: InputStats = { skipped: 0 };
  const tally = new BlindSpotTally(compiled, engine.compiled.compiled);
  for await (const event of eventsFromInputs(positionals, io, stats)) tally.add(event);
  const report = tally.report();
  if (values.format === 'text') io.stdout.write(blindSpotText(values.config, report));
  if (values.format === 'json') writeLine(io, { config: values.config, ...report });
  if (values.format === 'ndjson') for (const spot of report.blinded) writeLine(io, spot);
  const rules = ruleCounts(engine);
  io.stderr.write(`sysmon-config blindspots: rules loaded ${rules.loaded} (rejected ${rules.rejected}, not routed ${rules.unrouted}); ${stats.skipped} input lines skipped\n`);
  return 0;
};

export const sysmonConfigCommand: CliCommand = commandOfSubcommands('sysmon-config', 'evaluate a Sysmon XML config: check, simulate, diff, blindspots', USAGE, { check, simulate, diff, blindspots });
