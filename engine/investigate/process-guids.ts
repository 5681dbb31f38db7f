/** Which process an event belongs to, and which events a hit stands on: the links of tree and graph. */
import type { NormalizedEvent } from '../event.js';
import type { DetectionHit, Hit } from '../hit.js';

function guid(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && value !== '-' ? value : undefined;
}

/** The acting process of an event: `ProcessGuid`, or the source of a remote thread (8) / process access (10). */
export function actorGuid(event: NormalizedEvent): string | undefined {
  return guid(event.ProcessGuid) ?? guid(event.SourceProcessGuid) ?? guid(event.SourceProcessGUID);
}

/** The process an event acts on, when it names one: the target of 8 / 10. */
export function targetGuid(event: NormalizedEvent): string | undefined {
  return guid(event.TargetProcessGuid) ?? guid(event.TargetProcessGUID);
}

export function parentGuid(event: NormalizedEvent): string | undefined {
  return event.EventID === 1 ? guid(event.ParentProcessGuid) : undefined;
}

/** The detection hits a hit stands on: itself, or a correlation's base hits, recursively. */
export function baseHits(hit: Hit): DetectionHit[] {
  return hit.kind === 'detection' ? [hit] : hit.hits.flatMap(baseHits);
}

/** The process GUIDs a hit is about (the actors of its base events), in order, without repeats. */
export function hitGuids(hit: Hit): string[] {
  return [...new Set(baseHits(hit).flatMap((h) => actorGuid(h.event) ?? []))];
}
