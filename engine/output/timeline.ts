/**
 * A hit as one timeline row: the columns the csv and table writers share (and timesketch reads).
 * A correlation hit gets a row too: its time span, group key and what it counted as Details.
 */
import type { CorrelationHit, DetectionHit, Hit, RuleSummary } from '../hit.js';
import { PROVENANCE_KEY, type Provenance } from '../event.js';
import { eventDetails } from './details.js';

export const TIMELINE_COLUMNS = ['Timestamp', 'Computer', 'Channel', 'EventID', 'Level', 'Rule', 'RuleId', 'Tactics', 'Techniques', 'Details', 'RecordID', 'Source'] as const;
export type TimelineColumn = (typeof TIMELINE_COLUMNS)[number];
export type TimelineRow = Record<TimelineColumn, string>;

/** The Sigma `fields:` list of a hit's rule, when it has one (see ruleFieldLists). */
export type RuleFieldsLookup = (rule: RuleSummary) => readonly string[] | undefined;

/** A lookup of each rule's `fields:` list, from the compiled rules (their summaries are the hits' `rule` objects). */
export function ruleFieldLists(rules: ReadonlyArray<{ summary: RuleSummary; rule: { data: Record<string, unknown> } }>): RuleFieldsLookup {
  const lists = new Map<RuleSummary, string[]>();
  for (const { summary, rule } of rules) {
    const fields = rule.data.fields;
    if (Array.isArray(fields) && fields.every((f) => typeof f === 'string') && fields.length > 0) lists.set(summary, fields);
  }
  return (rule) => lists.get(rule);
}

/** Column names a user typed for `--fields`, matched case-insensitively; unknown names are returned apart. */
export function parseColumns(names: readonly string[]): { columns: TimelineColumn[]; unknown: string[] } {
  const columns: TimelineColumn[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const column = TIMELINE_COLUMNS.find((c) => c.toLowerCase() === name.toLowerCase());
    if (column) columns.push(column);
    else unknown.push(name);
  }
  return { columns, unknown };
}

const joinIds = (refs: Array<{ id: string; name: string }>) => refs.map((r) => r.name || r.id).join(', ');

function sourceText(source: Provenance | undefined): string {
  if (!source) return '';
  return `${source.input}${source.line !== undefined ? `:${source.line}` : source.record !== undefined ? `#${source.record}` : ''}`;
}

function detectionRow(hit: DetectionHit, ruleFields: RuleFieldsLookup | undefined): TimelineRow {
  const event = hit.event;
  const record = event.EventRecordID ?? hit.source?.record;
  return {
    Timestamp: hit.time ?? '',
    Computer: hit.computer ?? '',
    Channel: typeof event.Channel === 'string' ? event.Channel : '',
    EventID: event.EventID === undefined ? '' : String(event.EventID),
    Level: hit.rule.level ?? '',
    Rule: hit.rule.title,
    RuleId: hit.rule.id ?? hit.rule.name ?? '',
    Tactics: joinIds(hit.attack.tactics),
    Techniques: hit.attack.techniques.map((t) => t.id).join(', '),
    Details: eventDetails(event, ruleFields?.(hit.rule)),
    RecordID: record === undefined ? '' : String(record),
    Source: sourceText(hit.source ?? (event[PROVENANCE_KEY] as Provenance | undefined)),
  };
}

function correlationRow(hit: CorrelationHit): TimelineRow {
  const c = hit.correlation;
  const group = Object.entries(c.group).map(([k, v]) => `${k}=${v}`).join(', ');
  const details = [`${c.type}`, group && `group: ${group}`, `span: ${c.first} → ${c.last}`, c.value !== undefined && `value: ${c.value}`, `hits: ${hit.hits.length}`].filter(Boolean).join(' ¦ ');
  return {
    Timestamp: hit.time,
    Computer: hit.computer ?? '',
    Channel: '',
    EventID: '',
    Level: hit.rule.level ?? '',
    Rule: hit.rule.title,
    RuleId: hit.rule.id ?? hit.rule.name ?? '',
    Tactics: joinIds(hit.attack.tactics),
    Techniques: hit.attack.techniques.map((t) => t.id).join(', '),
    Details: details,
    RecordID: '',
    Source: hit.rule.path,
  };
}

export function timelineRow(hit: Hit, ruleFields?: RuleFieldsLookup): TimelineRow {
  return hit.kind === 'detection' ? detectionRow(hit, ruleFields) : correlationRow(hit);
}
