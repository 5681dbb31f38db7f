/**
 * Hits as a CSV timeline (RFC 4180): a header row, then one row per hit, CRLF line ends, fields
 * quoted when they hold a comma, a quote, CR or LF (quotes doubled). Written by hand: quoting is
 * ten lines, and the stream is written a row at a time without a library's buffering.
 */
import type { Hit } from '../hit.js';
import { put } from './put.js';
import { TIMELINE_COLUMNS, timelineRow, type RuleFieldsLookup, type TimelineColumn } from './timeline.js';
import type { HitWriter, WriterDefinition } from './writer.js';

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export class CsvWriter implements HitWriter {
  private headerWritten = false;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly columns: readonly TimelineColumn[],
    private readonly ruleFields?: RuleFieldsLookup,
  ) {}

  private line(values: readonly string[]): string {
    return values.map(csvField).join(',') + '\r\n';
  }

  async write(hit: Hit): Promise<void> {
    const row = timelineRow(hit, this.ruleFields);
    const header = this.headerWritten ? '' : this.line(this.columns);
    this.headerWritten = true;
    await put(this.out, header + this.line(this.columns.map((c) => row[c])));
  }

  /** A timeline with no hits still has its header, so a spreadsheet opens it with its columns. */
  async end(): Promise<void> {
    if (!this.headerWritten) await put(this.out, this.line(this.columns));
    this.headerWritten = true;
  }
}

export const csvWriter: WriterDefinition = {
  name: 'csv',
  description: 'a CSV timeline (RFC 4180): Timestamp, Computer, ..., Details per EventID or the rule\'s fields:',
  columns: true,
  create: ({ out, columns, ruleFields }) => new CsvWriter(out, columns ?? TIMELINE_COLUMNS, ruleFields),
};
