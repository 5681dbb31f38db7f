// The owner of a re-keyed partition (issue 16): hits wait for every event partition's progress, and a checkpoint restored mid-stream changes nothing.
import { describe, expect, it } from 'vitest';
import { KeyPartition } from '../../engine/pipeline/rekey.js';
import type { RekeyedMessage } from '../../engine/sources/nats-rekey.js';
import type { Hit } from '../../engine/hit.js';
import { engineFromText, whoamiRuleText } from '../helpers/rules.js';

const WHOAMI = '8d1a1f7e-3c55-4c1e-9f2b-1a2b3c4d5e21';
const BASE_MS = Date.parse('2025-03-01T00:00:00Z');
const perUser = (name: string, title: string, condition: string) => `title: ${title}
name: ${name}
correlation:
  type: event_count
  rules: [${WHOAMI}]
  group-by: [User]
  timespan: 1m
  condition:
    ${condition}
`;
const rules = [
  whoamiRuleText('Whoami run', WHOAMI, 'low'),
  perUser('twice', 'Whoami by one user, twice in a minute', 'gte: 2'),
  perUser('once', 'Whoami by one user once in a minute', 'eq: 1'),
].join('---\n');
const engine = engineFromText(rules);

/** A member hit of both correlations: user `user` on `host` at second `s`. */
function member(s: number, user: string, host: string): RekeyedMessage[] {
  const event = { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: host, EventRecordID: s, UtcTime: new Date(BASE_MS + s * 1000).toISOString().replace('T', ' ').replace('Z', ''), User: user, Image: 'C:\\Windows\\System32\\whoami.exe' };
  const [hit] = engine.detector.detect(event).correlatorInput!.hits as Hit[];
  return ['twice', 'once'].map((rule) => ({ hit: { rule, timeMs: BASE_MS + s * 1000, hit } }));
}
const progress = (from: number, s: number, end = false): RekeyedMessage => ({ progress: { from, timeMs: BASE_MS + s * 1000, ...(end ? { end } : {}) } });

// Two event partitions: 0 reports promptly, 1 lags; users a and b on hosts of both.
const stream: RekeyedMessage[] = [
  ...member(0, 'a', 'h0'),
  progress(0, 0),
  ...member(10, 'b', 'h0'),
  progress(0, 30),
  ...member(20, 'a', 'h1'),
  progress(1, 20),
  progress(0, 100),
  progress(1, 100),
  ...member(200, 'b', 'h1'),
  progress(1, 200, true),
  progress(0, 200, true),
];

const titles = (hits: Hit[]) => hits.map((h) => `${h.rule.name}:${h.kind === 'correlation' ? Object.values(h.correlation.group).join() : ''}`);
const newPartition = () => new KeyPartition(engine.correlations, 2, engine.correlatorOptions);

function runAll(messages: RekeyedMessage[], partition = newPartition()): string[] {
  return messages.flatMap((m) => titles(partition.take(m)));
}

describe('a key partition of the re-keying stage', () => {
  it('fires what one process fires: a, twice, once the lagging partition passed its second hit; b, once, at window close', () => {
    expect(runAll(stream).sort()).toEqual(['once:b', 'once:b', 'twice:a'].sort());
  });

  it('holds a hit until every event partition has passed its time (plus the out-of-order tolerance, 5 s)', () => {
    const partition = newPartition();
    // Partition 1's hit at 20 s completes 'twice' for a; until partition 0 passes 25 s it is held.
    for (const m of [...member(0, 'a', 'h0'), progress(0, 5), ...member(20, 'a', 'h1'), progress(1, 40), progress(0, 24)]) expect(partition.take(m)).toEqual([]);
    expect(titles(partition.take(progress(0, 25)))).toEqual(['twice:a']);
  });

  it('a checkpoint restored after any message gives the same hits as no interruption', () => {
    const whole = runAll(stream);
    for (let cut = 1; cut < stream.length; cut++) {
      const first = newPartition();
      const before = runAll(stream.slice(0, cut), first);
      const second = newPartition();
      expect(second.restore(JSON.parse(JSON.stringify(first.snapshot())))).toEqual([]);
      expect([...before, ...runAll(stream.slice(cut), second)], `cut after message ${cut}`).toEqual(whole);
    }
  });
});
