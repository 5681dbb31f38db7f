/**
 * `sigstream explain --rule R <event | input...>`: why a rule did or did not fire. For a detection
 * rule, every selection, field, modifier and value on each event; for a correlation or sequence, the
 * base hits it saw per group and the windows that completed it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseCommandArgs } from './args.js';
import type { CliCommand, CliIo } from './command.js';
import { inputOptions, openEventStream } from './input-options.js';
import { printDiagnostics } from './report.js';
import { formatDiagnostic, type NormalizedEvent, PROVENANCE_KEY, explainRule, type RuleExplanation, explanationText, engineFromCollection, loadRules, type SigmaRule } from '../index.js';
import { bundledRulesDir, correlationText, explainCorrelations, type CorrelationTarget } from '../testing/index.js';

/** How many events `explain` walks through when no --limit is given. */
const DEFAULT_LIMIT = 5;

const usage = `usage: sigstream explain --rule R [options] <event-json | input...>

Explains one rule on events: for a detection rule, which selections, fields, modifiers and values
matched or failed on each event and why the condition came out as it did; for a correlation or
sequence, which base hits it saw per group and which windows completed it.

R is a rule file, or the id, name or title of a rule among --rules. The events are one JSON object
given inline ('{"EventID":1,...}'), or inputs in any format 'sigstream run' reads ('-' for stdin).

options:
  --rule R        the rule to explain (required)
  --rules PATH    rules to look R up in and to resolve correlation references (repeatable;
                  default: the bundled pack)
  --event N       explain only the N-th event of the input (1-based)
  --limit N       explain at most N events (default ${DEFAULT_LIMIT}; events the rule's log source covers first)
  --json          one JSON document instead of text
  -f, --format NAME, -m, --map FILE   as for run
`;

interface Target {
  detections: SigmaRule[];
  correlations: CorrelationTarget[];
}

const same = (a: string, b: string) => path.resolve(a) === path.resolve(b);

function findTarget(ref: string, rules: SigmaRule[], correlations: CorrelationTarget[]): Target {
  if (existsSync(ref)) return { detections: rules.filter((r) => same(r.file, ref)), correlations: correlations.filter((c) => same(c.file, ref)) };
  const is = (r: { id?: string; name?: string; title: string }) => [r.id, r.name, r.title].some((v) => v?.toLowerCase() === ref.toLowerCase());
  return { detections: rules.filter(is), correlations: correlations.filter(is) };
}

async function readEvents(positionals: string[], flags: { format?: string; map?: string }, io: CliIo): Promise<NormalizedEvent[]> {
  if (positionals.length === 1 && positionals[0].trimStart().startsWith('{')) {
    const event = JSON.parse(positionals[0]) as NormalizedEvent;
    event[PROVENANCE_KEY] = { input: 'argument', record: 1 };
    return [event];
  }
  const events: NormalizedEvent[] = [];
  for await (const item of openEventStream(positionals, { ...flags, 'no-progress': true }, io)) {
    if (item.kind === 'event') events.push(item.event);
    else io.stderr.write(`sigstream explain: ${formatDiagnostic(item.diagnostic)}\n`);
  }
  return events;
}

/** Which events to explain a detection rule on: `--event N`, else those its log source covers first. */
function pickEvents(rule: SigmaRule, events: NormalizedEvent[], eventNo: number | undefined, limit: number): Array<{ n: number; ex: RuleExplanation }> {
  if (eventNo !== undefined) return events[eventNo - 1] ? [{ n: eventNo, ex: explainRule(rule, events[eventNo - 1]) }] : [];
  const all = events.map((e, i) => ({ n: i + 1, ex: explainRule(rule, e) }));
  const covered = all.filter((x) => x.ex.logsource.applies);
  return (covered.length > 0 ? covered : all).slice(0, limit);
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    rule: { type: 'string' },
    rules: { type: 'string', multiple: true },
    event: { type: 'string' },
    limit: { type: 'string', default: String(DEFAULT_LIMIT) },
    json: { type: 'boolean', default: false },
    format: inputOptions.format,
    map: inputOptions.map,
  });
  const eventNo = values.event === undefined ? undefined : Number(values.event);
  const limit = Number(values.limit);
  if (!values.rule || (eventNo !== undefined && !(eventNo >= 1)) || !(limit >= 1)) {
    io.stderr.write(usage);
    return 2;
  }
  const rulePaths = [...(values.rules ?? [bundledRulesDir()]), ...(existsSync(values.rule) ? [values.rule] : [])];
  const collection = await loadRules([...new Set(rulePaths.map((p) => path.resolve(p)))].map((p) => path.relative(process.cwd(), p) || '.'));
  const engine = engineFromCollection(collection);
  printDiagnostics(io.stderr, engine.diagnostics, { warnings: false });
  const target = findTarget(values.rule, collection.rules, [...engine.correlations.correlations, ...engine.correlations.sequences]);
  if (target.detections.length === 0 && target.correlations.length === 0) {
    io.stderr.write(`sigstream explain: no rule '${values.rule}' (give a rule file, or an id, name or title found under --rules)\n`);
    return 2;
  }
  let events: NormalizedEvent[];
  try {
    events = await readEvents(positionals, { format: values.format, map: values.map }, io);
  } catch (err) {
    io.stderr.write(`sigstream explain: the event argument is not JSON: ${(err as Error).message}\n`);
    return 2;
  }
  const detections = target.detections.map((rule) => ({ rule, events: pickEvents(rule, events, eventNo, limit) }));
  const groups = target.correlations.length > 0 ? explainCorrelations(engine, target.correlations, events) : [];
  if (values.json) {
    io.stdout.write(JSON.stringify({ events: events.length, detections: detections.map((d) => ({ rule: d.rule.title, explained: d.events.map((e) => ({ event: e.n, ...e.ex })) })), correlations: groups }, null, 2) + '\n');
  } else {
    for (const d of detections) {
      if (d.events.length === 0) io.stdout.write(`rule: ${d.rule.title}: no event to explain (${events.length} events read)\n`);
      for (const { n, ex } of d.events) io.stdout.write(`--- event ${n} of ${events.length}\n${explanationText(ex)}\n`);
    }
    for (const g of groups) io.stdout.write(correlationText(g) + '\n');
  }
  return 0;
}

export const explainCommand: CliCommand = { summary: 'explain why a rule did or did not fire on events', usage, run };
