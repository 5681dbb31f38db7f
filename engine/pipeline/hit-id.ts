/**
 * Stable hit ids (`hit.id`), the one hit id of the project: the same rule on the same event gives
 * the same id in every run and every process, so the hits a resumed run repeats (those after its
 * last checkpoint) can be recognised and deduplicated, a NATS sink and the re-keying stage use it
 * as the message id (the server drops replays), and runs can be compared as sets of ids.
 * A detection is named by its rule and its event's identity; a correlation by its rule, its group
 * and the ids of the hits that completed it.
 */
import { provenanceOf, type NormalizedEvent } from '../event.js';
import type { CorrelationHit, DetectionHit, Hit, RuleSummary } from '../hit.js';
import { eventJson } from '../hit-json.js';

/**
 * 64 bits of two FNV-1a lanes over the UTF-16 code units: not cryptographic (an id names, it does not
 * authenticate), and about a hundred times cheaper than sha1 on the short texts named here.
 */
function digest(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 13);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

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
  return `e\0${eventJson(event)}`;
}

export function detectionHitId(hit: DetectionHit): string {
  return digest(`d\0${ruleIdentity(hit.rule)}\0${eventIdentity(hit.event)}`);
}

/**
 * Inner correlation hits are named before the outer one (they fire first); inner detection hits that
 * only fed the correlator are named here, when it fires, so silent hits cost nothing.
 */
export function correlationHitId(hit: CorrelationHit): string {
  const inner = hit.hits.map(hitId).join(',');
  return digest(`c\0${ruleIdentity(hit.rule)}\0${JSON.stringify(hit.correlation.group)}\0${hit.time}\0${inner}`);
}

/** A hit's id, named now if nothing named it yet (a silent hit that only fed a correlation). */
export function hitId(hit: Hit): string {
  return (hit.id ??= hit.kind === 'detection' ? detectionHitId(hit) : correlationHitId(hit));
}
