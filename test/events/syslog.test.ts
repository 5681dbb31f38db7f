import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ndjsonReader } from '../../engine/events/ndjson.js';
import { syslogReader } from '../../engine/events/syslog.js';
import { xmlReader } from '../../engine/events/xml/reader.js';
import { bare, eventToXml, eventsOf, problemsOf, readAll, sourceOf } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const sample = readFileSync(path.join(ROOT, 'samples/inputs/sysmon-linux.log'), 'utf8');

describe('syslog reader (Sysmon for Linux)', () => {
  it('reads the sample: Linux paths, EventID numbers, located problems, ignored lines counted', async () => {
    const items = await readAll(syslogReader, sourceOf('syslog', sample));
    const events = eventsOf(items);
    expect(events.map((e) => [e.EventID, e.Image, e.Computer, e.Channel])).toEqual([
      [1, '/usr/bin/wget', 'web01', 'Linux-Sysmon/Operational'],
      [3, '/usr/bin/wget', 'web01', 'Linux-Sysmon/Operational'],
      [5, '<unknown process>', 'web01', 'Linux-Sysmon/Operational'],
      [1, '/usr/bin/curl', 'web01', 'Linux-Sysmon/Operational'],
    ]);
    // The line cut inside CommandLine keeps the fields before it and says so.
    expect(events[3].CommandLine).toBeUndefined();
    expect(events[3]['@source']).toEqual({ input: 'syslog', line: 5, record: 4, truncated: true });
    expect(events[0].Security_UserID).toBe('0');
    expect(events[0]['@source']).toEqual({ input: 'syslog', line: 2, record: 1 });
    expect(problemsOf(items)).toEqual(['warning repaired-xml 4:31', 'warning salvaged-event 5:31', 'warning no-event 1:']);
  });

  it('finds the event after RFC 3164, RHEL, RFC 5424 and ISO-timestamp headers', async () => {
    const xml = eventToXml({ EventID: 1, Computer: 'h', Image: '/usr/bin/id' }, { namespace: false });
    const lines = [
      `Mar  1 12:00:00 h sysmon: ${xml}`,
      `Mar 11 12:00:00 h sysmon[1234]: ${xml}`,
      `<14>1 2026-03-01T12:00:00.000000+00:00 h sysmon 1234 - - ${xml}`,
      `2026-03-01T12:00:00.123456+00:00 h sysmon: ${xml}   `,
    ].join('\r\n');
    const items = await readAll(syslogReader, sourceOf('s', lines));
    expect(problemsOf(items)).toEqual([]);
    expect(bare(eventsOf(items))).toEqual(Array(4).fill({ EventID: 1, Computer: 'h', Image: '/usr/bin/id' }));
  });

  it('gives field for field the event the XML reader gives for the same XML', async () => {
    const xml = eventToXml({ Provider_Name: 'Linux-Sysmon', EventID: 11, '@timestamp': '2026-03-01T12:00:00.000000001Z', Computer: 'h', TargetFilename: '/tmp/a b', Image: '/bin/cp' }, { namespace: false });
    const fromSyslog = bare(eventsOf(await readAll(syslogReader, sourceOf('s', `Mar  1 12:00:00 h sysmon: ${xml}\n`))));
    const fromXml = bare(eventsOf(await readAll(xmlReader, sourceOf('x', xml))));
    expect(fromSyslog).toEqual(fromXml);
    expect(fromSyslog).toHaveLength(1);
  });

  it('skips malformed XML on a line with its location and goes on', async () => {
    const good = eventToXml({ EventID: 1, Image: '/bin/ls' }, { namespace: false });
    const text = `Mar  1 12:00:00 h sysmon: <Event><System><EventID>1</EventID></System><EventData><Data Name="A">x</B></EventData></Event>\nMar  1 12:00:01 h sysmon: ${good}\n`;
    const items = await readAll(syslogReader, sourceOf('s', text));
    expect(eventsOf(items).map((e) => e.Image)).toEqual(['/bin/ls']);
    const skip = items[0];
    expect(skip.kind === 'skip' && [skip.diagnostic.code, skip.diagnostic.where.line, skip.diagnostic.where.record]).toEqual(['bad-xml', 1, 1]);
    expect(skip.kind === 'skip' && skip.diagnostic.where.col).toBeGreaterThan(27);
  });

  it('journald JSON (journalctl -o json) gives the events the syslog reader gives', async () => {
    const journal = readFileSync(path.join(ROOT, 'samples/inputs/sysmon-linux-journal.json'), 'utf8');
    const items = await readAll(ndjsonReader, sourceOf('journal', journal));
    const fromSyslog = bare(eventsOf(await readAll(syslogReader, sourceOf('syslog', sample))));
    expect(bare(eventsOf(items))).toEqual(fromSyslog);
    expect(problemsOf(items)).toEqual(['warning repaired-xml 4:', 'warning salvaged-event 5:', 'warning no-event 1:']);
    expect(eventsOf(items)[3]['@source']).toMatchObject({ truncated: true });
  });

  it('sniffs syslog lines carrying events, not plain XML or JSON', () => {
    expect(syslogReader.sniff(Buffer.from(sample))).toBe(true);
    expect(syslogReader.sniff(Buffer.from('<14>1 2026-03-01T12:00:00Z web01 sysmon - - - <Event><System>'))).toBe(true);
    expect(syslogReader.sniff(Buffer.from('Mar  1 12:00:00 h cron[1]: nothing here\n'))).toBe(false);
  });

  it('F1 an event nested 10,000 deep is a located skip and the lines after it are read', async () => {
    const line = (n: number, extra = '') => `Mar  1 12:00:0${n} h sysmon: <Event><System><EventID>1</EventID></System><EventData><Data Name="N">${n}</Data>${extra}</EventData></Event>`;
    const deep = `<Data Name="D">${'<x>'.repeat(10_000)}${'</x>'.repeat(10_000)}</Data>`;
    const items = await readAll(syslogReader, sourceOf('deep.log', [line(1), line(2, deep), line(3)].join('\n')));
    expect(eventsOf(items).map((e) => e.N)).toEqual(['1', '3']);
    expect(problemsOf(items)).toEqual([expect.stringMatching(/^skip too-deep 2:\d+$/)]);
  });
});
