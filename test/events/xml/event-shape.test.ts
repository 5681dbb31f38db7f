import { describe, expect, it } from 'vitest';
import { buildEvent } from '../../../engine/events/xml/event-shape.js';

/** What buildEvent must equal: the same keys assigned one by one. */
function byStores(keys: string[], values: unknown[]): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  keys.forEach((key, i) => (event[key] = values[i]));
  return event;
}

/** Keys in order with their values, so a different order fails too. */
function entries(event: object): Array<[string, unknown]> {
  return Object.entries(event);
}

describe('buildEvent', () => {
  // The first event of a key sequence is built by stores, later ones by its compiled literal.
  const cases: Array<[string, string[], unknown[]]> = [
    ['plain fields', ['Provider_Name', 'EventID', '@timestamp', 'Image'], ['Sysmon', 1, '2025-01-01T00:00:00.0000000Z', 'C:\\a.exe']],
    ['a repeated key keeps its first place and last value', ['A', 'B', 'A'], ['1', '2', '3']],
    ['integer-like keys come first, as with stores', ['Z', '10', '2'], ['z', 'ten', 'two']],
    ['names that need quoting', ['a"b', 'c\\d', 'e\u2028f', '\ud800', "');process.exit(1);('"], ['1', '2', '3', '4', '5']],
  ];
  for (const [title, keys, values] of cases) {
    it(title, () => {
      const expected = entries(byStores(keys, values));
      for (let i = 0; i < 3; i++) expect(entries(buildEvent(keys, values))).toEqual(expected);
    });
  }

  it('F8 a __proto__ field is kept as an own field, never set as the prototype', () => {
    const keys = ['A', '__proto__'];
    for (const value of ['x', { polluted: true }]) {
      for (let i = 0; i < 3; i++) {
        const event = buildEvent(keys, ['1', value]);
        expect(entries(event)).toEqual([['A', '1'], ['__proto__', value]]);
        expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
      }
    }
  });

  it('events of one sequence are distinct objects with their own values', () => {
    const keys = ['Fresh1', 'Fresh2'];
    const events = [0, 1, 2].map((i) => buildEvent(keys, [`a${i}`, `b${i}`]));
    expect(events.map((e) => e.Fresh1)).toEqual(['a0', 'a1', 'a2']);
    events[1].Fresh1 = 'changed';
    expect(events[2].Fresh1).toBe('a2');
  });
});
