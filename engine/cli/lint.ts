/** `sigstream lint`: load and compile rules, print located diagnostics and a per-rule summary. */
import { parseArgs } from 'node:util';
import { formatDiagnostic, formatLocation } from '../diagnostics.js';
import { lintAttackTags } from '../attack/lint.js';
import type { Diagnostic } from '../diagnostics.js';
import { createEngine, type Engine } from '../pipeline/engine.js';
import { loadPlaceholders } from '../sigma/placeholders.js';
import type { CliCommand, CliIo } from './command.js';
import { ruleCounts } from './report.js';

/** Revoked, deprecated and unknown ATT&CK ids per rule (located only where there is something to say). */
function attackWarnings(engine: Engine): Diagnostic[] {
  const rules = [...engine.compiled.compiled.map((c) => c.rule), ...engine.compiled.unrouted.map((u) => u.rule)];
  return rules.flatMap((rule) => (lintAttackTags(rule.tags).length === 0 ? [] : lintAttackTags(rule.tags, rule.locate(['tags']))));
}

const usage = `usage: sigstream lint [--json] [--placeholders FILE] <file|dir> ...

Loads every rule, prints each error and warning with file:line:col, then a summary of rules
loaded and rejected (with the reason). Exit 0 only when every rule loads.
`;

async function lint(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, placeholders: { type: 'string' } },
  });
  if (positionals.length === 0) {
    io.stderr.write(usage);
    return 2;
  }
  const placeholders = values.placeholders ? loadPlaceholders(values.placeholders) : { values: {}, diagnostics: [] };
  const engine = await createEngine(positionals, { placeholders: placeholders.values });
  const rejected = [
    ...engine.collection.rejected,
    ...engine.compiled.rejected.map(({ diagnostic: d }) => ({ file: d.where.file, line: d.where.line, col: d.where.col, reason: d.message })),
  ];
  const counts = ruleCounts(engine);
  const diagnostics = [...placeholders.diagnostics, ...engine.diagnostics, ...attackWarnings(engine)];
  if (values.json) {
    const report = {
      files: engine.collection.files,
      loaded: counts.loaded,
      rejected,
      unrouted: engine.compiled.unrouted.map(({ rule, reason }) => ({ file: rule.file, id: rule.id, title: rule.title, reason })),
      diagnostics: diagnostics.map((d) => ({ ...d.where, severity: d.severity, code: d.code, message: d.message })),
    };
    io.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } else {
    for (const d of diagnostics) io.stdout.write(formatDiagnostic(d) + '\n');
    for (const r of rejected) io.stdout.write(`rejected: ${formatLocation(r)}: ${r.reason}\n`);
    io.stdout.write(
      `${engine.collection.files} files: ${counts.loaded} rules loaded (${counts.unrouted} not routed to a Sysmon source), ${rejected.length} rejected\n`,
    );
  }
  return rejected.length === 0 && placeholders.diagnostics.length === 0 ? 0 : 1;
}

export const lintCommand: CliCommand = { summary: 'check rules: located errors and warnings, loaded/rejected summary', usage, run: lint };
