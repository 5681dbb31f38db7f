/**
 * Explain a correlation or sequence over a stream: the base hits of each rule (or sequence step) it
 * references, by group (group-by fields through the correlation's aliases, or each step's join
 * fields), and the windows that completed it. For count types, the fullest window of each group is
 * shown against the threshold, which is the usual answer to "why did it not fire".
 */
import { eventTimeMs, ownField, PROVENANCE_KEY, type NormalizedEvent, type Provenance } from '../event.js';
import type { Hit } from '../hit.js';
import { engineFromCollection, type Engine } from '../pipeline/engine.js';
import { hitKeys, type ResolvedCorrelationRule } from '../sigma/correlation/model.js';
import { emptyCollection } from '../sigma/load.js';
import type { ResolvedSequenceRule } from '../sigma/sequence/model.js';
import { eventNumbers } from './hit-facts.js';

export type CorrelationTarget = ResolvedCorrelationRule | ResolvedSequenceRule;

interface BaseHit {
  reference: string;
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
  window: string;
  keyFields: string[];
  condition?: unknown;
  references: string[];
  groups: GroupExplanation[];
  /** Base hits on events that lack a key field: the correlator skips them. */
  unkeyed: number;
  fired: Array<{ group?: Record<string, string>; first?: string; last?: string; value?: number; events: number[] }>;
}

/** One referenced rule or step: the hit key it listens to and the event fields its group key reads. */
interface Reference {
  label: string;
  target: string;
  keyFields: string[];
}

function referencesOf(rule: CorrelationTarget): Reference[] {
  if (rule.kind === 'correlation') {
    return rule.rules.map((ref, i) => ({ label: ref, target: rule.targets[i], keyFields: rule.groupBy.map((f) => rule.aliases[f]?.[ref] ?? f) }));
  }
  return rule.steps.map((s) => ({ label: s.inline ? `step ${s.name} (inline detection)` : `step ${s.name}: ${s.ref}`, target: s.target ?? s.ref, keyFields: s.by }));
}

const eventNumber = (event: NormalizedEvent) => {
  const source = event[PROVENANCE_KEY] as Provenance | undefined;
  return source?.record ?? source?.line ?? 0;
};

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

function explainOne(engine: Engine, rule: CorrelationTarget, events: NormalizedEvent[], all: Hit[]): CorrelationExplanation {
  const refs = referencesOf(rule);
  const keyNames = rule.kind === 'correlation' ? rule.groupBy : (rule.steps[0]?.by ?? []);
  const field = rule.kind === 'correlation' && rule.condition.kind === 'threshold' ? rule.condition.fields[0] : undefined;
  // The referenced rules (inline steps included) on their own, so their hits show even when suppressed.
  const pool = [...engine.collection.rules, ...engine.correlations.hiddenRules];
  const referenced = pool.filter((r) => hitKeys(r).some((k) => refs.some((ref) => ref.target === k)));
  const base = engineFromCollection({ ...emptyCollection(), rules: referenced });
  const groups = new Map<string, GroupExplanation>();
  let unkeyed = 0;
  for (const event of events) {
    for (const hit of base.detector.process(event)) {
      for (const ref of refs.filter((r) => hitKeys(hit.rule).includes(r.target))) {
        const values = ref.keyFields.map((f) => ownField(event, f));
        if (values.some((v) => v === undefined || v === null || v === '')) {
          unkeyed++;
          continue;
        }
        const key = Object.fromEntries(keyNames.map((name, i) => [name, String(values[i])]));
        const id = JSON.stringify(key);
        if (!groups.has(id)) groups.set(id, { key, base: [] });
        const ms = eventTimeMs(event);
        groups.get(id)!.base.push({ reference: ref.label, event: eventNumber(event), time: ms === undefined ? undefined : new Date(ms).toISOString(), value: field ? String(ownField(event, field) ?? '') : undefined });
      }
    }
  }
  if (rule.kind === 'correlation' && (rule.type === 'event_count' || rule.type === 'value_count')) {
    for (const g of groups.values()) g.fullestWindow = fullestWindow(g.base, rule.timespanMs, rule.type === 'value_count');
  }
  const mine = all.filter((h) => h.kind === 'correlation' && h.rule.path === rule.file && h.rule.title === rule.title);
  return {
    title: rule.title,
    id: rule.id,
    type: rule.kind === 'correlation' ? rule.type : 'sequence',
    window: rule.kind === 'correlation' ? rule.timespan : rule.maxspan,
    keyFields: keyNames,
    condition: rule.kind === 'correlation' ? rule.condition : undefined,
    references: refs.map((r) => r.label),
    groups: [...groups.values()],
    unkeyed,
    fired: mine.map((h) => (h.kind === 'correlation' ? { group: h.correlation.group, first: h.correlation.first, last: h.correlation.last, value: h.correlation.value, events: eventNumbers(h) } : { events: eventNumbers(h) })),
  };
}

export function explainCorrelations(engine: Engine, rules: CorrelationTarget[], events: NormalizedEvent[]): CorrelationExplanation[] {
  const all: Hit[] = [];
  for (const e of events) all.push(...engine.detector.process(e));
  all.push(...engine.detector.flush());
  return rules.map((rule) => explainOne(engine, rule, events, all));
}

function conditionText(condition: unknown): string {
  const c = condition as { kind?: string; comparisons?: Array<{ op: string; value: number }>; fields?: string[]; text?: string } | undefined;
  if (!c) return '';
  if (c.kind === 'expression') return `, condition ${c.text}`;
  return `, condition ${(c.comparisons ?? []).map((x) => `${x.op} ${x.value}`).join(' and ')}${c.fields?.length ? ` distinct ${c.fields.join(', ')}` : ''}`;
}

export function correlationText(ex: CorrelationExplanation): string {
  const lines = [`${ex.type}: ${ex.title}${ex.id ? ` (${ex.id})` : ''}`];
  lines.push(`  window ${ex.window}, key ${ex.keyFields.join(', ') || '(none: one group)'}${conditionText(ex.condition)}`);
  lines.push(`  references: ${ex.references.join('; ')}`);
  if (ex.groups.length === 0 && ex.unkeyed === 0) lines.push('  no base hits: none of the referenced rules matched an event');
  if (ex.unkeyed > 0) lines.push(`  ${ex.unkeyed} base hits on events lacking a key field: skipped by the correlator`);
  for (const g of ex.groups) {
    lines.push(`  group ${JSON.stringify(g.key)}: ${g.base.length} base hits`);
    for (const b of g.base) lines.push(`    event ${b.event} ${b.time ?? '(no time)'} ${b.reference}${b.value !== undefined ? ` value ${JSON.stringify(b.value)}` : ''}`);
    if (g.fullestWindow) lines.push(`    fullest window: ${g.fullestWindow.count} ${ex.type === 'value_count' ? 'distinct values' : 'hits'} from ${g.fullestWindow.from} to ${g.fullestWindow.to}`);
  }
  if (ex.fired.length === 0) lines.push('  fired: never');
  for (const f of ex.fired) lines.push(`  fired: ${f.group ? JSON.stringify(f.group) + ' ' : ''}${f.first ?? ''}${f.last ? ` .. ${f.last}` : ''}${f.value !== undefined ? ` value ${f.value}` : ''} events ${f.events.join(', ')}`);
  return lines.join('\n') + '\n';
}
