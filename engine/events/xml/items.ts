/** The read items for one piece of event XML (whole, repaired or cut): shared by the XML and syslog readers. */
import { diagnostic, type Location } from '../../diagnostics.js';
import { eventFromXml } from './event-xml.js';
import { PROVENANCE_KEY, type Provenance } from '../../event.js';
import type { ReadItem } from '../reader.js';
import type { TextPosition } from './parse.js';
import { parseEventText, REPAIRED_WARNING } from './repair.js';
import { cutReason, salvageEvent } from './salvage.js';

export function* itemsFromEventXml(text: string, at: TextPosition, provenance: Provenance): Generator<ReadItem> {
  const where = (pos: TextPosition): Location => ({ file: provenance.input, line: pos.line, col: pos.col, record: provenance.record });
  const parsed = parseEventText(text, at);
  const label = provenance.record !== undefined ? `event ${provenance.record}` : 'event';
  if (!parsed.ok) {
    if (parsed.error.cut) yield { kind: 'skip', diagnostic: diagnostic('error', 'truncated-event', cutReason(label, text.length), where(at)) };
    else yield { kind: 'skip', diagnostic: diagnostic('error', parsed.error.code ?? 'bad-xml', `malformed ${label} XML: ${parsed.error.message}; skipped`, where(parsed.error)) };
    return;
  }
  if (parsed.truncated) {
    const salvage = salvageEvent(parsed.element, text.length, label);
    if (!salvage.ok) {
      yield { kind: 'skip', diagnostic: diagnostic('error', 'truncated-event', salvage.reason, where(at)) };
      return;
    }
    yield { kind: 'warning', diagnostic: diagnostic('warning', 'salvaged-event', salvage.warning, where(at)) };
    salvage.event[PROVENANCE_KEY] = { ...provenance, truncated: true };
    yield { kind: 'event', event: salvage.event };
    return;
  }
  if (parsed.repaired) {
    yield { kind: 'warning', diagnostic: diagnostic('warning', 'repaired-xml', REPAIRED_WARNING, where(at)) };
  }
  yield { kind: 'event', event: eventFromXml(parsed.element, provenance) };
}
