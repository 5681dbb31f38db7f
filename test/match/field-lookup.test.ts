/** F8: rules see an event's own fields only, and readers keep every field name, `__proto__` included. */
import { describe, expect, it } from 'vitest';
import { ndjsonReader } from '../../engine/events/ndjson.js';
import { xmlReader } from '../../engine/events/xml/reader.js';
import { eventsOf, readAll, sourceOf } from '../events/helpers.js';
import { matches, ruleWithDetection } from '../helpers/rules.js';

const one = (item: string) => ruleWithDetection(`sel:\n  ${item}\ncondition: sel`);
const PLAIN = { EventID: 1, Image: 'C:\\a.exe' };

describe('F8 field lookup sees own properties only', () => {
  it.each([
    ['constructor|exists: true', PLAIN, false],
    ['__proto__|exists: true', PLAIN, false],
    ['toString|exists: true', PLAIN, false],
    ['hasOwnProperty|exists: true', PLAIN, false],
    ['toString|exists: false', PLAIN, true],
    ['toString: null', PLAIN, true],
    ['constructor.name: Object', PLAIN, false],
    ['Image.length|exists: true', PLAIN, false],
    ["toString: 'x'", { ...PLAIN, toString: 'x' }, true],
    ["constructor|contains: 'y'", { ...PLAIN, constructor: 'xyz' }, true],
  ] as const)('F8 %s on %j → %s', (item, event, expected) => {
    expect(matches(one(item), { ...event })).toBe(expected);
  });

  it('F8 a field named __proto__ in the event is a field like any other', () => {
    const event = JSON.parse('{"EventID": 1, "__proto__": "x"}');
    expect(matches(one("__proto__: 'x'"), event)).toBe(true);
    expect(matches(one('__proto__|exists: true'), event)).toBe(true);
  });
});

describe('F8 readers keep a field named __proto__', () => {
  const rule = one("__proto__: 'evil'");
  it.each([
    ['flat NDJSON', '{"EventID": 1, "__proto__": "evil"}\n'],
    ['ECS (nested)', '{"winlog": {"event_id": 1, "event_data": {"__proto__": "evil"}}}\n'],
    ['ECS (dotted keys)', '{"winlog.event_id": 1, "winlog.event_data.__proto__": "evil"}\n'],
    ['evtx-json', '{"Event": {"System": {"EventID": 1}, "EventData": {"__proto__": "evil"}}}\n'],
  ])('F8 %s', async (_name, text) => {
    const events = eventsOf(await readAll(ndjsonReader, sourceOf('proto.json', text)));
    expect(events).toHaveLength(1);
    expect(Object.hasOwn(events[0], '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(events[0])).toBe(Object.prototype);
    expect(matches(rule, events[0])).toBe(true);
  });

  it('F8 XML <Data Name="__proto__">, in new and in recurring event shapes', async () => {
    const event = (n: number) => `<Event><System><EventID>1</EventID></System><EventData><Data Name="N">${n}</Data><Data Name="__proto__">evil</Data></EventData></Event>`;
    // The third event of one name sequence is built by a compiled constructor (event-shape.ts).
    const events = eventsOf(await readAll(xmlReader, sourceOf('proto.xml', [1, 2, 3].map(event).join('\n'))));
    expect(events.map((e) => Object.hasOwn(e, '__proto__') && e.__proto__)).toEqual(['evil', 'evil', 'evil']);
    for (const e of events) expect(matches(rule, e)).toBe(true);
  });
});
