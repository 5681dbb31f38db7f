/** The one partition function: by host, stable, and spread over the partitions. */
import { describe, expect, it } from 'vitest';
import { partitionKey, partitionKeyOfLine, partitionOf } from '../engine/partition.js';

describe('partitionOf', () => {
  it.each([
    ['one partition', { EventID: 1, Computer: 'ws-01' }, 1, 0],
    ['no Computer: the empty key', { EventID: 1 }, 4, partitionOf({ EventID: 1, Computer: '' }, 4)],
    ['a non-string Computer counts as none', { EventID: 1, Computer: 7 }, 4, partitionOf({ EventID: 1 }, 4)],
  ])('%s', (_name, event, partitions, want) => {
    expect(partitionOf(event, partitions)).toBe(want);
  });

  it('every event of a host goes to one partition, whatever else the event holds', () => {
    for (const n of [2, 3, 8]) {
      const p = partitionOf({ EventID: 1, Computer: 'dc-01.corp.local' }, n);
      expect(partitionOf({ EventID: 3, Computer: 'dc-01.corp.local', Image: 'x' }, n)).toBe(p);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(n);
    }
  });

  it('spreads many hosts over all partitions (FNV-1a values pinned: a distributed deployment relies on them)', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 1000; i++) counts[partitionOf({ EventID: 1, Computer: `host-${i}` }, 4)]++;
    for (const c of counts) expect(c).toBeGreaterThan(180);
    expect(['a', 'host-1', 'DC-01'].map((h) => partitionOf({ EventID: 1, Computer: h }, 1000))).toMatchInlineSnapshot(`
      [
        220,
        741,
        92,
      ]
    `);
    expect(partitionKey({ EventID: 1, Computer: 'x' })).toBe('x');
  });
});

describe('partitionKeyOfLine: the host of a flat NDJSON line (its bytes) without decoding or parsing it, or undefined (then parsed)', () => {
  it.each<[string, string, string | undefined]>([
    ['a top-level Computer', '{"EventID":1,"Computer":"ws-01","Image":"C:\\\\x.exe"}', 'ws-01'],
    ['spaces around the colon', '{"EventID":1, "Computer" : "ws-01"}', 'ws-01'],
    ['no Computer at all: the empty key', '{"EventID":1,"Image":"x"}', ''],
    ['Computer only in a nested object', '{"EventID":1,"Data":{"Computer":"ws-01"}}', undefined],
    ['a bracket in a string before it', '{"ProcessGuid":"{abc}","Computer":"ws-01"}', 'ws-01'],
    ['a nested object before it', '{"Data":{"a":1},"Computer":"ws-01"}', 'ws-01'],
    ['a duplicate key (the last one counts)', '{"Computer":"ws-01","Computer":"ws-02"}', undefined],
    ['an escape in the value', '{"Computer":"ws\\u002d01"}', undefined],
    ['the key spelled with \\u escapes', '{"Computer":"a","\\u0043omputer":"b"}', undefined],
    ['a path with \\users is still plain', '{"Computer":"ws-01","Image":"C:\\\\users\\\\x"}', 'ws-01'],
    ['"Computer" as a value', '{"Field":"Computer"}', undefined],
    ['"Computer" inside a string is not the key', '{"CommandLine":"echo \\"Computer\\": 1","Computer":"ws-01"}', 'ws-01'],
    ['a non-string Computer', '{"Computer":7}', undefined],
    ['a host that is not ASCII', '{"Computer":"poste-café"}', 'poste-café'],
  ])('%s', (_name, line, want) => {
    expect(partitionKeyOfLine(Buffer.from(line))).toBe(want);
  });

  it('agrees with partitionKey of the parsed event whenever it answers', () => {
    const lines = [
      '{"Computer":"a"}', '{"EventID":1}', '{"x":"\\\\","Computer":"b"}', '{"x":["Computer"],"Computer":"c"}',
      '{"x":{"y":[1,{"Computer":"n"}]},"Computer":"d"}', '{"Computer" :"e" }', '{"Computer":""}',
    ];
    for (const line of lines) {
      const key = partitionKeyOfLine(Buffer.from(line));
      if (key !== undefined) expect(key, line).toBe(partitionKey(JSON.parse(line)));
    }
    expect(lines.filter((l) => partitionKeyOfLine(Buffer.from(l)) !== undefined).length).toBeGreaterThan(4);
  });
});
