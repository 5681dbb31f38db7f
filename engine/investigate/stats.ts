/**
 * `stats`: SysmonSearch's statistics. Events counted per group (by default per host and per day) by
 * category and by EventID, with the top-N and rarest-N values of the fields an analyst ranks. One
 * pass over the events; memory grows with the distinct values of the ranked fields, not with events.
 */
import { eventTimeMs, type NormalizedEvent } from '../event.js';
import { categoryOf } from './categories.js';

/** What events can be grouped by (`--by`). */
export const STATS_KEYS = {
  host: (e: NormalizedEvent) => text(e.Computer) ?? '(no host)',
  day: (e: NormalizedEvent) => {
    const ms = eventTimeMs(e);
    return ms === undefined ? '(no time)' : new Date(ms).toISOString().slice(0, 10);
  },
  eventid: (e: NormalizedEvent) => (e.EventID === undefined ? '(no EventID)' : String(e.EventID)),
  image: (e: NormalizedEvent) => text(e.Image) ?? '(no image)',
} as const;

export type StatsKey = keyof typeof STATS_KEYS;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && value !== '-' ? value : typeof value === 'number' ? String(value) : undefined;
}

function extensionOf(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const name = path.slice(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '(none)';
}

/** The ranked values: each a name and how to read it from an event (undefined: not in this event). */
export const RANKED_FIELDS: Readonly<Record<string, (e: NormalizedEvent) => string | undefined>> = {
  Image: (e) => text(e.Image),
  DestinationIp: (e) => (e.EventID === 3 ? text(e.DestinationIp) : undefined),
  DestinationPort: (e) => (e.EventID === 3 ? text(e.DestinationPort) : undefined),
  QueryName: (e) => (e.EventID === 22 ? text(e.QueryName) : undefined),
  'TargetFilename extension': (e) => extensionOf(text(e.TargetFilename)),
  'registry EventType': (e) => (e.EventID === 12 || e.EventID === 13 || e.EventID === 14 ? text(e.EventType) : undefined),
};

export type Ranking = [value: string, count: number][];

export interface GroupStats {
  /** The group's value of each `--by` key. */
  key: Record<string, string>;
  events: number;
  categories: Record<string, number>;
  eventIds: Record<string, number>;
  /** Per ranked field: the N most frequent values, most frequent first (ties by value). */
  top: Record<string, Ranking>;
  /** Per ranked field: the N least frequent values, rarest first (ties by value). */
  rarest: Record<string, Ranking>;
}

export interface EventStats {
  events: number;
  by: StatsKey[];
  /** Event time range (ISO), when any event had a time. */
  first?: string;
  last?: string;
  groups: GroupStats[];
}

export interface StatsOptions {
  by?: StatsKey[];
  /** N of top-N and rarest-N (default 5). */
  top?: number;
}

interface Group {
  key: Record<string, string>;
  events: number;
  categories: Map<string, number>;
  eventIds: Map<string, number>;
  values: Map<string, Map<string, number>>;
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

function ranked(counts: Map<string, number>, n: number, rarestFirst: boolean): Ranking {
  const sign = rarestFirst ? 1 : -1;
  return [...counts].sort((a, b) => sign * (a[1] - b[1]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, n);
}

export class StatsCollector {
  private readonly by: StatsKey[];
  private readonly n: number;
  private readonly groups = new Map<string, Group>();
  private events = 0;
  private first = Infinity;
  private last = -Infinity;

  constructor(options: StatsOptions = {}) {
    this.by = options.by ?? ['host', 'day'];
    this.n = options.top ?? 5;
  }

  add(event: NormalizedEvent): void {
    this.events++;
    const ms = eventTimeMs(event);
    if (ms !== undefined) {
      if (ms < this.first) this.first = ms;
      if (ms > this.last) this.last = ms;
    }
    const key = Object.fromEntries(this.by.map((k) => [k, STATS_KEYS[k](event)]));
    const id = JSON.stringify(key);
    let group = this.groups.get(id);
    if (!group) {
      group = { key, events: 0, categories: new Map(), eventIds: new Map(), values: new Map(Object.keys(RANKED_FIELDS).map((f) => [f, new Map()])) };
      this.groups.set(id, group);
    }
    group.events++;
    bump(group.categories, categoryOf(event.EventID));
    bump(group.eventIds, event.EventID === undefined ? '(none)' : String(event.EventID));
    for (const [field, read] of Object.entries(RANKED_FIELDS)) {
      const value = read(event);
      if (value !== undefined) bump(group.values.get(field)!, value);
    }
  }

  result(): EventStats {
    const groups = [...this.groups.values()]
      .sort((a, b) => this.by.reduce((c, k) => c || a.key[k].localeCompare(b.key[k]), 0))
      .map((g) => ({
        key: g.key,
        events: g.events,
        categories: Object.fromEntries([...g.categories].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))),
        eventIds: Object.fromEntries([...g.eventIds].sort((a, b) => Number(a[0]) - Number(b[0]))),
        top: Object.fromEntries([...g.values].map(([f, counts]) => [f, ranked(counts, this.n, false)])),
        rarest: Object.fromEntries([...g.values].map(([f, counts]) => [f, ranked(counts, this.n, true)])),
      }));
    const time = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString() : undefined);
    return { events: this.events, by: this.by, first: time(this.first), last: time(this.last), groups };
  }
}

/** Statistics of a whole stream of events. */
export async function collectStats(events: AsyncIterable<NormalizedEvent>, options: StatsOptions = {}): Promise<EventStats> {
  const collector = new StatsCollector(options);
  for await (const event of events) collector.add(event);
  return collector.result();
}
