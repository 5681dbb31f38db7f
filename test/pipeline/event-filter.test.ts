/** Event filters (issue 13 deliverable 2): each filter keeps and leaves out what it says, and counts. */
import { describe, expect, it } from 'vitest';
import { createEventFilter, parseEventIds, parseTimeBound } from '../../engine/pipeline/event-filter.js';

const ev = (EventID: number, Computer: string, UtcTime?: string) => ({ EventID, Computer, ...(UtcTime ? { UtcTime } : {}) });
const events = [
  ev(1, 'WS1.corp', '2024-05-01 10:00:00.000'),
  ev(3, 'ws1.corp', '2024-05-01 11:00:00.000'),
  ev(1, 'DC1.corp', '2024-05-02 09:00:00.000'),
  ev(11, 'DC1.corp'),
];

describe('createEventFilter', () => {
  it.each([
    ['--eventid', { eventIds: [1] }, [0, 2], { eventid: 2 }],
    ['--computer (case-insensitive)', { computers: ['WS1.CORP'] }, [0, 1], { computer: 2 }],
    ['--computer glob', { computers: ['dc*'] }, [2, 3], { computer: 2 }],
    ['--since (events without a time left out)', { sinceMs: Date.parse('2024-05-01T10:30:00Z') }, [1, 2], { since: 2 }],
    ['--until (exclusive)', { untilMs: Date.parse('2024-05-01T11:00:00Z') }, [0], { until: 3 }],
    ['first failing filter counts', { eventIds: [1], computers: ['dc1.corp'] }, [2], { eventid: 2, computer: 1 }],
    ['no filter keeps all', {}, [0, 1, 2, 3], {}],
  ])('%s', (_name, options, kept, leftOut) => {
    const filter = createEventFilter(options);
    expect(events.flatMap((e, i) => (filter.keep(e) ? [i] : []))).toEqual(kept);
    expect(filter.leftOut).toEqual(leftOut);
    expect(filter.active).toBe(Object.keys(options).length > 0);
  });
});

describe('parseTimeBound', () => {
  const now = Date.parse('2024-06-01T00:00:00Z');
  it.each([
    ['2024-05-01', '2024-05-01T00:00:00.000Z'],
    ['2024-05-01T10:00:00', '2024-05-01T10:00:00.000Z'],
    ['2024-05-01 10:00:00', '2024-05-01T10:00:00.000Z'],
    ['2024-05-01T10:00:00+02:00', '2024-05-01T08:00:00.000Z'],
    ['2d', '2024-05-30T00:00:00.000Z'],
    ['90m', '2024-05-31T22:30:00.000Z'],
  ])('%s', (text, iso) => expect(new Date(parseTimeBound(text, now)!).toISOString()).toBe(iso));
  it.each(['yesterday', '2024-13-45', '', '5 days'])('rejects %j', (text) => expect(parseTimeBound(text, now)).toBeUndefined());
});

describe('parseEventIds', () => {
  it('comma lists and repeats', () => expect(parseEventIds(['1,3', '11'])).toEqual({ ids: [1, 3, 11] }));
  it('names the bad entry', () => expect(parseEventIds(['1,x3']).bad).toBe('x3'));
});
