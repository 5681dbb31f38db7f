/**
 * Hits as Timesketch JSONL: one object per line with the three fields Timesketch requires
 * (`message`, `datetime`, `timestamp_desc`), the epoch `timestamp` in microseconds, and the timeline
 * columns as attributes so they can be filtered on there.
 */
import type { Hit } from '../hit.js';
import { put } from './put.js';
import { TIMELINE_COLUMNS, timelineRow, type RuleFieldsLookup } from './timeline.js';
import type { HitWriter, WriterDefinition } from './writer.js';

const attribute = (column: string) => column.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();

export class TimesketchWriter implements HitWriter {
  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly ruleFields?: RuleFieldsLookup,
  ) {}

  async write(hit: Hit): Promise<void> {
    const row = timelineRow(hit, this.ruleFields);
    const ms = Date.parse(row.Timestamp);
    const record: Record<string, unknown> = {
      message: `[${row.Level || 'unknown'}] ${row.Rule}${row.Details ? ` ¦ ${row.Details}` : ''}`,
      datetime: row.Timestamp,
      timestamp: Number.isNaN(ms) ? 0 : ms * 1000,
      timestamp_desc: hit.kind === 'detection' ? 'Event Time' : 'Correlation Time',
      data_type: `sigstream:${hit.kind}`,
    };
    for (const column of TIMELINE_COLUMNS) if (column !== 'Timestamp' && row[column] !== '') record[attribute(column)] = row[column];
    await put(this.out, JSON.stringify(record) + '\n');
  }

  end(): void {}
}

export const timesketchWriter: WriterDefinition = {
  name: 'timesketch',
  description: 'Timesketch JSONL (message, datetime, timestamp_desc, timeline columns)',
  create: ({ out, ruleFields }) => new TimesketchWriter(out, ruleFields),
};
