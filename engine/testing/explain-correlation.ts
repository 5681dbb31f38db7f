/**
 * Explain a correlation or sequence over a stream: the base hits of the rules it references, by
 * group (its group-by or join fields read from each event), and the windows that completed it. For
 * count types, the fullest window of each group is shown against the threshold, which is the usual
 * answer to "why did it not fire". Group keys read the group-by fields as named (correlation
 * `aliases` are not applied here); the windows that fired are the correlator's own hits.
 */
import { eventTimeMs, PROVENANCE_KEY, type NormalizedEvent, type Provenance } from '../events/event.js';
import type { Hit } from '../output/hit.js';
import { engineFromCollection } from '../pipeline/engine.js';
import type { RuleDocument } from '../sigma/document.js';
import { emptyCollection } from '../sigma/load.js';
import type { SigmaRule } from '../sigma/model.js';
import { eventNumbers, ruleIs } from './hit-facts.js';
import { parseOffset } from './relative-time.js';

interface BaseHit {
  rule: string;
  event: number;
  time?: string;
  value?: string;
}

export interface GroupExplanation {
  key: Record<string, string>;
  base: BaseHit[];
  /** Count types: the most base hits (or distinct values) inside one timespan window. */
  fullestWindow?: { count: number; from?: string; to?: string };
}

export interface CorrelationExplanation {
  title: string;
  id?: string;
  type: string;
  timespan?: string;
  keyFields: string[];
  condition?: unknown;
  references: Array<{ ref: string; found: boolean }>;
  groups: GroupExplanation[];
  fired: Array<{ group?: Record<string, string>; first?: string; last?: string; value?: number; events: number[] }>;
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);
const recordOf = (event: NormalizedEvent) => (event[PROVENANCE_KEY] as Provenance | undefined)?.record ?? (event[PROVENANCE_KEY] as Provenance | undefined)?.line ?? 0;

function shape(doc: RuleDocument): { type: string; refs: string[]; keyFields: string[]; timespan?: string; condition?: unknown; field?: string } {
  const c = doc.data.correlation as Record<string, unknown> | undefined;
  if (c) {
    const condition = c.condition as Record<string, unknown> | undefined;
    return { type: String(c.type), refs: list(c.rules), keyFields: list(c['group-by']), timespan: c.timespan as string, condition, field: condition?.field as string | undefined };
  }
  const s = doc.data.sequence as Record<string, unknown>;
  const steps = (s.steps as Array<Record<string, unknown>>) ?? [];
  return { type: 'sequence', refs: steps.filter((st) => typeof st.rule === 'string').map((st) => st.rule as string), keyFields: list(s.by ?? steps[0]?.by), timespan: s.maxspan as string };
}

function fullestWindow(base: BaseHit[], spanMs: number, distinct: boolean): GroupExplanation['fullestWindow'] {
  let best: GroupExplanation['fullestWindow'];
  const timed = base.filter((b) => b.time !== undefined).map((b) => ({ ...b, ms: Date.parse(b.time!) }));
  for (const end of timed) {
    const inside = timed.filter((b) => b.ms <= end.ms && b.ms >= end.ms - spanMs);
    const count = distinct ? new Set(inside.map((b) => b.value)).size : inside.length;
    if (!best || count > best.count) best = { count, from: inside[0]?.time, to: end.time };
  }
  return best;
}

export function explainGroups(documents: RuleDocument[], rules: SigmaRule[], detector: { process(e: NormalizedEvent): Hit[]; flush(): Hit[] }, events: NormalizedEvent[]): CorrelationExplanation[] {
  const all: Hit[] = [];
  for (const e of events) all.push(...detector.process(e));
  all.push(...detector.flush());
  return documents.map((doc) => {
    const s = shape(doc);
    const refRules = rules.filter((r) => s.refs.some((ref) => ruleIs({ id: r.id, name: r.name, title: r.title, tags: [], path: r.file }, ref)));
    // Referenced rules on their own, so their hits show even when the correlation suppresses them.
    const baseEngine = engineFromCollection({ ...emptyCollection(), rules: refRules });
    const groups = new Map<string, GroupExplanation>();
    for (const event of events) {
      for (const hit of baseEngine.detector.process(event)) {
        const key = Object.fromEntries(s.keyFields.map((f) => [f, String(event[f] ?? '')]));
        const id = JSON.stringify(key);
        if (!groups.has(id)) groups.set(id, { key, base: [] });
        const ms = eventTimeMs(event);
        groups.get(id)!.base.push({ rule: hit.rule.title, event: recordOf(event), time: ms === undefined ? undefined : new Date(ms).toISOString(), value: s.field ? String(event[s.field] ?? '') : undefined });
      }
    }
    const spanMs = s.timespan ? parseOffset(`+${s.timespan}`) : undefined;
    if (spanMs !== undefined && (s.type === 'event_count' || s.type === 'value_count')) {
      for (const g of groups.values()) g.fullestWindow = fullestWindow(g.base, spanMs, s.type === 'value_count');
    }
    const mine = all.filter((h) => ruleIs(h.rule, String(doc.data.id ?? doc.data.title)) || h.rule.title === doc.data.title);
    return {
      title: String(doc.data.title),
      id: doc.data.id as string | undefined,
      type: s.type,
      timespan: s.timespan,
      keyFields: s.keyFields,
      condition: s.condition,
      references: s.refs.map((ref) => ({ ref, found: refRules.some((r) => ruleIs({ id: r.id, name: r.name, title: r.title, tags: [], path: r.file }, ref)) })),
      groups: [...groups.values()],
      fired: mine.map((h) => (h.kind === 'correlation' ? { group: h.correlation.group, first: h.correlation.first, last: h.correlation.last, value: h.correlation.value, events: eventNumbers(h) } : { events: eventNumbers(h) })),
    };
  });
}

export function groupsText(ex: CorrelationExplanation): string {
  const lines = [`${ex.type}: ${ex.title}${ex.id ? ` (${ex.id})` : ''}`];
  lines.push(`  window ${ex.timespan ?? '?'}, key ${ex.keyFields.join(', ') || '(none: one group)'}${ex.condition ? `, condition ${JSON.stringify(ex.condition)}` : ''}`);
  for (const r of ex.references) lines.push(`  references ${r.ref}: ${r.found ? 'loaded' : 'NOT FOUND among the loaded rules'}`);
  if (ex.groups.length === 0) lines.push('  no base hits: none of the referenced rules matched an event');
  for (const g of ex.groups) {
    lines.push(`  group ${JSON.stringify(g.key)}: ${g.base.length} base hits`);
    for (const b of g.base) lines.push(`    event ${b.event} ${b.time ?? '(no time)'} ${b.rule}${b.value !== undefined ? ` value ${JSON.stringify(b.value)}` : ''}`);
    if (g.fullestWindow) lines.push(`    fullest window: ${g.fullestWindow.count} ${ex.type === 'value_count' ? 'distinct values' : 'hits'} from ${g.fullestWindow.from} to ${g.fullestWindow.to}`);
  }
  if (ex.fired.length === 0) lines.push('  fired: never');
  for (const f of ex.fired) lines.push(`  fired: ${f.group ? JSON.stringify(f.group) + ' ' : ''}${f.first ?? ''}${f.last ? ` .. ${f.last}` : ''}${f.value !== undefined ? ` value ${f.value}` : ''} events ${f.events.join(', ')}`);
  return lines.join('\n') + '\n';
}
