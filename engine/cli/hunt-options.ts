/** The flags of `run` that shape the hunt: time order, duplicates, suppression, and the summary. */
import { writeFileSync } from 'node:fs';
import type { CliIo } from './command.js';
import { UsageError } from './args.js';
import { createDuplicateFilter, HuntSummary, huntSummaryText, mergeByTime, parseDuration, Suppressor, TIME_ORDER_DEFAULTS, type DuplicateFilter, type Hit, type HitWriter, type ReadItem, type SummaryCounts } from '../index.js';

export const huntOptions = {
  'no-sort': { type: 'boolean', default: false },
  'reorder-window': { type: 'string' },
  'keep-duplicates': { type: 'boolean', default: false },
  suppress: { type: 'string', multiple: true },
  'suppress-window': { type: 'string' },
  summary: { type: 'boolean', default: false },
  'summary-json': { type: 'string' },
} as const;

export const huntOptionsUsage = `time order, duplicates, suppression, summary:
      --no-sort           read inputs one after another (default: several inputs are merged in event time)
      --reorder-window DUR  events this far out of order inside one input are put right (default ${TIME_ORDER_DEFAULTS.windowMs / 1000}s)
      --keep-duplicates   keep records read twice (default: same Computer, Channel, EventRecordID dropped, counted)
      --suppress FIELDS   one hit per rule and values of FIELDS (e.g. Computer,User) per --suppress-window;
                          the hit counts the others ("suppressed")
      --suppress-window DUR  (default 1h)
      --summary           the summary for a person on stderr even when it is not a terminal (-q: never)
      --summary-json FILE the summary as JSON (hits by level, top rules, hosts, ATT&CK, events by EventID and input)`;

interface HuntFlags {
  'no-sort'?: boolean;
  'reorder-window'?: string;
  'keep-duplicates'?: boolean;
  suppress?: string[];
  'suppress-window'?: string;
  summary?: boolean;
  'summary-json'?: string;
  quiet?: boolean;
}

function duration(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const ms = parseDuration(text);
  if (ms === undefined) throw new UsageError(`--${flag}: '${text}' is not a duration`, 'e.g. 500ms, 30s, 10m, 1h');
  return ms;
}

export interface Hunt {
  /** The writer wrapped: hits pass the suppressor and are counted in the summary on their way to it. */
  around(writer: HitWriter): HitWriter;
  merge?: (inputs: Array<AsyncIterable<ReadItem>>) => AsyncIterable<ReadItem>;
  duplicates?: DuplicateFilter;
  suppressor?: Suppressor;
  summary: HuntSummary;
  /** Write the summaries (person, JSON file) once the run is over; the one-line summary comes after. */
  report(io: CliIo, counts: SummaryCounts): void;
}

export function huntFromFlags(flags: HuntFlags): Hunt {
  const windowMs = duration('reorder-window', flags['reorder-window'], TIME_ORDER_DEFAULTS.windowMs);
  const fields = flags.suppress?.flatMap((f) => f.split(',')).map((f) => f.trim()).filter(Boolean);
  if (flags['suppress-window'] !== undefined && !fields) throw new UsageError('--suppress-window needs --suppress FIELDS');
  const summary = new HuntSummary();
  const suppressor = fields && fields.length > 0 ? new Suppressor({ fields, windowMs: duration('suppress-window', flags['suppress-window'], 3_600_000) }) : undefined;
  return {
    around(writer) {
      const pass = async (hits: Hit[]) => {
        for (const hit of hits) {
          summary.addHit(hit);
          await writer.write(hit);
        }
      };
      return {
        // Without suppression the inner write's own result is returned: a writer that needs no wait
        // returns nothing, and the run loop then checks its output at once (see run-guard.ts).
        write(hit) {
          if (suppressor) return pass(suppressor.push(hit));
          summary.addHit(hit);
          return writer.write(hit);
        },
        // A checkpoint flushes the writer before it saves (hits held by the suppressor are not yet written).
        flush: () => writer.flush?.(),
        async end() {
          if (suppressor) await pass(suppressor.flush());
          await writer.end();
        },
      };
    },
    merge: flags['no-sort'] ? undefined : (inputs) => mergeByTime(inputs, { windowMs }),
    duplicates: flags['keep-duplicates'] ? undefined : createDuplicateFilter(),
    suppressor,
    summary,
    report(io, counts) {
      Object.assign(summary.counts, counts);
      const json = summary.toJSON();
      if (flags['summary-json'] !== undefined) writeFileSync(flags['summary-json'], JSON.stringify(json, null, 2) + '\n');
      const stderr = io.stderr as NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
      if (flags.quiet || !(flags.summary || stderr.isTTY)) return;
      io.stderr.write(huntSummaryText(json, { width: stderr.isTTY ? stderr.columns : undefined }));
    },
  };
}
