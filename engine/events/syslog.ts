/**
 * Sysmon for Linux through syslog: one event per line, the raw event XML after the syslog header,
 * `Mar  1 12:00:00 host sysmon: <Event><System>…</EventData></Event>` (RFC 3164, RHEL adds
 * `sysmon[1234]:`; RFC 5424 and ISO-timestamp headers work the same way: the XML is found, not the
 * header parsed). Lines of other programs, common in /var/log/syslog, are counted and reported once.
 */
import { diagnostic } from '../diagnostics.js';
import { readLines } from './lines.js';
import { itemsFromEventXml } from './xml/items.js';
import type { EventReader, InputSource, ReadItem } from './reader.js';

const EVENT_START = /<(?:\w+:)?Event[\s>/]/;
const END_TAG = '</Event>';
/** A syslog header (optionally `<PRI>`), then the event XML, on one line. */
const SNIFF_LINE = /^(?:<\d{1,3}>)?[^<\r\n]{1,300}<Event[\s>]/m;

export const syslogReader: EventReader = {
  format: 'syslog',
  sniff(head) {
    return SNIFF_LINE.test(head.toString('utf8', 0, Math.min(head.length, 64 * 1024)));
  },
  async *read(source: InputSource): AsyncGenerator<ReadItem> {
    let ignored = 0;
    let firstIgnored = 0;
    let record = 0;
    for await (const line of readLines(source.open())) {
      if (line.tooLong !== undefined) {
        yield { kind: 'skip', diagnostic: diagnostic('error', 'line-too-long', `line of ${line.tooLong} bytes exceeds the line limit; skipped`, { file: source.name, line: line.number }) };
        continue;
      }
      const match = EVENT_START.exec(line.text);
      if (!match) {
        if (line.text.trim() !== '') {
          if (ignored === 0) firstIgnored = line.number;
          ignored++;
        }
        continue;
      }
      record++;
      const end = line.text.lastIndexOf(END_TAG);
      const at = { line: line.number, col: match.index + 1 };
      // Without </Event> the line was cut (syslog's line limit): items.ts keeps what is complete.
      const xml = end > match.index ? line.text.slice(match.index, end + END_TAG.length) : line.text.slice(match.index).trimEnd();
      yield* itemsFromEventXml(xml, at, { input: source.name, line: line.number, record });
    }
    if (ignored > 0) {
      yield { kind: 'warning', diagnostic: diagnostic('warning', 'no-event', `${ignored} line(s) without a Sysmon <Event> ignored (first at line ${firstIgnored})`, { file: source.name, line: firstIgnored }) };
    }
  },
};
