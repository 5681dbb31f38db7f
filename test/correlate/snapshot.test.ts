// Snapshot/restore: a stream stopped halfway and continued from its state gives the hits of an
// uninterrupted run (every rule kind, with disorder inside the tolerance).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import hitSchema from '../../engine/hit.schema.json' with { type: 'json' };
import { createCorrelator, type CorrelatorInput } from '../../engine/correlate/correlator.js';
import { loadState, saveState } from '../../engine/pipeline/state-file.js';
import type { CorrelationHit } from '../../engine/hit.js';
import { hit, loadRules, sec } from '../helpers/hits.js';

const rules = `
title: bursts
name: bursts
correlation: {type: event_count, rules: [a, b], group-by: [Computer], timespan: 20s, condition: {gte: 4}}
---
title: quiet
correlation: {type: value_count, rules: [c], group-by: [Computer], timespan: 30s, condition: {lt: 3, field: User}}
---
title: bursts then d
correlation: {type: temporal_ordered, rules: [bursts, d], group-by: [Computer], timespan: 1m}
---
title: exec without connect
sequence:
  maxspan: 15s
  by: ProcessGuid
  steps:
    - rule: exec
    - rule: connect
      missing: true
---
title: exec connect
sequence:
  maxspan: 15s
  by: ProcessGuid
  steps:
    - rule: exec
      runs: 2
    - rule: connect
  until: {rule: stop}
`;

/** A deterministic stream: 600 events over 10 minutes, 5 hosts, 6 processes, jitter up to 3 s. */
function stream(): CorrelatorInput[] {
  const names = ['a', 'b', 'c', 'd', 'exec', 'connect', 'stop', 'a', 'exec', 'b'];
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const inputs: CorrelatorInput[] = [];
  for (let i = 0; i < 600; i++) {
    const host = `h${Math.floor(random() * 5)}`;
    const fields = { ProcessGuid: `p${Math.floor(random() * 6)}`, User: `u${Math.floor(random() * 4)}` };
    const jitter = Math.floor(random() * 3000);
    inputs.push({ timeMs: sec(i) - jitter, hits: [hit(names[Math.floor(random() * names.length)], fields, host)] });
  }
  return inputs;
}

const summary = (hits: CorrelationHit[]) =>
  hits.map((h) => `${h.time} ${h.rule.title} ${JSON.stringify(h.correlation.group)} ${h.hits.length}`);

describe('snapshot and restore', () => {
  const resolved = loadRules(rules);
  const options = { maxDelayMs: 3000, maxStates: 10_000 };
  const inputs = stream();

  const uninterrupted = (() => {
    const c = createCorrelator(resolved, options);
    const out = inputs.flatMap((input) => c.push(input));
    return [...out, ...c.flush()];
  })();

  it('the stream exercises every rule', () => {
    const titles = new Set(uninterrupted.map((h) => h.rule.title));
    expect([...titles].sort()).toEqual(['bursts', 'bursts then d', 'exec connect', 'exec without connect', 'quiet']);
  });

  it('every hit, as written to stdout, matches the hit JSON Schema', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(hitSchema);
    for (const hit of uninterrupted) {
      expect(validate(JSON.parse(JSON.stringify(hit))), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  for (const cut of [1, 250, 301, 599]) {
    it(`stopping after ${cut} events and restoring gives the same hits`, () => {
      const first = createCorrelator(resolved, options);
      const before = inputs.slice(0, cut).flatMap((input) => first.push(input));
      const state = JSON.parse(JSON.stringify(first.snapshot()));
      const second = createCorrelator(resolved, options);
      expect(second.restore(state)).toEqual([]);
      expect(second.stats.liveStates).toBe(first.stats.liveStates);
      const after = inputs.slice(cut).flatMap((input) => second.push(input));
      expect(summary([...before, ...after, ...second.flush()])).toEqual(summary(uninterrupted));
    });
  }

  it('saveState/loadState round-trip through a file; a missing file is a fresh start', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sigstream-state-'));
    try {
      const file = path.join(dir, 'state.json');
      const fresh = createCorrelator(resolved, options);
      expect(loadState(file, fresh)).toEqual([]);
      const first = createCorrelator(resolved, options);
      const before = inputs.slice(0, 300).flatMap((input) => first.push(input));
      saveState(file, first);
      const second = createCorrelator(resolved, options);
      expect(loadState(file, second)).toEqual([]);
      const after = inputs.slice(300).flatMap((input) => second.push(input));
      expect(summary([...before, ...after, ...second.flush()])).toEqual(summary(uninterrupted));

      writeFileSync(file, '{not json');
      const bad = loadState(file, createCorrelator(resolved, options));
      expect(bad.map((d) => [d.code, d.where.file])).toEqual([['state-schema', file]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('state of a changed or removed rule is dropped with a warning', () => {
    const first = createCorrelator(resolved, options);
    inputs.slice(0, 100).forEach((input) => first.push(input));
    const state = first.snapshot();
    const changed = loadRules(rules.replace('timespan: 20s', 'timespan: 25s'));
    const diagnostics = createCorrelator(changed, options).restore(state);
    expect(diagnostics.map((d) => d.code)).toEqual(['state-rule-changed']);
    expect(createCorrelator(resolved, options).restore({ version: 9 }).map((d) => d.code)).toEqual(['bad-state']);
    const damaged = JSON.parse(JSON.stringify(state));
    damaged.stores.bursts.state = 42;
    expect(createCorrelator(resolved, options).restore(damaged).map((d) => d.code)).toEqual(['bad-state']);
  });
});
