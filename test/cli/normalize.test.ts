import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sigstream } from '../helpers/cli.js';
import { repoRoot } from '../helpers/rules.js';

const samples = (name: string) => resolve(repoRoot, 'samples', name);
const lines = (text: string) => text.trim().split('\n').filter(Boolean);

describe('sigstream normalize', () => {
  it('reads a directory of mixed formats to normalized NDJSON with a per-input summary', () => {
    const r = sigstream(['normalize', samples('inputs')]);
    expect(r.status).toBe(0);
    const events = lines(r.stdout).map((l) => JSON.parse(l));
    expect(events).toHaveLength(14);
    expect(events.every((e) => typeof e.EventID === 'number' && !('@source' in e))).toBe(true);
    // The syslog line cut inside CommandLine (and its journald twin) is kept in part and says so.
    expect(r.stderr).toMatch(/sysmon-linux\.log:5:31#4: warning: event 4 \(EventID 1\) is cut off after \d+ characters; .* marked truncated \[salvaged-event\]/);
    expect(r.stderr).toMatch(/sysmon-linux\.log \[syslog\]: 4 events \(1 truncated\), 0 skipped/);
    expect(r.stderr).toMatch(/winlogbeat\.ndjson \[ecs\]: 2 events/);
    expect(r.stderr).toMatch(/total: 14 events \(2 truncated\), 0 skipped, 6 warnings from 5 inputs/);
  });

  it('reads gzip on stdin and keeps provenance on request; --strict fails on a skipped record', () => {
    const input = gzipSync('{"EventID": 1, "Image": "a"}\nnot json\n');
    const out = spawnSync('node', [resolve(repoRoot, 'dist/engine/cli/main.js'), 'normalize', '--provenance', '--strict'], { input, encoding: 'utf8' });
    expect(out.status).toBe(1);
    expect(JSON.parse(out.stdout)).toEqual({ EventID: 1, Image: 'a', '@source': { input: '-', line: 1 } });
    expect(out.stderr).toMatch(/-:2:1: error: malformed JSON/);
  });

  it('applies a JSONata map; a mapping that does not compile is a located usage error', () => {
    const ok = sigstream(['normalize', '--map', samples('mappings/custom-siem.jsonata'), samples('mappings/custom-siem.ndjson')]);
    expect(lines(ok.stdout).map((l) => JSON.parse(l).EventID)).toEqual([1, 11]);
    expect(ok.stderr).toMatch(/custom-siem\.ndjson:3: error: map: mapping gave EventID "n\/a", not a number; skipped \[map-error\]/);
    const bad = sigstream(['normalize', '--map', resolve(repoRoot, 'test/events/fixtures/broken.jsonata'), samples('mappings/custom-siem.ndjson')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/broken\.jsonata:3:1: error: JSONata mapping does not compile/);
  });

  it('rejects an unknown --format naming the known ones', () => {
    const r = sigstream(['normalize', '--format', 'csv', samples('inputs')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown format 'csv' \(formats: xml, ndjson, syslog, flat, evtx-json, ecs, syslog-json, evtx\)/);
  });
});
