/** Config parsing: structure, options, and located errors for malformed configs. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, loadSysmonConfigFile, parseSysmonConfig } from '../../engine/index.js';

const messages = (xml: string) => parseSysmonConfig(xml, 'c.xml').diagnostics.map(formatDiagnostic);

describe('parseSysmonConfig', () => {
  it('reads options, blocks, relations and names', () => {
    const { config, diagnostics } = parseSysmonConfig(`<?xml version="1.0" encoding="UTF-8"?>
<Sysmon schemaversion="4.5">
  <HashAlgorithms>md5,sha256,IMPHASH</HashAlgorithms>
  <CheckRevocation>False</CheckRevocation>
  <DnsLookup>False</DnsLookup>
  <ArchiveDirectory>Sysmon</ArchiveDirectory>
  <EventFiltering>
    <RuleGroup name="g" groupRelation="or">
      <RegistryEvent onmatch="include">
        <Details name="d" condition="contains">cmd &amp; <![CDATA[x]]></Details>
        <Rule groupRelation="and"><TargetObject>HKLM\\a</TargetObject></Rule>
      </RegistryEvent>
    </RuleGroup>
    <WmiEvent onmatch="exclude"/>
  </EventFiltering>
</Sysmon>`, 'c.xml');
    expect(diagnostics).toEqual([]);
    expect(config!.schemaVersionNumber).toBe(4.5);
    expect(config!.options.map((o) => [o.name, o.value])).toEqual([
      ['HashAlgorithms', 'md5,sha256,IMPHASH'], ['CheckRevocation', 'False'], ['DnsLookup', 'False'], ['ArchiveDirectory', 'Sysmon'],
    ]);
    const [registry, wmi] = config!.blocks;
    // Details exists only in event 13, so Sysmon builds the RegistryEvent block for 13.
    expect(registry).toMatchObject({ tag: 'RegistryEvent', eventId: 13, onmatch: 'include', relation: 'or', groupName: 'g', where: { line: 9, col: 7 } });
    expect(registry.entries[0]).toMatchObject({ kind: 'field', field: 'Details', condition: 'contains', value: 'cmd & ', name: 'd' });
    expect(registry.entries[1]).toMatchObject({ kind: 'rule', relation: 'and', name: 'g', conditions: [{ field: 'TargetObject', condition: 'is', name: 'g' }] });
    expect(wmi).toMatchObject({ tag: 'WmiEvent', eventId: 19, relation: 'and', entries: [] });
  });

  it('locates malformed XML', () => {
    expect(messages('<Sysmon schemaversion="4.90">\n  <EventFiltering>\n  </EventFilterin>\n</Sysmon>')).toEqual([
      expect.stringMatching(/^c\.xml:3:\d+: error: malformed XML: unexpected close tag <\/EventFilterin> \[config-xml-syntax\]$/),
    ]);
  });

  it('locates config errors Sysmon refuses to load', () => {
    const xml = `<Sysmon schemaversion="4.90">
<EventFiltering>
  <ProcessCreate onmatch="include">
    <ImageName condition="is">a</ImageName>
    <Image condition="starts with">b</Image>
  </ProcessCreate>
  <FileCreate>
    <TargetFilename>x</TargetFilename>
  </FileCreate>
  <RegistryEvent onmatch="include"><Details>a</Details><NewName>b</NewName></RegistryEvent>
  <DnsQuery onmatch="include"><QueryName name="${'n'.repeat(256)}">x</QueryName></DnsQuery>
</EventFiltering>
</Sysmon>`;
    const out = messages(xml);
    expect(out).toEqual([
      expect.stringMatching(/^c\.xml:4:5: error: incorrect field <ImageName> for ProcessCreate.*\[config-field\]$/),
      expect.stringMatching(/^c\.xml:5:5: error: unknown condition 'starts with' on <Image>.*\[config-condition\]$/),
      expect.stringMatching(/^c\.xml:7:3: error: <FileCreate> needs an onmatch attribute.*\[config-onmatch\]$/),
      expect.stringMatching(/^c\.xml:10:3: error: no single RegistryEvent event type \(12, 13, 14\) has all of the fields Details, NewName \[config-field\]$/),
      expect.stringMatching(/^c\.xml:11:31: error: rule name of 256 characters; Sysmon allows at most 255 \[config-rule-name\]$/),
    ]);
  });

  it('rejects a document that is not a Sysmon config', () => {
    expect(messages('<Config/>')).toEqual(['c.xml:1:1: error: root element is <Config>, expected <Sysmon> [config-root]']);
    expect(messages('<Sysmon><EventFiltering/></Sysmon>')).toEqual(['c.xml:1:1: error: missing schemaversion attribute on <Sysmon> [config-schema-version]']);
    expect(parseSysmonConfig('<Sysmon schemaversion="x"/>', 'c.xml').config).toBeUndefined();
  });

  it('warns about what Sysmon silently ignores', () => {
    expect(messages('<Sysmon schemaversion="4.90"><Hash>md5</Hash><EventFiltering><processcreate onmatch="include"/></EventFiltering></Sysmon>')).toEqual([
      'c.xml:1:30: warning: unknown top-level option <Hash> [config-option]',
      expect.stringMatching(/^c\.xml:1:62: warning: <processcreate> is neither a RuleGroup nor an event type; Sysmon ignores it.*\[config-unknown-element\]$/),
    ]);
  });
});

describe('loadSysmonConfigFile', () => {
  it('reads UTF-16LE configs (with BOM, as Windows editors save them) and UTF-8 with a BOM', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sysmon-load-'));
    const xml = '<?xml version="1.0" encoding="UTF-16"?>\r\n<Sysmon schemaversion="4.90">\r\n<EventFiltering><ProcessCreate onmatch="include"><Image condition="end with">ü.exe</Image></ProcessCreate></EventFiltering>\r\n</Sysmon>\r\n';
    writeFileSync(path.join(dir, 'u16.xml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]));
    writeFileSync(path.join(dir, 'u8.xml'), '\ufeff' + xml.replace('UTF-16', 'UTF-8'));
    for (const name of ['u16.xml', 'u8.xml']) {
      const loaded = await loadSysmonConfigFile(path.join(dir, name));
      expect(loaded.diagnostics).toEqual([]);
      expect(loaded.config!.blocks[0]).toMatchObject({ where: { line: 3 }, entries: [{ value: 'ü.exe' }] });
      expect(loaded.compiled).toBeDefined();
    }
    const missing = await loadSysmonConfigFile(path.join(dir, 'none.xml'));
    expect(missing.diagnostics[0]).toMatchObject({ code: 'config-read', where: { file: path.join(dir, 'none.xml') } });
  });
});
