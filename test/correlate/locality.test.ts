// Which correlations a host-partitioned deployment evaluates per host, re-keys, or cannot (issue 16).
import { describe, expect, it } from 'vitest';
import { classifyLocality, localityNotes, workerRules, type Locality } from '../../engine/correlate/locality.js';
import { engineFromText } from '../helpers/rules.js';
import { runMain } from '../helpers/cli-io.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const detection = (name: string) => `title: ${name}
name: ${name}
logsource:
  product: windows
detection:
  selection:
    EventID: 1
  condition: selection
`;

const correlation = (name: string, rules: string, groupBy: string, extra = '') => `title: ${name}
name: ${name}
correlation:
  type: event_count
  rules: ${rules}
  group-by: ${groupBy}
  timespan: 1m
  condition:
    gte: 2
${extra}`;

const sequence = (name: string, by: string) => `title: ${name}
name: ${name}
sequence:
  maxspan: 30s
  by: ${by}
  steps:
    - rule: a
    - rule: b
`;

function verdicts(...docs: string[]): Map<string, Locality> {
  const engine = engineFromText([detection('a'), detection('b'), ...docs].join('---\n'));
  expect(engine.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return new Map([...classifyLocality(engine.correlations)].map(([key, v]) => [key, v.locality]));
}

describe('locality of a correlation group-by', () => {
  const table: Array<[groupBy: string, locality: Locality]> = [
    ['[Computer]', 'host'],
    ['[ProcessGuid]', 'host'],
    ['[ParentProcessGuid]', 'host'],
    ['[TargetProcessGuid]', 'host'],
    ['[SourceProcessGUID]', 'host'],
    ['[LogonGuid]', 'host'],
    ['[ProcessId, Computer]', 'host'],
    ['[User, Computer]', 'host'],
    ['[ProcessId]', 'rekeyed'],
    ['[User]', 'rekeyed'],
    ['[DestinationIp]', 'rekeyed'],
    ['[User, DestinationIp]', 'rekeyed'],
    ['[]', 'rekeyed'],
  ];
  it.each(table)('group-by %s is %s', (groupBy, locality) => {
    expect(verdicts(correlation('c', '[a, b]', groupBy)).get('c')).toBe(locality);
  });

  it('an alias is host-local only when every member reads a host-local field', () => {
    const local = correlation('c', '[a, b]', '[host]', '  aliases:\n    host: {a: Computer, b: ProcessGuid}\n');
    const mixed = correlation('c', '[a, b]', '[host]', '  aliases:\n    host: {a: Computer, b: User}\n');
    expect(verdicts(local).get('c')).toBe('host');
    expect(verdicts(mixed).get('c')).toBe('rekeyed');
  });

  it('chaining: over a host-local correlation it may be re-keyed; over a re-keyed one it cannot', () => {
    const byHost = correlation('inner', '[a]', '[Computer]');
    const byUser = correlation('inner', '[a]', '[User]');
    expect(verdicts(byHost, correlation('outer', '[inner]', '[User]')).get('outer')).toBe('rekeyed');
    expect(verdicts(byHost, correlation('outer', '[inner]', '[Computer]')).get('outer')).toBe('host');
    expect(verdicts(byUser, correlation('outer', '[inner]', '[Computer]')).get('outer')).toBe('unsupported');
  });

  it('a worker evaluates the host-local rules and those that cannot be re-keyed, not the re-keyed ones', () => {
    const engine = engineFromText([detection('a'), correlation('inner', '[a]', '[User]'), correlation('outer', '[inner]', '[Computer]'), correlation('local', '[a]', '[Computer]')].join('---\n'));
    expect(workerRules(engine.correlations).correlations.map((c) => c.name).sort()).toEqual(['local', 'outer']);
  });

  it('a member rule read with two different keys cannot be re-keyed', () => {
    expect(verdicts(correlation('c', '[a, a]', '[k]', '  aliases:\n    k: {a: User}\n')).get('c')).not.toBe('host');
  });
});

describe('locality of a sequence join key', () => {
  it.each([
    ['ProcessGuid', 'host'],
    ['[Computer, User]', 'host'],
    ['User', 'rekeyed'],
  ] as Array<[string, Locality]>)('by %s is %s', (by, locality) => {
    expect(verdicts(sequence('s', by)).get('s')).toBe(locality);
  });
});

describe('lint notes the rules that need the re-keying stage', () => {
  it('names each with its location, and is not an error', async () => {
    const engine = engineFromText([detection('a'), correlation('c', '[a]', '[User]'), correlation('d', '[a]', '[Computer]')].join('---\n'));
    expect(localityNotes(engine.correlations).map((n) => [n.title, n.locality])).toEqual([['c', 'rekeyed']]);
    const dir = mkdtempSync(join(tmpdir(), 'sigstream-locality-'));
    writeFileSync(join(dir, 'rules.yml'), [detection('a'), correlation('c', '[a]', '[User]')].join('---\n'));
    const out = await runMain(['lint', dir]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/rules\.yml:\d+(:\d+)?: note: 'c': group-by User is not host-local: partitioned NATS workers evaluate it in the re-keying stage/);
  });
});
