/** Real hits from `sigstream run` validate against the hit JSON Schema kept in the repository. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/rules.js';
import { hitValidator } from './helpers/hit-validator.js';


const RULE = `title: Whoami run
id: 0b0f6a59-4a3c-4c53-9a1b-2f8d1c2a7e10
status: test
level: medium
author: sigstream tests
tags: [attack.discovery, attack.t1033]
logsource: {product: windows, category: process_creation}
detection:
  sel: {Image|endswith: '\\whoami.exe'}
  condition: sel
`;

describe('hit JSON Schema', () => {
  it('accepts every hit the CLI writes, and those hits carry the required fields', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const dir = mkdtempSync('/tmp/sigstream-hit-');
    writeFileSync(`${dir}/rule.yml`, RULE);
    const events = [
      { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'pc1', UtcTime: '2024-05-01 10:00:00.123', Image: 'C:\\Windows\\System32\\whoami.exe' },
      { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'pc1', UtcTime: '2024-05-01 10:00:01.000', Image: 'C:\\Windows\\notepad.exe' },
    ];
    const out = spawnSync('node', [resolve(repoRoot, 'dist/engine/cli/main.js'), 'run', '-r', `${dir}/rule.yml`], {
      input: events.map((e) => JSON.stringify(e)).join('\n'),
      encoding: 'utf8',
    });
    expect(out.status).toBe(0);
    const hits = out.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(hits).toHaveLength(1);
    const validate = hitValidator();
    for (const hit of hits) expect(validate(hit), JSON.stringify(validate.errors)).toBe(true);
    expect(hits[0]).toMatchObject({
      rule: { id: '0b0f6a59-4a3c-4c53-9a1b-2f8d1c2a7e10', title: 'Whoami run', level: 'medium', author: 'sigstream tests', tags: ['attack.discovery', 'attack.t1033'] },
      time: '2024-05-01T10:00:00.123Z',
      computer: 'pc1',
      source: { input: '-', line: 1 },
    });
  });

  it('rejects a hit without its rule', () => {
    const validate = hitValidator();
    expect(validate({ kind: 'detection', attack: { techniques: [], tactics: [] }, event: {} })).toBe(false);
  });
});
