/** The run summary (issue 13 deliverable 5): counters from hits and events, JSON and text. */
import { describe, expect, it } from 'vitest';
import { HuntSummary, huntSummaryText } from '../../engine/output/hunt-summary.js';
import type { DetectionHit } from '../../engine/hit.js';

const hit = (title: string, level: string, computer: string, time: string, suppressed?: number): DetectionHit => ({
  kind: 'detection',
  rule: { title, level, tags: [], path: `${title}.yml` },
  attack: { techniques: [{ id: 'T1105', name: 'Ingress Tool Transfer', tactics: [], source: 'tag' }], tactics: [{ id: 'TA0011', name: 'Command and Control' }] },
  time,
  computer,
  event: { EventID: 1 },
  ...(suppressed ? { suppressed } : {}),
});

describe('HuntSummary', () => {
  const summary = new HuntSummary();
  summary.addEvent({ EventID: 1, '@source': { input: 'a.evtx' } });
  summary.addEvent({ EventID: 3, '@source': { input: 'a.evtx' } });
  summary.addEvent({ EventID: 1, '@source': { input: 'b.evtx' } });
  summary.addHit(hit('A', 'high', 'WS1', '2024-05-01T10:00:02.000Z'));
  summary.addHit(hit('A', 'high', 'WS2', '2024-05-01T10:00:01.000Z', 2));
  summary.addHit(hit('B', 'low', 'WS1', '2024-05-01T10:00:03.000Z'));
  const json = summary.toJSON();
  it('counts hits by level (highest first), suppressed hits included', () => {
    expect(json.hits).toBe(5);
    expect(json.hitsByLevel).toEqual({ high: 4, low: 1 });
  });
  it('top rules with first and last time', () => {
    expect(json.rules[0]).toEqual({ title: 'A', level: 'high', count: 4, first: '2024-05-01T10:00:01.000Z', last: '2024-05-01T10:00:02.000Z', id: undefined });
  });
  it('hosts, ATT&CK, events by EventID and input', () => {
    expect(json.hosts).toEqual([{ computer: 'WS2', hits: 3 }, { computer: 'WS1', hits: 2 }]);
    expect(json.techniques).toEqual([{ id: 'T1105', name: 'Ingress Tool Transfer', hits: 5 }]);
    expect(json.tactics).toEqual([{ id: 'TA0011', name: 'Command and Control', hits: 5 }]);
    expect(json.eventsByEventId).toEqual({ '1': 2, '3': 1 });
    expect(json.eventsByInput).toEqual({ 'a.evtx': 2, 'b.evtx': 1 });
  });
  it('text: every line prefixed, cut to the width', () => {
    const text = huntSummaryText(json, { width: 40 });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('sigstream: hits by level:');
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(40);
    expect(text).toContain('sigstream: top rules:');
  });
});
