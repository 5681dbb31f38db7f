/**
 * A hit's JSON text, composed from pieces serialized once (pino's lesson): a rule's `rule` and
 * `attack` objects are the same on every hit they make, and an event is the same on every hit of
 * its rules, so each is stringified once and reused. The text is byte-for-byte what
 * `JSON.stringify(hit)` gives (same keys, same order); any writer that emits hit JSON uses it, and
 * so do a sharded run's workers. It sits with the hit contract: it is the hit's wire form.
 *
 * What the cache assumes: rule summaries, resolved ATT&CK objects (frozen, see attack/resolve.ts)
 * and events are not changed once a hit carries them, which the pipeline never does.
 */
import type { Hit } from './hit.js';

/** Long-lived shared objects (one per rule, one per distinct ATT&CK resolution): kept while they live. */
const sharedTexts = new WeakMap<object, string>();
const SHARED_KEYS = new Set(['rule', 'attack']);

const keyTexts = new Map<string, string>();
function keyText(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) keyTexts.set(key, (text = JSON.stringify(key) + ':'));
  return text;
}

/** The last event serialized, shared by everything in this thread that needs an event's JSON text. */
let lastEvent: object | undefined;
let lastEventText = '';

/**
 * `JSON.stringify(event)`, once per event: the hits of one event are named (pipeline/hit-id.ts,
 * which names an event without a record id by its content) and written one after the other, and
 * only the last event's text is kept.
 */
export function eventJson(event: object): string {
  if (event !== lastEvent) {
    lastEventText = JSON.stringify(event);
    lastEvent = event;
  }
  return lastEventText;
}

export class HitJson {
  /** `JSON.stringify(hit)`, without re-serializing what earlier hits already did. */
  text(hit: Hit): string {
    let out = '{';
    let first = true;
    for (const key of Object.keys(hit)) {
      const value = (hit as unknown as Record<string, unknown>)[key];
      const text = this.valueText(key, value);
      if (text === undefined) continue;
      out += (first ? '' : ',') + keyText(key) + text;
      first = false;
    }
    return out + '}';
  }

  private valueText(key: string, value: unknown): string | undefined {
    if (value === null || typeof value !== 'object') return JSON.stringify(value);
    if (key === 'event') return eventJson(value);
    if (key === 'hits' && Array.isArray(value)) return '[' + value.map((h: Hit) => this.text(h)).join(',') + ']';
    if (!SHARED_KEYS.has(key)) return JSON.stringify(value);
    let text = sharedTexts.get(value);
    if (text === undefined) sharedTexts.set(value, (text = JSON.stringify(value)));
    return text;
  }
}
