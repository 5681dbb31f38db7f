/**
 * Windows event XML: `wevtutil qe /f:xml`, `Get-WinEvent | % ToXml()`, Event Viewer's "Save as
 * XML" (an `<Events>` document) or one `<Event>` per line. Streamed event by event.
 */
import { diagnostic } from '../../diagnostics.js';
import { itemsFromEventXml } from './items.js';
import { splitEvents } from './split.js';
import { decodeUtf8 } from '../text.js';
import type { EventReader, InputSource, ReadItem } from '../reader.js';

export const xmlReader: EventReader = {
  format: 'xml',
  sniff(head) {
    const text = head.toString('utf8', 0, Math.min(head.length, 4096)).replace(/^\uFEFF/, '').trimStart();
    // An XML declaration or comment first, then an <Event>/<Events> root somewhere in the head.
    return /^<(?:\?xml|!--|(?:\w+:)?Events?[\s>/])/.test(text) && /<(?:\w+:)?Events?[\s>/]/.test(text);
  },
  async *read(source: InputSource): AsyncGenerator<ReadItem> {
    let record = 0;
    for await (const chunk of splitEvents(decodeUtf8(source.open()))) {
      if (chunk.kind === 'unclosed') {
        // Not a record: markup between events that never closed. Reported, and reading goes on.
        const message = `${chunk.markup} never closed before the next <Event> or the end; passed over`;
        yield { kind: 'warning', diagnostic: diagnostic('warning', 'unclosed-markup', message, { file: source.name, ...chunk.at }) };
        continue;
      }
      record++;
      const where = { file: source.name, line: chunk.at.line, col: chunk.at.col, record };
      if (chunk.kind === 'oversize') {
        yield { kind: 'skip', diagnostic: diagnostic('error', 'event-too-large', `XML of ${chunk.chars} characters without an event end; skipped`, where) };
        continue;
      }
      yield* itemsFromEventXml(chunk.text, chunk.at, { input: source.name, line: chunk.at.line, record });
    }
  },
};
