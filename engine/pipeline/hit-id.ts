/**
 * Stable hit ids (`hit.id`): the same rule on the same event gives the same id in every run, so the
 * hits a resumed run repeats (those after its last checkpoint) can be recognised and deduplicated.
 * A detection is named by its rule and its event's identity; a correlation by its rule, its group
 * and the ids of the hits that completed it.
 */
import { createHash } from 'node:crypto';
import { provenanceOf, type NormalizedEvent } from '../event.js';
import type { CorrelationHit, DetectionHit, RuleSummary } from '../hit.js';

const digest = (text: string): string => createHash('sha1').update(text).digest('hex').slice(0, 20);

const ruleIdentity = (rule: RuleSummary): string => rule.id ?? rule.name ?? `${rule.path}#${rule.title}`;

/**
 * Windows names an event by its host, channel and EventRecordID; without them, the input position
 * the reader recorded names it; an event with neither is named by its content.
 */
function eventIdentity(event: NormalizedEvent): string {
  const { Computer, Channel, EventRecordID } = event;
  if (EventRecordID !== undefined && Computer !== undefined) return `r\0${String(Computer)}\0${String(Channel ?? '')}\0${String(EventRecordID)}`;
  const source = provenanceOf(event);
  if (source && (source.line !== undefined || source.record !== undefined)) return `p\0${source.input}\0${source.line ?? ''}\0${source.record ?? ''}`;
  return `e\0${JSON.stringify(event)}`;
}

export function detectionHitId(hit: DetectionHit): string {
  return digest(`d\0${ruleIdentity(hit.rule)}\0${eventIdentity(hit.event)}`);
}

/** The inner hits carry their ids already (they were made, and named, before the correlation fired). */
export function correlationHitId(hit: CorrelationHit): string {
  const inner = hit.hits.map((h) => h.id ?? '').join(',');
  return digest(`c\0${ruleIdentity(hit.rule)}\0${JSON.stringify(hit.correlation.group)}\0${hit.time}\0${inner}`);
}
