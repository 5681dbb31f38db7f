/**
 * Run a config over a stream of events: per event, whether Sysmon would log it and with which
 * RuleName. Pure library code; the CLI (engine/cli/sysmon-config.ts) only wires files to it.
 */
import { formatLocation } from '../diagnostics.js';
import { PROVENANCE_KEY, provenanceOf, type NormalizedEvent, type Provenance } from '../event.js';
import type { CompiledConfig } from './compile.js';
import { eventTypeById } from './event-types.js';
import { evaluateEvent, type Verdict, type VerdictReason } from './evaluate.js';
import { resolveAttack } from '../attack/resolve.js';
import type { TechniqueRef } from '../hit.js';

/** One line of `sysmon-config simulate` output. */
export interface VerdictRecord {
  verdict: 'logged' | 'dropped';
  EventID: number | undefined;
  /** The config element that filters this event type (`RegistryEvent`), when it has one. */
  eventType?: string;
  /** What Sysmon writes in the event's RuleName; absent when it writes none (`-`). */
  RuleName?: string;
  /** ATT&CK techniques the RuleName carries, resolved in the catalog (revoked ids remapped). */
  techniques?: TechniqueRef[];
  reason: VerdictReason;
  /** `config.xml:line:col` of the deciding block and of the condition that completed its match. */
  block?: string;
  condition?: string;
  source?: Provenance;
}

export function verdictRecord(event: NormalizedEvent, verdict: Verdict): VerdictRecord {
  const id = typeof event.EventID === 'number' ? event.EventID : undefined;
  const record: VerdictRecord = { verdict: verdict.decision === 'include' ? 'logged' : 'dropped', EventID: id, reason: verdict.reason };
  const tag = id === undefined ? undefined : eventTypeById(id)?.ruleTag;
  if (tag && verdict.reason !== 'not-sysmon') record.eventType = tag;
  if (verdict.ruleName !== undefined) record.RuleName = verdict.ruleName;
  const techniques = verdict.ruleName === undefined ? [] : resolveAttack([], verdict.ruleName).techniques;
  if (techniques.length > 0) record.techniques = [...techniques];
  if (verdict.block) record.block = formatLocation(verdict.block);
  if (verdict.condition) record.condition = formatLocation(verdict.condition);
  const source = provenanceOf(event);
  if (source) record.source = source;
  return record;
}

/**
 * The event as Sysmon would have written it: RuleName set to the matched name (`-` for none),
 * for Sysmon events only. Provenance is left off so the line reads back as a fresh input.
 */
export function keptEvent(event: NormalizedEvent, verdict: Verdict): NormalizedEvent {
  const out: NormalizedEvent = { ...event };
  delete out[PROVENANCE_KEY];
  if (verdict.reason === 'matched' || verdict.reason === 'default') out.RuleName = verdict.ruleName ?? '-';
  return out;
}

export interface SimulationCounts {
  events: number;
  logged: number;
  dropped: number;
  /** Logged because the config cannot filter them (4, 16, 255, other channels, unknown ids). */
  passedThrough: number;
}

/** Counts of a simulation, for the closing summary. */
export class SimulationTally {
  readonly counts: SimulationCounts = { events: 0, logged: 0, dropped: 0, passedThrough: 0 };

  add(verdict: Verdict): void {
    this.counts.events++;
    if (verdict.decision === 'include') this.counts.logged++;
    else this.counts.dropped++;
    if (verdict.reason !== 'matched' && verdict.reason !== 'default') this.counts.passedThrough++;
  }
}

/** Evaluate every event of a stream; yields the event with its verdict. */
export async function* simulateEvents(compiled: CompiledConfig, events: AsyncIterable<NormalizedEvent> | Iterable<NormalizedEvent>): AsyncGenerator<{ event: NormalizedEvent; verdict: Verdict }> {
  for await (const event of events) yield { event, verdict: evaluateEvent(compiled, event) };
}
