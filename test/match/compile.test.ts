/**
 * What compiling derives from a rule is kept by the rule cache (COMPILE_MEMOS: prefilter literals,
 * route, compile outcome), and a warm rule's matcher is built on the first event that reaches it
 * (issue 14, start time). A warm engine must be indistinguishable from a cold one and from one
 * without a cache: the same diagnostics with their locations, the same rejected and unrouted
 * rules, the same hits.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NormalizedEvent } from '../../engine/event.js';
import { engineFromCollection, loadEngineRules, type Engine } from '../../engine/pipeline/engine.js';

const root = mkdtempSync(join(tmpdir(), 'sigstream-compile-memos-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const rules = join(root, 'rules');
mkdirSync(rules);
const rule = (title: string, logsource: string, detection: string) =>
  `title: ${title}\nlogsource:\n  ${logsource}\ndetection:\n${detection}\n  condition: sel\n`;
const files: Record<string, string> = {
  // A regex with a back-reference: the linear-time engine refuses it, a compile error at load.
  'backref.yml': rule('backref', 'category: process_creation', "  sel:\n    CommandLine|re: '(a)\\1'"),
  'unrouted.yml': rule('unrouted', 'product: aws', '  sel:\n    eventName: x'),
  'certutil.yml': rule('certutil', 'category: process_creation', "  sel:\n    Image|endswith: '\\certutil.exe'\n    CommandLine|contains|all: [urlcache, http]"),
  'keyword.yml': rule('keyword', 'product: windows', '  sel:\n    - mimikatz'),
  'cidr.yml': rule('cidr', 'category: network_connection', '  sel:\n    DestinationIp|cidr: 10.0.0.0/8'),
};
for (const [name, text] of Object.entries(files)) writeFileSync(join(rules, name), text);

const events: NormalizedEvent[] = [
  { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Image: 'C:\\Windows\\certutil.exe', CommandLine: 'certutil -urlcache http://x' },
  { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Image: 'C:\\x.exe', CommandLine: 'run mimikatz now' },
  { EventID: 3, Channel: 'Microsoft-Windows-Sysmon/Operational', DestinationIp: '10.1.2.3' },
  { EventID: 3, Channel: 'Microsoft-Windows-Sysmon/Operational', DestinationIp: '192.168.1.1' },
];

async function engine(cacheDir: string | undefined): Promise<Engine> {
  return engineFromCollection(await loadEngineRules([rules], cacheDir ? { cache: { dir: cacheDir } } : {}));
}

/** Everything a caller sees of an engine: diagnostics, rejections, unrouted rules, and the hits. */
function outcome(e: Engine) {
  return {
    diagnostics: e.diagnostics,
    rejected: e.rejected,
    unrouted: e.compiled.unrouted.map((u) => [u.rule.title, u.reason]),
    hits: events.map((event) => e.detector.process({ ...event }).map((h) => h.rule.title)),
  };
}

describe('compile memos through the rule cache', () => {
  it('a warm engine has the same diagnostics (with locations), rejections and hits as a cold one and one without a cache', async () => {
    const cacheDir = join(root, 'cache');
    const uncached = outcome(await engine(undefined));
    const cold = outcome(await engine(cacheDir));
    const warm = outcome(await engine(cacheDir));
    expect(uncached.hits).toEqual([['certutil'], ['keyword'], ['cidr'], []]);
    const compileError = uncached.diagnostics.find((d) => d.code === 'bad-value');
    expect(compileError?.where).toMatchObject({ file: join(rules, 'backref.yml'), line: 6 });
    expect(uncached.diagnostics.find((d) => d.code === 'unrouted')?.where).toMatchObject({ file: join(rules, 'unrouted.yml'), line: 3 });
    expect(cold).toEqual(uncached);
    expect(warm).toEqual(uncached);
  });

  it('a warm rule\'s matcher is built on the first event that reaches it', async () => {
    const cacheDir = join(root, 'cache-lazy');
    await engine(cacheDir);
    const warm = await engine(cacheDir);
    const certutil = warm.compiled.compiled.find((c) => c.rule.title === 'certutil')!;
    const stub = certutil.matches;
    expect(warm.detector.process({ ...events[0] }).map((h) => h.rule.title)).toEqual(['certutil']);
    expect(certutil.matches).not.toBe(stub);
  });
});
