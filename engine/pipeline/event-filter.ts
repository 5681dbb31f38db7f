/**
 * Event filters (`run --eventid --computer --since --until`): which events reach the rules at all.
 * They run before evaluation, on the fields every normalized event has, and count what they leave out
 * per filter so the summary can say what each one did. Search, stats and tree reuse them.
 */
import { eventTimeMs, type NormalizedEvent } from '../event.js';
import { parseDuration } from '../sigma/correlation/timespan.js';

export interface EventFilterOptions {
  /** Keep events whose EventID is one of these. */
  eventIds?: readonly number[];
  /** Keep events whose Computer is one of these (case-insensitive; `*` globs within the name). */
  computers?: readonly string[];
  /** Keep events at or after this time (epoch ms). Events without a time are left out. */
  sinceMs?: number;
  /** Keep events before this time (epoch ms). Events without a time are left out. */
  untilMs?: number;
}

export type EventFilterName = 'eventid' | 'computer' | 'since' | 'until';

export interface EventFilter {
  /** True when the event passes every filter; a left-out event is counted under the first it failed. */
  keep(event: NormalizedEvent): boolean;
  /** Events left out so far, by filter. */
  readonly leftOut: Partial<Record<EventFilterName, number>>;
  /** False when no filter is set: callers may skip `keep` altogether. */
  readonly active: boolean;
}

function computerMatcher(patterns: readonly string[]): (name: string) => boolean {
  const exact = new Set<string>();
  const globs: RegExp[] = [];
  for (const p of patterns) {
    if (p.includes('*')) globs.push(new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i'));
    else exact.add(p.toLowerCase());
  }
  return (name) => exact.has(name.toLowerCase()) || globs.some((g) => g.test(name));
}

export function createEventFilter(options: EventFilterOptions): EventFilter {
  const checks: Array<[EventFilterName, (event: NormalizedEvent) => boolean]> = [];
  if (options.eventIds && options.eventIds.length > 0) {
    const ids = new Set(options.eventIds);
    checks.push(['eventid', (e) => typeof e.EventID === 'number' && ids.has(e.EventID)]);
  }
  if (options.computers && options.computers.length > 0) {
    const matches = computerMatcher(options.computers);
    checks.push(['computer', (e) => typeof e.Computer === 'string' && matches(e.Computer)]);
  }
  const { sinceMs, untilMs } = options;
  if (sinceMs !== undefined) checks.push(['since', (e) => (eventTimeMs(e) ?? -Infinity) >= sinceMs]);
  if (untilMs !== undefined) checks.push(['until', (e) => (eventTimeMs(e) ?? Infinity) < untilMs]);
  const leftOut: Partial<Record<EventFilterName, number>> = {};
  return {
    leftOut,
    active: checks.length > 0,
    keep(event) {
      for (const [name, passes] of checks) {
        if (!passes(event)) {
          leftOut[name] = (leftOut[name] ?? 0) + 1;
          return false;
        }
      }
      return true;
    },
  };
}

/**
 * A `--since`/`--until` value: an ISO 8601 time (`2024-05-01`, `2024-05-01T10:00:00Z`; a time
 * without a zone is UTC, as Sysmon's UtcTime is) or a duration before `now` (`90m`, `2d`, `1w`).
 * Undefined when it is neither.
 */
export function parseTimeBound(text: string, nowMs: number = Date.now()): number | undefined {
  const ago = /^\d/.test(text) && !/^\d{4}-/.test(text) ? parseDuration(text) : undefined;
  if (ago !== undefined) return nowMs - ago;
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const iso = text.replace(' ', 'T');
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(iso) || !iso.includes('T') ? iso : iso + 'Z';
  const ms = Date.parse(zoned.includes('T') ? zoned : zoned + 'T00:00:00Z');
  return Number.isNaN(ms) ? undefined : ms;
}

/** Parse a comma- or repeat-separated list of EventIDs; the first entry that is not one is returned as `bad`. */
export function parseEventIds(values: readonly string[]): { ids: number[]; bad?: string } {
  const ids: number[] = [];
  for (const part of values.flatMap((v) => v.split(','))) {
    const text = part.trim();
    if (!/^\d+$/.test(text)) return { ids, bad: part };
    ids.push(Number(text));
  }
  return { ids };
}
