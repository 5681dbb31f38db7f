/** `sigstream lint`: load and compile rules, print located diagnostics and a per-rule summary. */
import { parseCommandArgs } from './args.js';
import type { CliCommand, CliIo } from './command.js';
import { ruleCounts } from './report.js';
import { formatDiagnostic, formatLocation, lintAttackTags, localityNotes, type Diagnostic, type LocalityNote, createEngine, type Engine, loadPlaceholders } from '../index.js';

/** Revoked, deprecated and unknown ATT&CK ids per rule (located only where there is something to say). */
function attackWarnings(engine: Engine): Diagnostic[] {
  const rules = [...engine.compiled.compiled.map((c) => c.rule), ...engine.compiled.unrouted.map((u) => u.rule)];
  return rules.flatMap((rule) => (lintAttackTags(rule.tags).length === 0 ? [] : lintAttackTags(rule.tags, rule.locate(['tags']))));
}

function noteText(note: LocalityNote): string {
  return note.locality === 'rekeyed'
    ? `${note.reason}: partitioned NATS workers evaluate it in the re-keying stage`
    : `${note.reason}: partitioned NATS workers evaluate it per worker, over their own hosts only`;
}

const usage = `usage: sigstream lint [--json] [--list] [--placeholders FILE] <file|dir> ...

Loads every rule, prints each error and warning with file:line:col, then a summary of rules
loaded and rejected (with the reason). Exit 0 only when every rule loads. Correlations whose
group-by is not host-local get a note: partitioned NATS workers evaluate them in the re-keying
stage (docs/deployment.md); the note is not an error.

options:
      --json              one JSON document: {files, loaded, rejected:[{file,line,col,reason}], unrouted, diagnostics, notes}
      --list              one line per rule: loaded / not routed (why) / rejected (why)
      --placeholders FILE values for 'expand' placeholders (YAML map: name -> list)
`;

async function lint(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean', default: false }, list: { type: 'boolean', default: false }, placeholders: { type: 'string' } });
  if (positionals.length === 0) {
    io.stderr.write(usage);
    return 2;
  }
  const placeholders = values.placeholders ? loadPlaceholders(values.placeholders) : { values: {}, diagnostics: [] };
  const engine = await createEngine(positionals, { placeholders: placeholders.values });
  const rejected = engine.rejected;
  const counts = ruleCounts(engine);
  const diagnostics = [...placeholders.diagnostics, ...engine.diagnostics, ...attackWarnings(engine)];
  const notes = localityNotes(engine.correlations);
  if (values.json) {
    const report = {
      files: engine.collection.files,
      loaded: counts.loaded,
      rejected,
      unrouted: engine.compiled.unrouted.map(({ rule, reason }) => ({ file: rule.file, id: rule.id, title: rule.title, reason })),
      diagnostics: diagnostics.map((d) => ({ ...d.where, severity: d.severity, code: d.code, message: d.message })),
      notes: notes.map((n) => ({ ...n.where, title: n.title, message: noteText(n) })),
    };
    io.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } else {
    for (const d of diagnostics) io.stdout.write(formatDiagnostic(d) + '\n');
    for (const n of notes) io.stdout.write(`${formatLocation(n.where)}: note: '${n.title}': ${noteText(n)}\n`);
    if (values.list) {
      for (const { rule } of engine.compiled.compiled) io.stdout.write(`loaded: ${rule.file}: ${rule.title}\n`);
      for (const { rule, reason } of engine.compiled.unrouted) io.stdout.write(`not routed: ${rule.file}: ${rule.title}: ${reason}\n`);
    }
    for (const r of rejected) io.stdout.write(`rejected: ${formatLocation(r)}: ${r.reason}\n`);
    io.stdout.write(
      `${engine.collection.files} files: ${counts.loaded} rules loaded (${counts.unrouted} not routed to a Sysmon source), ${rejected.length} rejected\n`,
    );
  }
  return rejected.length === 0 && placeholders.diagnostics.length === 0 ? 0 : 1;
}

export const lintCommand: CliCommand = { summary: 'check rules: located errors and warnings, loaded/rejected summary', usage, run: lint };
