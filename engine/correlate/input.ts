/**
 * What the pipeline hands the correlator for one event: its time, its base hits and, for a Sysmon
 * ProcessTerminate (EventID 5), the ended ProcessGuid. Undefined when the event cannot matter
 * (no base hit, no termination), so the pipeline skips the push and its time parsing.
 */
import { eventTimeMs, type NormalizedEvent } from '../event.js';
import type { DetectionHit } from '../hit.js';
import type { CorrelatorInput } from './correlator.js';

const PROCESS_TERMINATE = 5;

export function correlatorInput(event: NormalizedEvent, hits: readonly DetectionHit[]): CorrelatorInput | undefined {
  const guid = event.EventID === PROCESS_TERMINATE && typeof event.ProcessGuid === 'string' ? event.ProcessGuid : undefined;
  if (hits.length === 0 && guid === undefined) return undefined;
  // An event without a time takes the latest time seen (see CorrelatorInput.timeMs).
  const input: CorrelatorInput = { timeMs: eventTimeMs(event) ?? Number.NaN, hits };
  if (guid !== undefined) input.processTerminated = guid;
  return input;
}
