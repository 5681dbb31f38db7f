/**
 * Turn a case's written events into normalized events: defaults merged under each event, times
 * resolved, provenance set so a hit can be traced back to "event 3 of case X".
 *
 * Time rule: `UtcTime: '+12s'` is the base time plus 12 s; an absolute `UtcTime` is kept; an event
 * without `UtcTime` gets the previous event's time plus one second (the first gets the base time).
 * So detection cases need no times at all and timelines stay monotone unless written otherwise.
 */
import { PROVENANCE_KEY, type NormalizedEvent } from '../event.js';
import { formatUtcTime, parseAbsoluteTime, parseOffset } from './relative-time.js';

export interface EventTimeError {
  /** 0-based index of the event. */
  index: number;
  message: string;
}

export function materializeEvents(
  written: ReadonlyArray<Record<string, unknown>>,
  defaults: Record<string, unknown>,
  baseMs: number,
  input: string,
  /** Source line of each written event (YAML line or NDJSON line), for messages. */
  lineOf: (index: number) => number | undefined,
): { events: NormalizedEvent[]; errors: EventTimeError[] } {
  const events: NormalizedEvent[] = [];
  const errors: EventTimeError[] = [];
  let previous: number | undefined;
  written.forEach((fields, index) => {
    const event: NormalizedEvent = { ...defaults, ...fields };
    if (typeof event.EventID === 'string' && /^\d+$/.test(event.EventID)) event.EventID = Number(event.EventID);
    const time = event.UtcTime;
    let ms: number | undefined;
    if (time === undefined) {
      ms = previous === undefined ? baseMs : previous + 1000;
    } else if (typeof time === 'string') {
      const offset = parseOffset(time);
      ms = offset !== undefined ? baseMs + offset : parseAbsoluteTime(time);
    }
    if (ms === undefined) {
      errors.push({ index, message: `UtcTime '${String(time)}' is neither a time nor an offset like +12s` });
    } else {
      event.UtcTime = formatUtcTime(ms);
      previous = ms;
    }
    const line = lineOf(index);
    event[PROVENANCE_KEY] = line === undefined ? { input, record: index + 1 } : { input, line, record: index + 1 };
    events.push(event);
  });
  return { events, errors };
}
