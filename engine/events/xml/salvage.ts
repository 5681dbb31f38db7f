/**
 * An event cut before its end (syslog's line limit, a file or shipper cut mid-write; issue 12.3):
 * the fields complete before the cut are kept and the event is marked `truncated` in its
 * provenance, with a warning that says where it broke off. Without even its EventID nothing is
 * worth keeping and it is skipped. Shared by the XML, syslog and syslog-json readers.
 */
import type { NormalizedEvent } from '../../event.js';
import { eventFromXml, type XmlElement } from './event-xml.js';

export type Salvage = { ok: true; event: NormalizedEvent; warning: string } | { ok: false; reason: string };

/** `label` names the event in messages (`event 5`); `chars`: how much text there was before the cut. */
export function salvageEvent(element: XmlElement, chars: number, label: string): Salvage {
  const event = eventFromXml(element);
  if (event.EventID === undefined) return { ok: false, reason: cutReason(label, chars) };
  const fields = Object.keys(event);
  const warning = `${label} (EventID ${event.EventID}) is cut off after ${chars} characters; ${fields.length} complete field(s) kept, the last ${fields[fields.length - 1]}; marked truncated`;
  return { ok: true, event, warning };
}

export function cutReason(label: string, chars: number): string {
  return `${label} is cut off after ${chars} characters, before its EventID; skipped`;
}
