/**
 * A deterministic id for a hit: the same rule on the same event (or the same correlation over
 * the same hits) gets the same id in any process, whatever the input was called, so a sink can
 * de-duplicate replays (NATS message ids) and runs can be compared as sets.
 */
import { createHash } from 'node:crypto';
import { PROVENANCE_KEY, type NormalizedEvent } from '../event.js';
import type { Hit } from '../hit.js';

/** JSON with object keys sorted and the provenance left out: the event's content only. */
function canonical(value: unknown, top = false): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v)).join(',')}]`;
  const keys = Object.keys(value).filter((k) => !(top && k === PROVENANCE_KEY)).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

function ruleKey(hit: Hit): string {
  return hit.rule.id ?? hit.rule.name ?? hit.rule.title;
}

export function hitId(hit: Hit): string {
  const hash = createHash('sha256');
  if (hit.kind === 'detection') {
    hash.update(`d\0${ruleKey(hit)}\0${canonical(hit.event as NormalizedEvent, true)}`);
  } else {
    const c = hit.correlation;
    hash.update(`c\0${ruleKey(hit)}\0${canonical(c.group)}\0${c.value ?? ''}\0${c.first}\0${c.last}\0${hit.hits.map(hitId).join(',')}`);
  }
  return hash.digest('hex').slice(0, 32);
}
