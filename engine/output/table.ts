/**
 * Hits as a table for a person at a terminal: one line per hit, every column cut to its width with
 * an ellipsis so a line never wraps, the level coloured (critical and high red, medium yellow, low
 * green). Streaming, so widths are fixed up front: short columns get their natural width and the
 * rest of the line is shared by Rule and Details.
 */
import type { Hit } from '../hit.js';
import { put } from './put.js';
import { timelineRow, type RuleFieldsLookup, type TimelineColumn } from './timeline.js';
import type { HitWriter, WriterDefinition } from './writer.js';

export const TABLE_COLUMNS: readonly TimelineColumn[] = ['Timestamp', 'Computer', 'EventID', 'Level', 'Rule', 'Details'];

/** Natural widths of the columns that do not grow; the others share what is left. */
const FIXED_WIDTH: Partial<Record<TimelineColumn, number>> = { Timestamp: 23, Computer: 18, Channel: 24, EventID: 7, Level: 8, RuleId: 36, Tactics: 20, Techniques: 14, RecordID: 8, Source: 24 };
/** Share of the remaining width for each growing column. */
const GROW_WEIGHT: Partial<Record<TimelineColumn, number>> = { Rule: 2, Details: 3 };
const SEPARATOR = '  ';
const MIN_WIDTH = 4;

const LEVEL_STYLE: Record<string, [string, string]> = {
  critical: ['\u001b[1;31m', '\u001b[0m'],
  high: ['\u001b[31m', '\u001b[39m'],
  medium: ['\u001b[33m', '\u001b[39m'],
  low: ['\u001b[32m', '\u001b[39m'],
  informational: ['\u001b[2m', '\u001b[22m'],
};

/** Cut to `width` characters with a trailing ellipsis, or pad to it; control characters become spaces. */
export function fit(text: string, width: number): string {
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  const chars = [...flat];
  if (chars.length > width) return chars.slice(0, Math.max(width - 1, 0)).join('') + '…';
  return flat + ' '.repeat(width - chars.length);
}

/** Column widths for a line of `total` characters. */
export function columnWidths(columns: readonly TimelineColumn[], total: number): number[] {
  const growing = columns.filter((c) => FIXED_WIDTH[c] === undefined);
  const fixed = columns.reduce((sum, c) => sum + (FIXED_WIDTH[c] ?? 0), 0);
  const free = Math.max(total - fixed - SEPARATOR.length * (columns.length - 1), 0);
  const weights = growing.reduce((sum, c) => sum + (GROW_WEIGHT[c] ?? 1), 0);
  const widths = columns.map((c) => FIXED_WIDTH[c] ?? Math.max(Math.floor((free * (GROW_WEIGHT[c] ?? 1)) / weights), MIN_WIDTH));
  // The last column takes the rounding remainder so the line is exactly `total` wide when it can be.
  const used = widths.reduce((a, b) => a + b, 0) + SEPARATOR.length * (columns.length - 1);
  if (used < total) widths[widths.length - 1] += total - used;
  return widths;
}

export interface TableOptions {
  columns: readonly TimelineColumn[];
  /** Line width in characters (the terminal's columns). */
  width: number;
  color: boolean;
  ruleFields?: RuleFieldsLookup;
}

export class TableWriter implements HitWriter {
  private readonly widths: number[];
  private headerWritten = false;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly options: TableOptions,
  ) {
    this.widths = columnWidths(options.columns, options.width);
  }

  private line(cells: readonly string[], level?: string): string {
    const parts = cells.map((cell, i) => {
      const text = fit(cell, this.widths[i]);
      const style = this.options.color && this.options.columns[i] === 'Level' ? LEVEL_STYLE[level ?? ''] : undefined;
      return style ? style[0] + text + style[1] : text;
    });
    return parts.join(SEPARATOR).trimEnd() + '\n';
  }

  private header(): string {
    if (this.headerWritten) return '';
    this.headerWritten = true;
    const text = this.line(this.options.columns);
    return this.options.color ? `\u001b[1m${text.trimEnd()}\u001b[22m\n` : text;
  }

  async write(hit: Hit): Promise<void> {
    const row = timelineRow(hit, this.options.ruleFields);
    const cells = this.options.columns.map((c) => (c === 'Timestamp' ? row.Timestamp.replace('T', ' ').replace(/Z$/, '') : row[c]));
    await put(this.out, this.header() + this.line(cells, row.Level));
  }

  async end(): Promise<void> {
    const header = this.header();
    if (header) await put(this.out, header);
  }
}

/** The width when the output is not a terminal and no width is given: wide enough for a file, as a line printer would. */
export const DEFAULT_TABLE_WIDTH = 160;

export const tableWriter: WriterDefinition = {
  name: 'table',
  description: 'one line per hit for a terminal: terminal-wide, cut with …, level in colour',
  columns: true,
  create: ({ out, columns, width, color, ruleFields }) => new TableWriter(out, { columns: columns ?? TABLE_COLUMNS, width: width ?? DEFAULT_TABLE_WIDTH, color: color ?? false, ruleFields }),
};
