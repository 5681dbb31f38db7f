/**
 * Issue 12.5: one name per field across readers. Sysmon for Linux's `<Security UserId>` reads as
 * Windows' `Security_UserID`; an EventData field named like a System field (Sysmon event 4's
 * `Version`) keeps both values, System's as `System_Version`; fields the pipeline reads (EventID,
 * Channel, Computer, @timestamp) stay System's and the data one becomes `EventData_<name>`.
 */
import { describe, expect, it } from 'vitest';
import { ndjsonReader } from '../../engine/events/ndjson.js';
import { syslogReader } from '../../engine/events/syslog.js';
import { xmlReader } from '../../engine/events/xml/reader.js';
import { bare, eventsOf, problemsOf, readAll, sourceOf } from './helpers.js';

const SYSMON_4 = '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-Sysmon"/>'
  + '<EventID>4</EventID><Version>3</Version><Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>ws01</Computer>'
  + '<Security UserID="S-1-5-18"/></System><EventData><Data Name="UtcTime">2026-03-01 12:00:00.000</Data>'
  + '<Data Name="State">Started</Data><Data Name="Version">15.15</Data><Data Name="SchemaVersion">4.90</Data></EventData></Event>';

const LINUX_1 = 'Mar  1 12:00:00 web01 sysmon: <Event><System><Provider Name="Linux-Sysmon" Guid="{ff032593-a8d3-4f13-b0d6-01fc615a0f97}"/>'
  + '<EventID>1</EventID><Version>5</Version><Channel>Linux-Sysmon/Operational</Channel><Computer>web01</Computer>'
  + '<Security UserId="0"/></System><EventData><Data Name="Image">/usr/bin/id</Data></EventData></Event>\n';

const ECS_4 = JSON.stringify({ '@timestamp': '2026-03-01T12:00:00.000Z', winlog: { channel: 'Microsoft-Windows-Sysmon/Operational', computer_name: 'ws01', event_id: 4, version: 3,
  user: { identifier: 'S-1-5-18' }, event_data: { UtcTime: '2026-03-01 12:00:00.000', State: 'Started', Version: '15.15', SchemaVersion: '4.90', Computer: 'other' } } }) + '\n';

describe('field names across readers (issue 12.5)', () => {
  it('Sysmon for Linux UserId reads as Security_UserID, as on Windows', async () => {
    const [event] = eventsOf(await readAll(syslogReader, sourceOf('linux.log', LINUX_1)));
    expect(event.Security_UserID).toBe('0');
    expect(event).not.toHaveProperty('Security_UserId');
  });

  it('Sysmon event 4: EventData Version and System Version are both kept (XML)', async () => {
    const items = await readAll(xmlReader, sourceOf('e4.xml', SYSMON_4));
    expect(problemsOf(items)).toEqual([]);
    const [event] = bare(eventsOf(items));
    expect(event).toMatchObject({ EventID: 4, System_Version: '3', Version: '15.15', Security_UserID: 'S-1-5-18', SchemaVersion: '4.90' });
  });

  it('the syslog reader gives the same event 4 fields as the XML reader', async () => {
    const xml = bare(eventsOf(await readAll(xmlReader, sourceOf('e4.xml', SYSMON_4))));
    const syslog = bare(eventsOf(await readAll(syslogReader, sourceOf('e4.log', `Mar  1 12:00:00 ws01 sysmon: ${SYSMON_4}\n`))));
    expect(syslog).toEqual(xml);
  });

  it('Winlogbeat (ECS): the same names, and a data field named Computer does not move the host', async () => {
    const [event] = bare(eventsOf(await readAll(ndjsonReader, sourceOf('e4.ndjson', ECS_4))));
    expect(event).toMatchObject({ EventID: 4, System_Version: '3', Version: '15.15', Security_UserID: 'S-1-5-18', Computer: 'ws01', EventData_Computer: 'other' });
  });
});
