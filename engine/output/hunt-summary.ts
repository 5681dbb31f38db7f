/**
 * The summary of a run for a person (stderr) and for machines (`run --summary-json FILE`): hits by
 * level, the top rules with their first and last time, the hosts with the most hits, tactics and
 * techniques, events by EventID and by input. It reads hits and events as they pass and keeps only
 * counters, so it costs nothing per event beyond two map updates.
 */
import { PROVENANCE_KEY, type NormalizedEvent, type Provenance } from '../event.js';
import type { Hit } from '../hit.js';
import { LEVELS } from '../sigma/levels.js';

export type SummaryCounts = Record<string, number | Partial<Record<string, number>>>;

interface RuleTally {
  title: string;
  id?: string;
  level: string;
  count: number;
  first?: string;
  last?: string;
}

export interface HuntSummaryJson {
  hits: number;
  hitsByLevel: Record<string, number>;
  rules: RuleTally[];
  hosts: Array<{ computer: string; hits: number }>;
  tactics: Array<{ id: string; name: string; hits: number }>;
  techniques: Array<{ id: string; name: string; hits: number }>;
  eventsByEventId: Record<string, number>;
  eventsByInput: Record<string, number>;
  /** Extra counts the caller adds (left out by filters, duplicates, suppressed). */
  counts: SummaryCounts;
}

const bump = (map: Map<string, number>, key: string, by = 1) => map.set(key, (map.get(key) ?? 0) + by);
const top = <T>(entries: Iterable<[string, T]>, value: (t: T) => number, n: number) => [...entries].sort((a, b) => value(b[1]) - value(a[1]) || (a[0] < b[0] ? -1 : 1)).slice(0, n);

export class HuntSummary {
  private hitCount = 0;
  private readonly byLevel = new Map<string, number>();
  private readonly rules = new Map<string, RuleTally>();
  private readonly hosts = new Map<string, number>();
  private readonly tactics = new Map<string, { name: string; hits: number }>();
  private readonly techniques = new Map<string, { name: string; hits: number }>();
  private readonly eventIds = new Map<string, number>();
  private readonly inputs = new Map<string, number>();
  readonly counts: SummaryCounts = {};

  addEvent(event: NormalizedEvent): void {
    bump(this.eventIds, event.EventID === undefined ? '(none)' : String(event.EventID));
    const source = event[PROVENANCE_KEY] as Provenance | undefined;
    bump(this.inputs, source?.input ?? '-');
  }

  addHit(hit: Hit): void {
    const stands = 1 + (hit.kind === 'detection' ? hit.suppressed ?? 0 : 0);
    this.hitCount += stands;
    const level = hit.rule.level ?? 'none';
    bump(this.byLevel, level, stands);
    const key = hit.rule.id ?? `${hit.rule.path}#${hit.rule.title}`;
    let rule = this.rules.get(key);
    if (!rule) this.rules.set(key, (rule = { title: hit.rule.title, id: hit.rule.id, level, count: 0 }));
    rule.count += stands;
    if (hit.time !== undefined) {
      if (rule.first === undefined || hit.time < rule.first) rule.first = hit.time;
      if (rule.last === undefined || hit.time > rule.last) rule.last = hit.time;
    }
    if (hit.computer !== undefined) bump(this.hosts, hit.computer, stands);
    for (const t of hit.attack.tactics) this.tactics.set(t.id, { name: t.name, hits: (this.tactics.get(t.id)?.hits ?? 0) + stands });
    for (const t of hit.attack.techniques) this.techniques.set(t.id, { name: t.name, hits: (this.techniques.get(t.id)?.hits ?? 0) + stands });
  }

  toJSON(limit = 20): HuntSummaryJson {
    return {
      hits: this.hitCount,
      hitsByLevel: Object.fromEntries([...LEVELS, 'none'].filter((l) => this.byLevel.has(l)).reverse().map((l) => [l, this.byLevel.get(l)!])),
      rules: top(this.rules, (r) => r.count, limit).map(([, r]) => r),
      hosts: top(this.hosts, (n) => n, limit).map(([computer, hits]) => ({ computer, hits })),
      tactics: top(this.tactics, (t) => t.hits, limit).map(([id, t]) => ({ id, ...t })),
      techniques: top(this.techniques, (t) => t.hits, limit).map(([id, t]) => ({ id, ...t })),
      eventsByEventId: Object.fromEntries(top(this.eventIds, (n) => n, limit)),
      eventsByInput: Object.fromEntries(top(this.inputs, (n) => n, limit)),
      counts: { ...this.counts },
    };
  }
}

export interface SummaryTextOptions {
  /** Rows per section. */
  limit?: number;
  /** Cut lines to this width (a terminal's columns). */
  width?: number;
}

/** The summary as a few short sections for stderr; every line starts with `sigstream: ` like the one-line summary. */
export function huntSummaryText(summary: HuntSummaryJson, options: SummaryTextOptions = {}): string {
  const limit = options.limit ?? 10;
  const lines: string[] = [];
  const section = (title: string, rows: string[]) => {
    if (rows.length > 0) lines.push(`${title}:`, ...rows.slice(0, limit).map((r) => `  ${r}`));
  };
  section('hits by level', Object.entries(summary.hitsByLevel).map(([level, n]) => `${String(n).padStart(7)}  ${level}`));
  section('top rules', summary.rules.map((r) => `${String(r.count).padStart(7)}  ${r.level.padEnd(13)} ${r.title}${r.first ? `  (${r.first} … ${r.last})` : ''}`));
  section('hosts with the most hits', summary.hosts.map((h) => `${String(h.hits).padStart(7)}  ${h.computer}`));
  section('tactics', summary.tactics.map((t) => `${String(t.hits).padStart(7)}  ${t.id} ${t.name}`));
  section('techniques', summary.techniques.map((t) => `${String(t.hits).padStart(7)}  ${t.id} ${t.name}`));
  section('events by EventID', Object.entries(summary.eventsByEventId).map(([id, n]) => `${String(n).padStart(7)}  ${id}`));
  section('events by input', Object.entries(summary.eventsByInput).map(([input, n]) => `${String(n).padStart(7)}  ${input}`));
  const width = options.width;
  const cut = (line: string) => (width !== undefined && [...line].length > width ? [...line].slice(0, width - 1).join('') + '…' : line);
  return lines.map((l) => cut(`sigstream: ${l}`)).join('\n') + (lines.length > 0 ? '\n' : '');
}
