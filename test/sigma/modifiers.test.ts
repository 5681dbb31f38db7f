/** M1-M14: modifier outputs and the load errors of illegal chains, checked through real rules. */
import { describe, expect, it } from 'vitest';
import { base64Offsets } from '../../engine/sigma/modifiers/encoding.js';
import { engineFromCollection } from '../../engine/pipeline/engine.js';
import { collectionFromText, matches, ruleWithDetection } from '../helpers/rules.js';

const one = (item: string) => ruleWithDetection(`sel:\n  ${item}\ncondition: sel`);

describe('base64offset (M3)', () => {
  it('gives pySigma\'s three variants', () => {
    expect(base64Offsets(Buffer.from('foobar'))).toEqual(['Zm9vYmFy', 'Zvb2Jhc', 'mb29iYX']);
    expect(base64Offsets(Buffer.from('/bin/bash'))).toEqual(['L2Jpbi9iYXNo', '9iaW4vYmFza', 'vYmluL2Jhc2']);
    expect(base64Offsets(Buffer.from('ping', 'utf16le'))).toEqual(['cABpAG4AZw', 'AAaQBuAGcA', 'wAGkAbgBnA']);
  });
});

describe('value modifiers through matching', () => {
  const table: Array<[string, string, Record<string, unknown>, boolean]> = [
    ['M1 startswith', "Image|startswith: 'C:\\Users\\'", { Image: 'c:\\users\\bob\\x.exe' }, true],
    ['M1 endswith on a number keeps its text', 'Details|contains: 00000429', { Details: 'DWORD (0x00000429)' }, true],
    ['M1 contains on a regex', "CommandLine|re|contains: 'abc'", { CommandLine: 'xxabcxx' }, true],
    ['M2 all + windash expansions stay OR-linked', "CommandLine|windash|contains|all: ['-foo', '-bar']", { CommandLine: 'x /foo \u2013bar' }, true],
    ['M2 all needs every value', "CommandLine|contains|all: ['-foo', '-bar']", { CommandLine: 'x -foo' }, false],
    ['M3 base64', "CommandLine|base64|contains: 'ab http'", { CommandLine: 'YWIgaHR0cA==' }, true],
    ['M3 utf16 uses the spec BOM bytes', "CommandLine|utf16|base64|contains: 'cmd'", { CommandLine: 'x //5jAG0AZAA= y' }, true],
    ['M3 utf16be', "CommandLine|utf16be|base64|contains: 'cmd'", { CommandLine: 'AGMAbQBk' }, true],
    ['M3 utf16le alias of wide', "CommandLine|utf16le|base64offset|contains: 'ping'", { CommandLine: 'zz cABpAG4AZw zz' }, true],
    ['M4 windash 5 dashes', "CommandLine|windash|contains: ' -f '", { CommandLine: 'a \u2015f b' }, true],
    ['M5 re is case-sensitive', "CommandLine|re: '^abc$'", { CommandLine: 'ABC' }, false],
    ['M5 re|i', "CommandLine|re|i: '^abc$'", { CommandLine: 'ABC' }, true],
    ['M5 leading (?i) becomes a flag', "CommandLine|re: '(?i)^abc$'", { CommandLine: 'ABC' }, true],
    ['M5 re|s dotall', "CommandLine|re|s: 'a.b'", { CommandLine: 'a\nb' }, true],
    ['M5 re without s: dot stops at newline', "CommandLine|re: 'a.b'", { CommandLine: 'a\nb' }, false],
    ['M5 re|m multiline', "CommandLine|re|m: '^b$'", { CommandLine: 'a\nb' }, true],
    ['M6 cased', "Image|cased: 'CMD.exe'", { Image: 'cmd.exe' }, false],
    ['M6 cased equal', "Image|cased: 'CMD.exe'", { Image: 'CMD.exe' }, true],
    ['M7 cidr v6 outside', "DestinationIp|cidr: '2001:db8::/32'", { DestinationIp: '2001:db9::1' }, false],
    ['M7 cidr v4 not v6', 'DestinationIp|cidr: 10.0.0.0/8', { DestinationIp: '::ffff:10.0.0.1' }, false],
    ['M7 cidr non-IP value', 'DestinationIp|cidr: 10.0.0.0/8', { DestinationIp: 'host' }, false],
    ['M7 cidr v4 inside, leading zeros are decimal', 'DestinationIp|cidr: 10.0.0.0/8', { DestinationIp: '010.1.2.003' }, true],
    ['M7 cidr v4 edge of the network', 'DestinationIp|cidr: 10.0.0.0/8', { DestinationIp: '10.255.255.255' }, true],
    ...['10.1.2.256', '10.1.2.0003', '10.1.2', '10.1.2.3.', '10..2.3', '1O.1.2.3'].map((ip) => [`M7 cidr malformed v4 '${ip}'`, 'DestinationIp|cidr: 10.0.0.0/8', { DestinationIp: ip }, false] as const),
    ['M8 exists true on empty', 'User|exists: true', { User: '' }, true],
    ['M8 exists yes', 'User|exists: yes', { User: 'x' }, true],
    ['M9 fieldref|endswith', 'CommandLine|fieldref|endswith: Image', { CommandLine: 'run C:\\A.exe', Image: 'c:\\a.exe' }, true],
    ['M9 fieldref missing field', 'Image|fieldref: ParentImage', { Image: 'a' }, false],
    ['M9 fieldref|neq', 'SourceUser|fieldref|neq: TargetUser', { SourceUser: 'a', TargetUser: 'b' }, true],
    ['M10 gte numeric string', 'Count|gte: 5', { Count: '5' }, true],
    ['M10 lt non-numeric', 'Count|lt: 5', { Count: 'x' }, false],
    ['M11 neq on list', 'User|neq: [a, b]', { User: 'c' }, true],
    ['M11 neq on list hit', 'User|neq: [a, b]', { User: 'B' }, false],
    ['M12 hour', 'UtcTime|hour: 3', { UtcTime: '2024-01-02 03:04:05.678' }, true],
    ['M12 hour|gte', 'UtcTime|hour|gte: 8', { UtcTime: '2024-01-02 03:04:05.678' }, false],
    ['M12 month', "UtcTime|month: 1", { UtcTime: '2024-01-02T03:04:05Z' }, true],
    ['M12 week (ISO)', 'UtcTime|week: 1', { UtcTime: '2024-01-02 03:04:05.678' }, true],
    ['M12 year|lt', 'UtcTime|year|lt: 2025', { UtcTime: '2024-01-02 03:04:05.678' }, true],
    ['D8 array: any element', "Tags|contains: 'b'", { Tags: ['a', 'xbx'] }, true],
    ['D9 dotted path', "process.name: 'x'", { process: { name: 'X' } }, true],
    ['D5 bool vs JSON bool', 'Initiated: true', { Initiated: true }, true],
    ['D3 wildcard crosses newlines', "CommandLine: 'a*b'", { CommandLine: 'a\nb' }, true],
    ['D2 empty list is null', 'ParentImage: []', {}, true],
  ];
  for (const [name, item, event, expected] of table) {
    it(name, () => expect(matches(one(item), event)).toBe(expected));
  }

  it('M13 expand resolves configured placeholders (OR-linked, cartesian)', () => {
    const rule = one("ComputerName|expand: '%Servers%-%Site%'");
    const placeholders = { Servers: ['srv1', 'srv2'], Site: ['a'] };
    expect(matches(rule, { ComputerName: 'SRV2-a' }, { placeholders })).toBe(true);
    expect(matches(rule, { ComputerName: 'srv3-a' }, { placeholders })).toBe(false);
  });

  it('M13 \\% escapes a percent under expand', () => {
    expect(matches(one("x|expand: '100\\%'"), { x: '100%' })).toBe(true);
  });

  it('M13 an unconfigured placeholder matches nothing and is a located warning', () => {
    const collection = collectionFromText(one("ComputerName|expand: '%Servers%'"));
    expect(collection.rules).toHaveLength(1);
    const warning = collection.diagnostics.find((d) => d.code === 'unresolved-placeholder');
    expect(warning?.severity).toBe('warning');
    expect(warning?.where.line).toBeGreaterThan(0);
    expect(matches(one("ComputerName|expand: '%Servers%'"), { ComputerName: '' })).toBe(false);
  });
});

describe('illegal chains are located load errors (M14)', () => {
  const table: Array<[string, string, RegExp]> = [
    ['unknown modifier', "Image|startswithh: 'x'", /unknown modifier 'startswithh'/],
    ['re not first', "Image|contains|re: 'x'", /'re' must be the first modifier/],
    ['cidr host bits', 'DestinationIp|cidr: 192.168.1.1/24', /host bits/],
    ['cidr not an IP', "DestinationIp|cidr: 'nope'", /not an IPv4 or IPv6/],
    ['exists non-bool', "User|exists: 'maybe'", /true or false/],
    ['gt on a string', "Count|gt: '5'", /'gt' needs a number/],
    ['base64 with wildcard', "CommandLine|base64: 'a*'", /wildcards/],
    ['fieldref with wildcard', "Image|fieldref: 'Par*'", /wildcards/],
    ['flag without re', "Image|i: 'x'", /needs a preceding 're'/],
    ['regex the linear engine rejects', "Image|re: '(?<=a)b'", /linear-time engine/],
  ];
  for (const [name, item, message] of table) {
    it(name, () => {
      const text = one(item);
      const collection = collectionFromText(text);
      const engine = engineFromCollection(collection);
      const errors = engine.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.length, `no error for ${item}`).toBeGreaterThan(0);
      expect(errors[0].message).toMatch(message);
      // The item sits on line 6 of the generated rule (its value from column 5 on).
      expect(errors[0].where).toMatchObject({ file: 'inline.yml', line: 6 });
      expect(errors[0].where.col).toBeGreaterThanOrEqual(5);
    });
  }
});


describe('hostile regexes', () => {
  it('a catastrophic-backtracking pattern runs in linear time on the RE2 engine', () => {
    // On a backtracking engine this pattern never finishes on this input.
    const rule = one("CommandLine|re: '^(a+)+$'");
    expect(matches(rule, { CommandLine: 'a'.repeat(50_000) + 'b' })).toBe(false);
    expect(matches(rule, { CommandLine: 'a'.repeat(50_000) })).toBe(true);
  });
});
