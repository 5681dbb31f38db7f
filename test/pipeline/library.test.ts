/** The README's library example, run through the package's public entry (dist/engine/index.js). */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { repoRoot } from '../helpers/rules.js';

const dir = mkdtempSync('/tmp/sigstream-lib-');
writeFileSync(`${dir}/certutil.yml`, `title: Certutil Download
id: 3b8f1f7e-6a8e-4b7e-9d1c-6f2a9b7c5e11
author: tests
level: high
tags: [attack.command-and-control, attack.t1105]
logsource: {product: windows, category: process_creation}
detection:
  sel: {Image|endswith: '\\certutil.exe', CommandLine|contains: urlcache}
  condition: sel
`);
const event = { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Image: 'C:\\Windows\\System32\\certutil.exe', CommandLine: 'certutil -urlcache -f http://x/a.exe' };

describe('library API (package entry)', async () => {
  const lib = (await import(resolve(repoRoot, 'dist/engine/index.js'))) as typeof import('../../engine/index.js');
  it('createEngine → detector.process gives hits with ATT&CK', async () => {
    const engine = await lib.createEngine([dir]);
    expect(engine.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const hits = engine.detector.process({ ...event });
    expect(hits).toHaveLength(1);
    expect(hits[0].attack.techniques.map((t) => t.id)).toEqual(['T1105']);
  });
  it('detect() over an async iterable, and the Transform stream', async () => {
    const engine = await lib.createEngine([dir]);
    const titles: string[] = [];
    for await (const hit of lib.detect(engine.detector, Readable.from([{ ...event }, { EventID: 1, Image: 'x' }]))) titles.push(hit.rule.title);
    expect(titles).toEqual(['Certutil Download']);
    const out: unknown[] = [];
    await new Promise<void>((done) => {
      Readable.from([{ ...event }]).pipe(lib.detectionStream(engine.detector)).on('data', (h) => out.push(h)).on('end', done);
    });
    expect(out).toHaveLength(1);
  });
});
