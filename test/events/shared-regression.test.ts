/**
 * The SigmaHQ regression events (../shared, not copied into the repo) rendered as Windows event
 * XML, as Sysmon-for-Linux-style syslog lines, as evtx_dump JSON and as pretty-printed JSON read
 * back to exactly the NDJSON events: real values (trailing spaces, CR inside values, non-ASCII,
 * characters that need escaping) survive every text reader.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NormalizedEvent } from '../../engine/event.js';
import { ndjsonReader } from '../../engine/events/ndjson.js';
import { syslogReader } from '../../engine/events/syslog.js';
import { xmlReader } from '../../engine/events/xml/reader.js';
import { eventToEvtxJson } from '../../engine/testing/render-event.js';
import { bare, eventToXml, eventsOf, problemsOf, readAll, sourceOf } from './helpers.js';

const REGRESSION = path.resolve(import.meta.dirname, '../../../shared/sigmahq/regression');
const present = existsSync(REGRESSION);
if (!present) console.log(`shared regression events not found at ${REGRESSION}: skipping the round-trip tests`);

function load(): NormalizedEvent[] {
  const events: NormalizedEvent[] = [];
  for (const file of readdirSync(REGRESSION).filter((f) => f.endsWith('.ndjson')).sort()) {
    for (const line of readFileSync(path.join(REGRESSION, file), 'utf8').split('\n')) if (line.trim()) events.push(JSON.parse(line));
  }
  return events;
}

describe.skipIf(!present)('SigmaHQ regression events through every text format', () => {
  const events = present ? load() : [];

  it('has the 171 events', () => {
    expect(events).toHaveLength(171);
  });

  it('Windows event XML (an <Events> document)', async () => {
    const doc = `<?xml version="1.0" encoding="utf-8"?>\n<Events>\n${events.map((e) => eventToXml(e)).join('\n')}\n</Events>\n`;
    const items = await readAll(xmlReader, sourceOf('regression.xml', doc, 4093));
    expect(problemsOf(items)).toEqual([]);
    expect(bare(eventsOf(items))).toEqual(events);
  });

  it('syslog lines', async () => {
    const lines = events.map((e) => `Oct 25 17:38:32 host sysmon: ${eventToXml(e, { namespace: false })}`).join('\n');
    const items = await readAll(syslogReader, sourceOf('syslog', lines));
    expect(problemsOf(items)).toEqual([]);
    expect(bare(eventsOf(items))).toEqual(events);
  });

  it('evtx_dump JSON, one per line and pretty-printed with Record lines', async () => {
    const perLine = events.map((e) => JSON.stringify(eventToEvtxJson(e))).join('\n');
    expect(bare(eventsOf(await readAll(ndjsonReader, sourceOf('dump.jsonl', perLine))))).toEqual(events);
    const pretty = events.map((e, i) => `Record ${i + 1}\n${JSON.stringify(eventToEvtxJson(e), null, 2)}`).join('\n');
    const items = await readAll(ndjsonReader, sourceOf('dump.json', pretty, 1000));
    expect(problemsOf(items)).toEqual([]);
    expect(bare(eventsOf(items))).toEqual(events);
  });
});
