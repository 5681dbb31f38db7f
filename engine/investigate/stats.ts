/**
 * `stats`: SysmonSearch's statistics. Events counted per group (by default per host and per day) by
 * category and by EventID, with the top-N and rarest-N values of the fields an analyst ranks. One
 * pass over the events; memory grows with the distinct values of the ranked fields, not with events.
 */
import { eventTimeMs, type NormalizedEvent } from '../event.js';
import type { StoreGroupColumn } from '../store/event-store.js';
import { categoryOf } from './categories.js';

/**
 * A value statistics read from an event: where an event store keeps it (`column`, so the store can
 * count it with a GROUP BY) and how a raw value becomes the label counted (undefined: not counted).
 */
interface StatsValue<Label> {
  column: StoreGroupColumn;
  /** Only events of these EventIDs carry it. */
  eventIds?: readonly number[];
  label(value: unknown): Label;
}

const DAY = (ms: unknown) => (ms === undefined || ms === null ? '(no time)' : new Date(Number(ms)).toISOString().slice(0, 10));

/** What events can be grouped by (`--by`). */
export const STATS_KEYS = {
  host: { column: 'Computer', label: (v) => text(v) ?? '(no host)' },
  day: { column: 'day', label: DAY },
  eventid: { column: 'EventID', label: (v) => (v === undefined || v === null ? '(no EventID)' : String(v)) },
  image: { column: 'Image', label: (v) => text(v) ?? '(no image)' },
} as const satisfies Record<string, StatsValue<string>>;

/** An event's raw value for a statistic (the event time for `day`, where the store keeps its day). */
function raw(event: NormalizedEvent, value: StatsValue<unknown>): unknown {
  if (value.eventIds && !value.eventIds.includes(event.EventID as number)) return undefined;
  return value.column === 'day' ? eventTimeMs(event) : event[value.column];
}

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

/** The ranked values: each a name, the field it reads and how (undefined: not in this event). */
export const RANKED_FIELDS: Readonly<Record<string, StatsValue<string | undefined>>> = {
  Image: { column: 'Image', label: text },
  DestinationIp: { column: 'DestinationIp', eventIds: [3], label: text },
  DestinationPort: { column: 'DestinationPort', eventIds: [3], label: text },
  QueryName: { column: 'QueryName', eventIds: [22], label: text },
  'TargetFilename extension': { column: 'TargetFilename', label: (v) => extensionOf(text(v)) },
  'registry EventType': { column: 'EventType', eventIds: [12, 13, 14], label: text },
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

const bump = (map: Map<string, number>, key: string, count = 1) => map.set(key, (map.get(key) ?? 0) + count);

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
    const key = Object.fromEntries(this.by.map((k) => [k, STATS_KEYS[k].label(raw(event, STATS_KEYS[k]))]));
    this.addEvents(key, event.EventID, 1, eventTimeMs(event));
    const group = this.group(key);
    for (const [field, value] of Object.entries(RANKED_FIELDS)) {
      const label = value.label(raw(event, value));
      if (label !== undefined) bump(group.values.get(field)!, label);
    }
  }

  /** `count` events of one group and EventID, counted elsewhere (a store's GROUP BY); `lastMs` defaults to `firstMs`. */
  addEvents(key: Record<string, string>, eventId: unknown, count: number, firstMs?: number, lastMs = firstMs): void {
    this.events += count;
    if (firstMs !== undefined && firstMs < this.first) this.first = firstMs;
    if (lastMs !== undefined && lastMs > this.last) this.last = lastMs;
    const group = this.group(key);
    group.events += count;
    bump(group.categories, categoryOf(eventId as NormalizedEvent['EventID']), count);
    bump(group.eventIds, eventId === undefined || eventId === null ? '(none)' : String(eventId), count);
  }

  /** `count` events of one group whose ranked `field` has the raw value `value`, counted elsewhere. */
  addValues(key: Record<string, string>, field: string, value: unknown, count: number): void {
    const label = RANKED_FIELDS[field].label(value);
    if (label !== undefined) bump(this.group(key).values.get(field)!, label, count);
  }

  private group(key: Record<string, string>): Group {
    const id = JSON.stringify(key);
    let group = this.groups.get(id);
    if (!group) {
      group = { key, events: 0, categories: new Map(), eventIds: new Map(), values: new Map(Object.keys(RANKED_FIELDS).map((f) => [f, new Map()])) };
      this.groups.set(id, group);
    }
    return group;
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
