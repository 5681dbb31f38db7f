/** The hit output flags of `run`: which writer, which columns, where (stdout or a file written atomically), colour. */
import type { CliIo } from './command.js';
import { UsageError } from './args.js';
import { createWriter, openAtomicFile, parseColumns, ruleFieldLists, writerNames, writers, type AtomicFile, type Engine, type HitWriter } from '../index.js';

export const outputOptions = {
  output: { type: 'string', default: 'ndjson' },
  'output-file': { type: 'string', short: 'o' },
  fields: { type: 'string', multiple: true },
  'no-color': { type: 'boolean', default: false },
} as const;

export const outputOptionsUsage = `output:
      --output NAME       hit format: ${writerNames().join(', ')} (default ndjson)
${Object.values(writers)
  .map((w) => `                          ${w.name}: ${w.description}`)
  .join('\n')}
  -o, --output-file FILE  write hits to FILE (replaced only when the run ends; stdout otherwise)
      --fields LIST       columns of csv and table, in order (Timestamp, Computer, Channel, EventID,
                          Level, Rule, RuleId, Tactics, Techniques, Details, RecordID, Source)
      --no-color          no colour in the table (also when NO_COLOR is set or stdout is not a terminal)`;

interface OutputFlags {
  output?: string;
  'output-file'?: string;
  fields?: string[];
  'no-color'?: boolean;
}

export interface HitOutput {
  writer: HitWriter;
  /** After the writer ended: with -o, move the file into place (or, when `ok` is false, leave the old one). */
  finish(ok: boolean): Promise<void>;
}

export function openHitOutput(flags: OutputFlags, engine: Engine, io: CliIo): HitOutput {
  const name = flags.output ?? 'ndjson';
  const definition = Object.hasOwn(writers, name) ? writers[name] : undefined;
  if (!definition) throw new UsageError(`--output: no writer '${name}'`, `one of ${writerNames().join(', ')}`);
  const parsed = flags.fields === undefined ? undefined : parseColumns(flags.fields.flatMap((f) => f.split(',')).map((f) => f.trim()).filter(Boolean));
  if (parsed && !definition.columns) throw new UsageError(`--fields applies to the column writers, not to --output ${name}`, 'use --output csv or table');
  if (parsed && parsed.unknown.length > 0) throw new UsageError(`--fields: no column '${parsed.unknown[0]}'`, 'see sigstream run --help for the columns');
  let file: AtomicFile | undefined;
  if (flags['output-file'] !== undefined) {
    try {
      file = openAtomicFile(flags['output-file']);
    } catch (err) {
      throw new UsageError(`-o ${flags['output-file']}: cannot write there (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  }
  const stdout = io.stdout as NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  const terminal = file === undefined && stdout.isTTY === true;
  const envColumns = Number(process.env.COLUMNS);
  const writer = createWriter(name, {
    out: file?.stream ?? io.stdout,
    columns: parsed?.columns,
    // no-color.org: a non-empty NO_COLOR turns colour off.
    color: terminal && !flags['no-color'] && !process.env.NO_COLOR,
    width: terminal && stdout.columns ? stdout.columns : envColumns > 0 ? envColumns : undefined,
    ruleFields: ruleFieldLists(engine.compiled.compiled),
  })!;
  return {
    writer,
    async finish(ok) {
      if (!file) return;
      if (ok) await file.commit();
      else file.abort();
    },
  };
}
