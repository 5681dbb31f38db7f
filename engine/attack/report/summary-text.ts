/** The ATT&CK summary as a table for a person: tactics in matrix order, their techniques below. */
import type { AttackSummary, SummaryCounts, SummaryTechnique } from './summary.js';

export interface SummaryTextOptions {
  /** ANSI bold/dim (for a terminal). */
  color: boolean;
  /** Terminal width: long names are cut to fit. Absent: never cut (pipes, files). */
  width?: number;
}

const bold = (s: string) => `\u001b[1m${s}\u001b[22m`;
const dim = (s: string) => `\u001b[2m${s}\u001b[22m`;

const STATUS_NOTE = { revoked: 'remapped from', deprecated: 'deprecated', unknown: 'not in catalog' } as const;

/** `2024-05-01T10:00:00.000Z` → `2024-05-01 10:00:00` (a table cell, not a timestamp to parse). */
function shortTime(iso: string | undefined): string {
  return iso ? iso.replace('T', ' ').replace(/(\.\d+)?Z$/, '') : '-';
}

function techniqueLabel(t: SummaryTechnique): string {
  const notes = [...(t.status ? [`${STATUS_NOTE[t.status]}${t.originalId ? ` ${t.originalId}` : ''}`] : []), ...(t.successor ? [`v19 ${t.successor}`] : [])];
  return `  ${t.id} ${t.name}${notes.length > 0 ? ` [${notes.join('; ')}]` : ''}`;
}

function numbers(c: SummaryCounts): string {
  return `${String(c.hits).padStart(7)} ${String(c.hosts).padStart(6)}  ${shortTime(c.first).padEnd(19)}  ${shortTime(c.last)}`;
}

const SAMPLE_TIME = '2000-01-01T00:00:00Z';
/** Width of the numeric columns after a label (with both times present). */
const NUMBERS_WIDTH = numbers({ hits: 0, hosts: 0, first: SAMPLE_TIME, last: SAMPLE_TIME }).length;

export function formatAttackSummary(summary: AttackSummary, options: SummaryTextOptions): string {
  const labels = summary.tactics.flatMap((t) => [`${t.name} (${t.id})`, ...t.techniques.map(techniqueLabel)]);
  const natural = Math.max(30, ...labels.map((l) => l.length));
  // On a terminal, cut names rather than wrap rows; elsewhere keep every character.
  const labelWidth = options.width ? Math.max(24, Math.min(natural, options.width - NUMBERS_WIDTH - 1)) : natural;
  const fit = (label: string) => (label.length > labelWidth ? `${label.slice(0, labelWidth - 1)}…` : label.padEnd(labelWidth));
  const lines = [`${'TACTIC / TECHNIQUE'.padEnd(labelWidth)}    HITS  HOSTS  FIRST SEEN           LAST SEEN`];
  for (const tactic of summary.tactics) {
    const label = fit(`${tactic.name} (${tactic.id})`);
    lines.push(`${options.color ? bold(label) : label} ${numbers(tactic)}`);
    for (const technique of tactic.techniques) {
      const text = fit(techniqueLabel(technique));
      lines.push(`${options.color ? dim(text) : text} ${numbers(technique)}`);
    }
  }
  lines.push(
    '',
    `${summary.hits} hits, ${summary.hitsWithAttack} with ATT&CK; ${summary.techniques} techniques under ${summary.tactics.length} tactics.`,
  );
  return lines.join('\n') + '\n';
}
