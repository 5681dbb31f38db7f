// Run from the repository root after a build: node samples/generate/demo.mjs
// samples/demo.ndjson: 1 h of mixed Windows + Linux benign noise with the events of every positive
// test case of the pack replayed at spread-out times (relative timing inside a case kept).
import { writeFileSync } from 'node:fs';
import { findPackFiles } from '../../dist/engine/testing/files.js';
import { loadSuites } from '../../dist/engine/testing/suite-loader.js';
import { noise, rng, utc } from './noise.mjs';
const start = Date.parse('2026-11-20T08:00:00Z');
const span = 3600_000;
const items = noise(20261120, 900, start, span);
const files = await findPackFiles(['rules']);
const { suites } = await loadSuites(files.suites);
const r = rng(7);
let scenarios = 0;
for (const suite of suites) {
  const positive = suite.cases.find((c) => c.expect.hits > 0);
  if (!positive) continue;
  scenarios++;
  const at = start + 60_000 + Math.floor(r() * (span - 10 * 60_000));
  const t0 = Date.parse(positive.events[0].UtcTime.replace(' ', 'T') + 'Z');
  for (const e of positive.events) {
    const { ['@source']: _s, ...fields } = e;
    const t = at + (Date.parse(e.UtcTime.replace(' ', 'T') + 'Z') - t0);
    items.push({ t, e: fields });
  }
}
items.sort((a, b) => a.t - b.t);
writeFileSync('samples/demo.ndjson', items.map(({ t, e }) => JSON.stringify({ ...e, UtcTime: utc(t) })).join('\n') + '\n');
console.log(items.length, 'events,', scenarios, 'attack scenarios');
