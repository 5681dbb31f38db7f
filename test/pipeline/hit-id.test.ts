// The one hit id (pipeline/hit-id.ts): pinned values, so a change of the id of a stored or published hit is seen.
import { describe, expect, it } from 'vitest';
import { correlationHitId, detectionHitId, hitId } from '../../engine/pipeline/hit-id.js';
import type { CorrelationHit, DetectionHit } from '../../engine/hit.js';

const rule = { id: '8d1a1f7e-3c55-4c1e-9f2b-1a2b3c4d5e31', title: 'Whoami', path: 'r.yml' } as DetectionHit['rule'];
const detection = (event: DetectionHit['event']): DetectionHit => ({ kind: 'detection', rule, event }) as DetectionHit;
const byRecord = detection({ EventID: 1, Computer: 'h1', Channel: 'Microsoft-Windows-Sysmon/Operational', EventRecordID: 7, Image: 'x' });
const byPosition = detection({ EventID: 1, Image: 'y', '@source': { input: 'events.ndjson', line: 3 } });
const byContent = detection({ EventID: 1, Image: 'z' });
const correlation = (): CorrelationHit =>
  ({ kind: 'correlation', rule: { name: 'burst', title: 'Burst' }, correlation: { group: { User: 'a' } }, time: '2025-03-01T00:00:10.000Z', hits: [byRecord, byPosition, byContent].map((h) => ({ ...h })) }) as unknown as CorrelationHit;

describe('hit ids', () => {
  it.each([
    ['an event with host, channel and record id', byRecord, '0ed31cd7a00dd4b6'],
    ['an event with an input position', byPosition, '49cccbdc6f98f490'],
    ['an event with neither (its content)', byContent, 'd8d2e7aae45a798d'],
  ])('a detection on %s keeps its id', (_, hit, id) => {
    expect(detectionHitId(hit)).toBe(id);
  });

  it('a correlation keeps its id, and names the silent hits that completed it', () => {
    const hit = correlation();
    expect(correlationHitId(hit)).toBe('a35b91f8f5bc3c39');
    expect(hit.hits.map((h) => h.id)).toEqual(['0ed31cd7a00dd4b6', '49cccbdc6f98f490', 'd8d2e7aae45a798d']);
  });

  it('hitId names a hit once and returns the id it has', () => {
    const hit = correlation();
    expect(hitId(hit)).toBe('a35b91f8f5bc3c39');
    hit.id = 'given';
    expect(hitId(hit)).toBe('given');
  });
});
