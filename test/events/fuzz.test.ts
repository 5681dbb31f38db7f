/**
 * Mutated inputs never crash or hang a reader, and every problem it reports is located.
 * Bounded runs: small inputs, a few hundred cases per reader.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ecsShape } from '../../engine/events/json-shapes/ecs.js';
import { evtxJsonShape } from '../../engine/events/json-shapes/evtx-json.js';
import { syslogJsonShape } from '../../engine/events/json-shapes/syslog-json.js';
import { ndjsonReader } from '../../engine/events/ndjson.js';
import type { EventReader } from '../../engine/events/reader.js';
import { syslogReader } from '../../engine/events/syslog.js';
import { xmlReader } from '../../engine/events/xml/reader.js';
import { breathe, FUZZ_SEED, fuzzRuns } from '../helpers/fuzz.js';
import { eventToXml, readAll, sourceOf } from './helpers.js';

const EVENTS = [1, 3, 11].map((id) => ({ EventID: id, Computer: 'h', Image: `C:\\a&b<${id}>.exe`, CommandLine: `x "y" 'z' ${id} ` }));
const XML_DOC = `<?xml version="1.0"?>\n<Events>\n${EVENTS.map((e) => eventToXml(e)).join('\n')}\n</Events>\n`;
const SYSLOG = EVENTS.map((e, i) => `Mar  1 12:00:0${i} h sysmon: ${eventToXml(e, { namespace: false })}`).join('\n') + '\n';
const NDJSON = EVENTS.map((e) => JSON.stringify(e)).join('\n') + '\n' + EVENTS.map((e) => `Record 1\n${JSON.stringify({ Event: { System: { EventID: e.EventID }, EventData: e } }, null, 2)}`).join('\n');

const MARKUP = [...'<>&;"\'/=![]-{}:,\\\n x#'];

/** One edit: delete a range, insert markup-heavy text, duplicate a slice, or truncate. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.array(fc.constantFrom(...MARKUP), { minLength: 1, maxLength: 8 }).map((a) => a.join('')) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, edits: Mutation[]): string {
  for (const edit of edits) {
    const at = text.length === 0 ? 0 : edit.at % text.length;
    if (edit.kind === 'delete') text = text.slice(0, at) + text.slice(at + edit.length);
    else if (edit.kind === 'insert') text = text.slice(0, at) + edit.text + text.slice(at);
    else if (edit.kind === 'duplicate') text = text.slice(0, at + edit.length) + text.slice(at);
    else text = text.slice(0, at);
  }
  return text;
}

async function checkReader(reader: EventReader, seed: string): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 300 }), async (edits, chunk) => {
      const items = await readAll(reader, sourceOf('fuzz', mutate(seed, edits), chunk));
      for (const item of items) {
        if (item.kind === 'event') {
          expect(typeof item.event).toBe('object');
        } else {
          expect(item.diagnostic.where.file).toBe('fuzz');
          expect(item.diagnostic.where.line).toBeGreaterThanOrEqual(1);
        }
      }
    }),
    { numRuns: fuzzRuns(300), seed: FUZZ_SEED },
  );
}

describe('fuzzing the readers', () => {
  it('the unmutated seeds read cleanly', async () => {
    for (const [reader, seed, count] of [[xmlReader, XML_DOC, 3], [syslogReader, SYSLOG, 3], [ndjsonReader, NDJSON, 6]] as const) {
      const items = await readAll(reader, sourceOf('seed', seed));
      expect(items.map((i) => i.kind)).toEqual(Array(count).fill('event'));
    }
  });

  it('xml: mutated documents never crash; every skip is located', () => checkReader(xmlReader, XML_DOC));
  it('syslog: mutated lines never crash; every skip is located', () => checkReader(syslogReader, SYSLOG));
  it('json: mutated NDJSON and pretty JSON never crash; every skip is located', () => checkReader(ndjsonReader, NDJSON));

  it('json shapes: any JSON record becomes an event, a reason or "no event", never an exception', async () => {
    const xmlMessage = fc.tuple(fc.array(mutation, { maxLength: 3 }), fc.constantFrom(...EVENTS)).map(([edits, e]) => mutate(eventToXml(e, { namespace: false }), edits));
    const record = fc.oneof(
      fc.dictionary(fc.string(), fc.jsonValue()),
      fc.jsonValue().map((v) => ({ Event: { System: v, EventData: v, UserData: v } })),
      fc.jsonValue().map((v) => ({ winlog: v, 'winlog.event_data.X': v, _source: v })),
      xmlMessage.map((m) => ({ __REALTIME_TIMESTAMP: '1', MESSAGE: m })),
    );
    await fc.assert(
      fc.asyncProperty(record, async (value) => {
        await breathe();
        for (const shape of [evtxJsonShape, ecsShape, syslogJsonShape]) {
          const result = shape.toEvent(value as Record<string, unknown>, () => undefined);
          expect(result === null || typeof result === 'string' || typeof result === 'object').toBe(true);
        }
      }),
      { numRuns: fuzzRuns(500), seed: FUZZ_SEED },
    );
  });
});
