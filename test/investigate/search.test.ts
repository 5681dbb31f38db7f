/** Search (issue 15 deliverable 1): every criterion on every EventID of its table, the match modes, --all/--any, FIELD=VALUE. */
import { describe, expect, it } from 'vitest';
import { compileSearch, searchEvents, SEARCH_CRITERIA, type NormalizedEvent, type SearchQuery } from '../../engine/index.js';

const WIN = 'Microsoft-Windows-Sysmon/Operational';

async function matches(query: SearchQuery, events: NormalizedEvent[]): Promise<number[]> {
  const { search, diagnostics } = compileSearch(query);
  expect(diagnostics).toEqual([]);
  const found: number[] = [];
  async function* source() {
    yield* events;
  }
  for await (const hit of searchEvents(search!, source())) found.push(events.indexOf(hit.kind === 'detection' ? hit.event : {}));
  return found;
}

/** A value of the kind the field carries, written as Sysmon writes it there. */
function stored(match: string, value: string): string {
  if (match === 'basename') return `C:\\Some Folder\\${value}`;
  if (match === 'list-item') return `type:  5 cdn.example;::ffff:${value};${value};`;
  if (match === 'hash-item') return `SHA1=AAAA,MD5=${value},SHA256=BBBB`;
  return value;
}

const VALUE: Record<string, string> = {
  ip: '203.0.113.9', port: '4444', host: 'evil.example', process: 'evil.exe', file: 'evil.dll',
  'registry-key': 'HKLM\\Software\\Evil', 'registry-value': 'EvilValue', hash: '0123456789ABCDEF0123456789ABCDEF',
};

describe('search criteria table: each criterion finds its value in each field of each EventID it names', () => {
  const cases = SEARCH_CRITERIA.flatMap((c) =>
    Object.entries(c.fields).flatMap(([eventId, rules]) => rules.map((rule) => ({ criterion: c.name, eventId: Number(eventId), rule }))),
  );
  it.each(cases)('--$criterion on EventID $eventId finds $rule.field ($rule.match)', async ({ criterion, eventId, rule }) => {
    const value = VALUE[criterion];
    const hit = { EventID: eventId, Channel: WIN, [rule.field]: stored(rule.match, value) };
    const other = { EventID: eventId, Channel: WIN, [rule.field]: stored(rule.match, 'nothing-alike') };
    // The same field on an EventID outside the criterion's table is not searched.
    const elsewhere = { EventID: 4, Channel: WIN, [rule.field]: stored(rule.match, value) };
    expect(await matches({ join: 'all', terms: [{ criterion, values: [value] }] }, [hit, other, elsewhere])).toEqual([0]);
  });
});

describe('search match modes', () => {
  const proc = (Image: string, extra: Record<string, unknown> = {}) => ({ EventID: 1, Channel: WIN, Image, ...extra });
  const table: { name: string; query: SearchQuery; events: NormalizedEvent[]; expected: number[] }[] = [
    {
      name: 'basename: a file name finds the full path (Windows and Unix), case-insensitively, but not a longer name',
      query: { join: 'all', terms: [{ criterion: 'process', values: ['wget'] }] },
      events: [proc('/usr/bin/wget'), proc('C:\\Tools\\WGET'), proc('/usr/bin/wget2'), proc('wget')],
      expected: [0, 1, 3],
    },
    {
      name: 'basename: a leading wildcard stays a wildcard',
      query: { join: 'all', terms: [{ criterion: 'process', values: ['*shell.exe'] }] },
      events: [proc('C:\\Windows\\powershell.exe'), proc('C:\\x\\pwsh.exe'), proc('C:\\x\\shell.exe.bak')],
      expected: [0],
    },
    {
      name: 'exact: a full path with wildcards',
      query: { join: 'all', terms: [{ criterion: 'process', values: ['C:\\Users\\*\\AppData\\*'] }] },
      events: [proc('C:\\Users\\bob\\AppData\\Local\\x.exe'), proc('C:\\Windows\\x.exe')],
      expected: [0],
    },
    {
      name: 'process also finds the parent of a process creation and the source or target of an access',
      query: { join: 'all', terms: [{ criterion: 'process', values: ['lsass.exe'] }] },
      events: [proc('C:\\a.exe', { ParentImage: 'C:\\Windows\\lsass.exe' }), { EventID: 10, TargetImage: 'C:\\Windows\\System32\\lsass.exe' }, { EventID: 3, TargetImage: 'C:\\Windows\\lsass.exe' }],
      expected: [0, 1],
    },
    {
      name: 'list-item: an IP among DNS answers, not a longer address that contains it',
      query: { join: 'all', terms: [{ criterion: 'ip', values: ['10.0.0.1'] }] },
      events: [{ EventID: 22, QueryResults: '::ffff:10.0.0.1;' }, { EventID: 22, QueryResults: '::ffff:110.0.0.12;' }, { EventID: 3, DestinationIp: '10.0.0.1' }, { EventID: 3, DestinationIp: '10.0.0.10' }],
      expected: [0, 2],
    },
    {
      name: 'hash-item: a hash alone or as ALG=VALUE, not a prefix of another',
      query: { join: 'any', terms: [{ criterion: 'hash', values: ['md5=abc', 'DEF1'] }] },
      events: [{ EventID: 1, Hashes: 'MD5=ABC,SHA256=FFF' }, { EventID: 7, Hashes: 'SHA256=DEF1' }, { EventID: 7, Hashes: 'SHA256=DEF12' }, { EventID: 15, Hash: 'MD5=ABC' }],
      expected: [0, 1, 3],
    },
    {
      name: '--all: every criterion on the same event',
      query: { join: 'all', terms: [{ criterion: 'process', values: ['wget'] }, { criterion: 'port', values: ['80'] }] },
      events: [{ EventID: 3, Image: '/usr/bin/wget', DestinationPort: '80' }, { EventID: 3, Image: '/usr/bin/wget', DestinationPort: '443' }, proc('/usr/bin/wget')],
      expected: [0],
    },
    {
      name: '--any: one criterion is enough',
      query: { join: 'any', terms: [{ criterion: 'process', values: ['wget'] }, { criterion: 'port', values: ['80'] }] },
      events: [{ EventID: 3, Image: '/usr/bin/curl', DestinationPort: '80' }, proc('/usr/bin/wget'), proc('/usr/bin/curl')],
      expected: [0, 1],
    },
    {
      name: 'repeated values of one criterion: any of them',
      query: { join: 'all', terms: [{ criterion: 'port', values: ['22', '3389'] }] },
      events: [{ EventID: 3, DestinationPort: '3389' }, { EventID: 3, SourcePort: '22' }, { EventID: 3, DestinationPort: '80' }],
      expected: [0, 1],
    },
    {
      name: 'FIELD=VALUE on any EventID, AND with a criterion',
      query: { join: 'all', terms: [{ field: 'User', values: ['CORP\\*'] }, { criterion: 'process', values: ['cmd.exe'] }] },
      events: [proc('C:\\cmd.exe', { User: 'CORP\\bob' }), proc('C:\\cmd.exe', { User: 'NT AUTHORITY\\SYSTEM' }), { EventID: 11, Image: 'C:\\cmd.exe', User: 'corp\\amy' }],
      expected: [0, 2],
    },
    {
      name: 'a search whose criteria share no EventID matches nothing',
      query: { join: 'all', terms: [{ criterion: 'port', values: ['80'] }, { criterion: 'registry-key', values: ['*'] }] },
      events: [{ EventID: 3, DestinationPort: '80', TargetObject: 'x' }],
      expected: [],
    },
    {
      name: 'Sysmon for Linux events are searched too',
      query: { join: 'all', terms: [{ criterion: 'file', values: ['payload.sh'] }] },
      events: [{ EventID: 11, Channel: 'Linux-Sysmon/Operational', TargetFilename: '/tmp/payload.sh' }],
      expected: [0],
    },
  ];
  it.each(table)('$name', async ({ query, events, expected }) => {
    expect(await matches(query, events)).toEqual(expected);
  });
});

describe('search query problems are diagnostics, not exceptions', () => {
  it.each([
    { terms: [], message: /at least one criterion/ },
    { terms: [{ criterion: 'nope', values: ['x'] }], message: /unknown criterion 'nope'/ },
    { terms: [{ criterion: 'ip', values: [''] }], message: /empty value/ },
    { terms: [{ field: '9bad', values: ['x'] }], message: /not a field name/ },
  ])('$message', ({ terms, message }) => {
    const { search, diagnostics } = compileSearch({ join: 'all', terms });
    expect(search).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ code: 'search-criterion', severity: 'error' });
    expect(diagnostics[0].message).toMatch(message);
  });
});
