/** What a read did, per input and in total: events read, records skipped (and why), warnings. */
import type { Diagnostic } from '../diagnostics.js';
import { provenanceOf } from '../event.js';
import type { ReadItem } from './reader.js';

export interface InputStats {
  input: string;
  format: string;
  events: number;
  /** Events among `events` that were cut before their end and kept in part (provenance `truncated`). */
  truncated: number;
  /** Records that could not be read (reported by `skip` items, one item may stand for several). */
  skipped: number;
  /** Records read despite a problem, or notes such as ignored non-event lines. */
  warnings: number;
  /** Skips and warnings by diagnostic code, e.g. `{ "bad-json": 2 }`. */
  byCode: Record<string, number>;
}

export interface ReadStats {
  inputs: InputStats[];
  events: number;
  truncated: number;
  skipped: number;
  warnings: number;
  /** Inputs that could not be read at all (missing, unknown format, bad mapping), as reported. */
  problems: Diagnostic[];
}

export function emptyStats(): ReadStats {
  return { inputs: [], events: 0, truncated: 0, skipped: 0, warnings: 0, problems: [] };
}

export function inputStats(stats: ReadStats, input: string, format: string): InputStats {
  const entry: InputStats = { input, format, events: 0, truncated: 0, skipped: 0, warnings: 0, byCode: {} };
  stats.inputs.push(entry);
  return entry;
}

export function count(stats: ReadStats, entry: InputStats, item: ReadItem): void {
  if (item.kind === 'event') {
    entry.events++;
    stats.events++;
    if (provenanceOf(item.event)?.truncated) {
      entry.truncated++;
      stats.truncated++;
    }
    return;
  }
  entry.byCode[item.diagnostic.code] = (entry.byCode[item.diagnostic.code] ?? 0) + 1;
  if (item.kind === 'skip') {
    entry.skipped += item.records ?? 1;
    stats.skipped += item.records ?? 1;
  } else {
    entry.warnings++;
    stats.warnings++;
  }
}

function truncatedNote(truncated: number): string {
  return truncated > 0 ? ` (${truncated} truncated)` : '';
}

/** One line per input and a total, for stderr. */
export function formatStats(stats: ReadStats): string {
  const lines = stats.inputs.map((s) => {
    const codes = Object.entries(s.byCode).map(([code, n]) => `${code} ${n}`).join(', ');
    return `${s.input} [${s.format}]: ${s.events} events${truncatedNote(s.truncated)}, ${s.skipped} skipped, ${s.warnings} warnings${codes ? ` (${codes})` : ''}`;
  });
  lines.push(`total: ${stats.events} events${truncatedNote(stats.truncated)}, ${stats.skipped} skipped, ${stats.warnings} warnings from ${stats.inputs.length} inputs${stats.problems.length ? `; ${stats.problems.length} inputs not read` : ''}`);
  return lines.join('\n');
}
