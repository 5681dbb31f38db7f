/**
 * Sysmon for Linux events that a log shipper wrapped in JSON: the event XML is the message of a
 * journald record (`journalctl -o json _COMM=sysmon`: `MESSAGE`), an Azure Log Analytics Syslog
 * row (`SyslogMessage`) or a Filebeat/Logstash syslog document (`message`). The XML is read by the
 * same parser and flattening as the XML and syslog readers.
 */
import { PROVENANCE_KEY } from '../../event.js';
import { eventFromXml } from '../xml/event-xml.js';
import { parseEventText, REPAIRED_WARNING } from '../xml/repair.js';
import { cutReason, salvageEvent } from '../xml/salvage.js';
import type { JsonObject, JsonShape } from './shape.js';

/** journald's record fields, Azure's Syslog table column; their rows are this shape whatever the message. */
const JOURNAL = ['__REALTIME_TIMESTAMP', 'MESSAGE'];
const AZURE = 'SyslogMessage';
/** Where each source keeps the message. */
const MESSAGE_FIELDS = ['MESSAGE', AZURE, 'message'];

function messageOf(record: JsonObject): string | undefined {
  for (const field of MESSAGE_FIELDS) {
    const value = record[field];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

export const syslogJsonShape: JsonShape = {
  name: 'syslog-json',
  detect: (record) => JOURNAL.every((field) => field in record) || AZURE in record || (typeof record.message === 'string' && record.message.includes('<Event')),
  toEvent(record, warn) {
    const message = messageOf(record);
    const start = message?.search(/<(?:\w+:)?Event[\s>/]/) ?? -1;
    if (message === undefined || start === -1) return null;
    const parsed = parseEventText(message.slice(start).trimEnd(), { line: 1, col: start + 1 });
    // The position is inside the message string, not the input line: give the column only.
    if (!parsed.ok) return parsed.error.cut ? cutReason('event XML in the message', message.length - start) : `event XML in the message: ${parsed.error.message} (message column ${parsed.error.col})`;
    if (parsed.truncated) {
      const salvage = salvageEvent(parsed.element, message.length - start, 'event XML in the message');
      if (!salvage.ok) return salvage.reason;
      warn?.('salvaged-event', salvage.warning);
      // The reader adds the record's place to this provenance.
      salvage.event[PROVENANCE_KEY] = { input: '', truncated: true };
      return salvage.event;
    }
    if (parsed.repaired) warn?.('repaired-xml', REPAIRED_WARNING);
    return eventFromXml(parsed.element);
  },
};
