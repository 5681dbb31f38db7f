/**
 * What a report embeds, gathered in one pass: every event (while under the size cap), the hits as
 * references to their events, and the statistics of the whole input. Past the cap the report keeps
 * only the hits' process neighbourhoods (ancestors, descendants, their activity) and says how many
 * events it left out; the statistics still count every event.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics.js';
import type { NormalizedEvent } from '../../event.js';
import type { Hit } from '../../hit.js';
import { categoryOf, EVENT_CATEGORIES, type EventCategory } from '../categories.js';
import { SEARCH_CRITERIA, type SearchCriterion } from '../criteria.js';
import { describeEvent } from '../describe.js';
import { actorGuid, baseHits, hitGuids, parentGuid, targetGuid } from '../process-guids.js';
import { StatsCollector, type EventStats } from '../stats.js';
import { ProcessIndex } from '../tree.js';

/** One embedded event with what the page needs to place it without re-deriving it. */
export interface ReportEvent {
  /** The event itself (provenance kept: it says where to look in the input). */
  event: NormalizedEvent;
  category: string;
  /** One line: what the event did. */
  text: string;
  guid?: string;
  parent?: string;
  target?: string;
}

export interface ReportHit {
  kind: Hit['kind'];
  title: string;
  level: string;
  ruleId?: string;
  time?: string;
  computer?: string;
  techniques: { id: string; name: string; url?: string }[];
  tactics: string[];
  /** Indexes into `events` of the events the hit (or its base hits) stands on that are embedded. */
  events: number[];
  guids: string[];
  /** A correlation's base hits. */
  base: { title: string; level: string; time?: string; events: number[] }[];
}

export interface ReportData {
  title: string;
  generated: string;
  events: ReportEvent[];
  hits: ReportHit[];
  stats: EventStats;
  categories: readonly EventCategory[];
  criteria: readonly SearchCriterion[];
  /** Every hit is counted by level, also those a capped report leaves out of its list. */
  totals: { events: number; hits: number; hitsByLevel: Record<string, number>; embeddedEvents: number; capBytes: number };
  /** Set when the cap was reached: what the report left out, in words. */
  leftOut?: string;
}

export interface ReportOptions {
  title?: string;
  /** Cap on the embedded events' JSON, in bytes (default 16 MiB). */
  maxBytes?: number;
}

export const DEFAULT_REPORT_MAX_BYTES = 16 * 1024 * 1024;

const LEVEL_ORDER = ['critical', 'high', 'medium', 'low', 'informational'];

export class ReportCollector {
  private readonly events: NormalizedEvent[] = [];
  private readonly indexOf = new Map<NormalizedEvent, number>();
  private readonly sizes: number[] = [];
  private readonly hits: Hit[] = [];
  private readonly processes = new ProcessIndex();
  private readonly stats = new StatsCollector({ by: ['host'], top: 5 });
  private bytes = 0;

  /** Add one event; call before `addHit` for the hits it produced. */
  addEvent(event: NormalizedEvent): void {
    this.indexOf.set(event, this.events.length);
    this.events.push(event);
    const size = JSON.stringify(event).length;
    this.sizes.push(size);
    this.bytes += size;
    this.processes.add(event);
    this.stats.add(event);
  }

  addHit(hit: Hit): void {
    this.hits.push(hit);
  }

  result(options: ReportOptions = {}): { data: ReportData; diagnostics: Diagnostic[] } {
    const capBytes = options.maxBytes ?? DEFAULT_REPORT_MAX_BYTES;
    const hitsByLevel: Record<string, number> = {};
    for (const hit of this.hits) hitsByLevel[hit.rule.level ?? 'unknown'] = (hitsByLevel[hit.rule.level ?? 'unknown'] ?? 0) + 1;
    // The hit list takes at most half the cap, most severe hits first; the events take the rest.
    const hitCap = this.bytes <= capBytes - this.hitBytes() ? Infinity : capBytes / 2;
    const keptHits = this.severestHits(hitCap);
    const eventCap = capBytes - [...keptHits].reduce((n, h) => n + hitSize(h), 0);
    const keep = this.bytes <= eventCap ? undefined : this.neighbourhoods(eventCap, keptHits);
    const position = new Map<number, number>();
    const events: ReportEvent[] = [];
    this.events.forEach((event, i) => {
      if (keep && !keep.has(i)) return;
      position.set(i, events.length);
      events.push(embed(event));
    });
    const refs = (hit: Hit) => baseHits(hit).flatMap((h) => position.get(this.indexOf.get(h.event) ?? -1) ?? []);
    const hits = this.hits.filter((hit) => keptHits.has(hit)).map((hit): ReportHit => ({ ...reportHit(hit), events: refs(hit), base: hit.kind === 'correlation' ? hit.hits.map((b) => ({ title: b.rule.title, level: b.rule.level ?? 'unknown', time: b.time, events: refs(b) })) : [] }));
    const diagnostics: Diagnostic[] = [];
    let leftOut: string | undefined;
    const droppedHits = this.hits.length - hits.length;
    if (keep || droppedHits > 0) {
      const parts = [
        `The input (${mib(this.bytes)} of events, ${this.hits.length} hits) exceeds the report's cap of ${mib(capBytes)}`,
        keep
          ? `it embeds ${events.length} of ${this.events.length} events (the hits' process neighbourhoods, most severe hits first) and leaves out ${this.events.length - events.length}`
          : `it embeds every event`,
        droppedHits > 0 ? `the hit list keeps the ${hits.length} most severe hits and leaves out ${droppedHits} (the level counts still count every hit)` : '',
      ];
      leftOut = `${parts[0]}: ${parts.slice(1).filter(Boolean).join('; ')}. Statistics count every event; the search sees only the embedded ones.`;
      diagnostics.push(diagnostic('warning', 'report-capped', leftOut, { file: '<report>' }));
    }
    const data: ReportData = {
      title: options.title ?? 'sigstream report',
      generated: new Date().toISOString(),
      events,
      hits,
      stats: this.stats.result(),
      categories: EVENT_CATEGORIES,
      criteria: SEARCH_CRITERIA,
      totals: { events: this.events.length, hits: this.hits.length, hitsByLevel, embeddedEvents: events.length, capBytes },
      leftOut,
    };
    return { data, diagnostics };
  }

  private hitBytes(): number {
    return this.hits.reduce((n, h) => n + hitSize(h), 0);
  }

  /** The most severe hits whose list entries fit in `cap` bytes (all of them when the cap is infinite). */
  private severestHits(cap: number): Set<Hit> {
    if (cap === Infinity) return new Set(this.hits);
    const kept = new Set<Hit>();
    let bytes = 0;
    for (const hit of [...this.hits].sort((a, b) => levelRank(a) - levelRank(b))) {
      bytes += hitSize(hit);
      if (bytes > cap) break;
      kept.add(hit);
    }
    return kept;
  }

  /** Indexes of the events near the hits, most severe hits first, until the cap. */
  private neighbourhoods(capBytes: number, hits: Set<Hit>): Set<number> {
    const keep = new Set<number>();
    let bytes = 0;
    const take = (event: NormalizedEvent) => {
      const i = this.indexOf.get(event);
      if (i === undefined || keep.has(i) || bytes + this.sizes[i] > capBytes) return;
      keep.add(i);
      bytes += this.sizes[i];
    };
    const ordered = [...hits].sort((a, b) => levelRank(a) - levelRank(b));
    // The hits' own events first, so every hit keeps its evidence; then their processes' families.
    for (const hit of ordered) for (const base of baseHits(hit)) take(base.event);
    for (const hit of ordered) {
      for (const guid of hitGuids(hit)) {
        const family = [...this.processes.ancestorsOf(guid), ...this.processes.descendantsOf(guid).map((d) => d.process)];
        for (const p of family) {
          if (p.created) take(p.created);
          for (const event of p.activity) take(event);
        }
      }
    }
    return keep;
  }
}

function levelRank(hit: Hit): number {
  const r = LEVEL_ORDER.indexOf(hit.rule.level ?? '');
  return r === -1 ? LEVEL_ORDER.length : r;
}

/** A hit's list entry without its event references (those depend on which events are embedded). */
function reportHit(hit: Hit): Omit<ReportHit, 'events' | 'base'> {
  return {
    kind: hit.kind,
    title: hit.rule.title,
    level: hit.rule.level ?? 'unknown',
    ruleId: hit.rule.id,
    time: hit.time,
    computer: hit.computer,
    techniques: hit.attack.techniques.map((t) => ({ id: t.id, name: t.name, url: t.url })),
    tactics: hit.attack.tactics.map((t) => t.name),
    guids: hitGuids(hit),
  };
}

/** About what a hit's list entry weighs in the page (base hits and references counted roughly). */
const hitSizes = new WeakMap<Hit, number>();
function hitSize(hit: Hit): number {
  let size = hitSizes.get(hit);
  if (size === undefined) {
    size = JSON.stringify(reportHit(hit)).length + (hit.kind === 'correlation' ? hit.hits.length * 120 : 10);
    hitSizes.set(hit, size);
  }
  return size;
}

function embed(event: NormalizedEvent): ReportEvent {
  const out: ReportEvent = { event, category: categoryOf(event.EventID), text: describeEvent(event) };
  const guid = actorGuid(event);
  if (guid) out.guid = guid;
  const parent = parentGuid(event);
  if (parent) out.parent = parent;
  const target = targetGuid(event);
  if (target) out.target = target;
  return out;
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
