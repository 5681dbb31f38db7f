/** The read items for one piece of event XML: shared by the XML and syslog readers. */
import { diagnostic, type Location } from '../../diagnostics.js';
import { eventFromXml } from './event-xml.js';
import type { Provenance } from '../../event.js';
import type { ReadItem } from '../reader.js';
import type { TextPosition } from './parse.js';
import { parseEventText, REPAIRED_WARNING } from './repair.js';

export function* itemsFromEventXml(text: string, at: TextPosition, provenance: Provenance): Generator<ReadItem> {
  const where = (pos: TextPosition): Location => ({ file: provenance.input, line: pos.line, col: pos.col, record: provenance.record });
  const parsed = parseEventText(text, at);
  if (!parsed.ok) {
    const label = provenance.record !== undefined ? `event ${provenance.record}` : 'event';
    yield { kind: 'skip', diagnostic: diagnostic('error', parsed.error.code ?? 'bad-xml', `malformed ${label} XML: ${parsed.error.message}; skipped`, where(parsed.error)) };
    return;
  }
  if (parsed.repaired) {
    yield { kind: 'warning', diagnostic: diagnostic('warning', 'repaired-xml', REPAIRED_WARNING, where(at)) };
  }
  yield { kind: 'event', event: eventFromXml(parsed.element, provenance) };
}
