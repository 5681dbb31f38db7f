/**
 * Issue 16: correlations whose group-by is not host-local, on partitioned NATS workers. Members of
 * one group come from hosts owned by different workers; the re-keying stage gives exactly the hits
 * of one `sigstream run` over the same events (an arrival-decided count and a window-close count,
 * which needs the event-time progress of every partition to close).
 */
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hitId } from '../../engine/pipeline/hit-id.js';
import type { CorrelationHit, Hit } from '../../engine/hit.js';
import { partitionOf } from '../../engine/partition.js';
import { runMain } from '../helpers/cli-io.js';
import { whoamiRuleText } from '../helpers/rules.js';
import { hasNatsServer, natsServerForFile } from '../helpers/nats-server.js';

const PARTITIONS = 4;
const WORKERS = 2;
const BASE_MS = Date.parse('2025-03-01T00:00:00Z');
const WHOAMI = '8d1a1f7e-3c55-4c1e-9f2b-1a2b3c4d5e11';

/** `count` whoami runs, round robin over 8 hosts and 5 users (every 10th by a user of its own), one every 3 s. */
function events(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(
      JSON.stringify({
        EventID: 1,
        Channel: 'Microsoft-Windows-Sysmon/Operational',
        EventRecordID: i + 1,
        Computer: `host-${i % 8}.corp.example`,
        UtcTime: new Date(BASE_MS + i * 3000).toISOString().replace('T', ' ').replace('Z', ''),
        User: i % 10 === 0 ? `CORP\\rare-${i}` : `CORP\\user-${(i * 3) % 5}`,
        Image: 'C:\\Windows\\System32\\whoami.exe',
      }),
    );
  }
  return lines.join('\n') + '\n';
}

function correlation(id: string, title: string, condition: string): string {
  return `title: ${title}
id: ${id}
correlation:
  type: event_count
  rules:
    - ${WHOAMI}
  group-by:
    - User
  timespan: 1m
  condition:
    ${condition}
level: high
`;
}

function ids(stdout: string): string[] {
  return stdout.trim().split('\n').filter(Boolean).map((line) => hitId(JSON.parse(line) as Hit));
}

describe.skipIf(!hasNatsServer)('NATS workers: correlations re-keyed by a group key that spans hosts (issue 16)', () => {
  const nats = natsServerForFile();

  it('two workers give the hit ids of one sigstream run, for members on hosts of both workers', async () => {
    const url = nats().url;
    const dir = mkdtempSync(join(tmpdir(), 'sigstream-rekey-'));
    const rules = join(dir, 'rules');
    mkdirSync(rules);
    writeFileSync(join(rules, 'whoami.yml'), whoamiRuleText('Whoami run', WHOAMI, 'low'));
    writeFileSync(join(rules, 'burst.yml'), correlation('8d1a1f7e-3c55-4c1e-9f2b-1a2b3c4d5e12', 'Whoami burst by one user', 'gte: 3'));
    writeFileSync(join(rules, 'lone.yml'), correlation('8d1a1f7e-3c55-4c1e-9f2b-1a2b3c4d5e13', 'Whoami once by one user in a minute', 'lt: 2'));
    const input = join(dir, 'events.ndjson');
    writeFileSync(input, events(400));

    const reference = await runMain(['run', '-r', rules, input]);
    expect(reference.code, reference.stderr).toBe(0);
    const correlations = reference.stdout.split('\n').filter((l) => l.includes('"kind":"correlation"')).map((l) => JSON.parse(l) as CorrelationHit);
    const ruleIds = new Set(correlations.map((c) => c.rule.id));
    expect(ruleIds.size, reference.stderr).toBe(2);
    // Members of one group on hosts that different workers own: per-worker evaluation would miss them.
    const ownerOf = (h: Hit) => partitionOf({ Computer: h.computer }, PARTITIONS) % WORKERS;
    expect(correlations.some((c) => new Set(c.hits.map(ownerOf)).size > 1)).toBe(true);

    const common = ['--source', url, '--subject', 'rk.events', '--partitions', String(PARTITIONS), '--checkpoint-bucket', 'rk-ckpt', '--checkpoint-every', '100', '--until-end'];
    const workers = Promise.all([0, 1].map((i) => runMain(['run', '-r', rules, ...common, '--worker', `${i}/${WORKERS}`])));
    const published = await runMain(['publish', '--nats', url, '--subject', 'rk.events', '--partitions', String(PARTITIONS), input]);
    expect(published.code, published.stderr).toBe(0);
    const done = await workers;
    for (const w of done) expect(w.code, w.stderr).toBe(0);
    const got = done.flatMap((w) => ids(w.stdout));
    expect(new Set(got).size).toBe(got.length);
    expect(new Set(got)).toEqual(new Set(ids(reference.stdout)));
    for (const w of done) expect(w.stderr).toMatch(/re-keyed hits sent [1-9]/);
  }, 60_000);
});
