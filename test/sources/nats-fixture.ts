/**
 * A deterministic multi-host event stream and a small rule set for the NATS tests: process
 * creations on `hosts` hosts, one event every 100 ms, every 7th a `whoami`; a correlation fires
 * on 3 of them by one host within a minute, so windows are open across any moment of the stream.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { whoamiRuleText } from '../helpers/rules.js';

const BASE_MS = Date.parse('2025-03-01T00:00:00Z');

function utc(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

export function writeEvents(file: string, count: number, hosts: number): void {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const whoami = i % 7 === 0;
    lines.push(
      JSON.stringify({
        EventID: 1,
        Channel: 'Microsoft-Windows-Sysmon/Operational',
        Computer: `host-${String(i % hosts).padStart(2, '0')}.corp.example`,
        UtcTime: utc(BASE_MS + i * 100),
        ProcessGuid: `{00000000-0000-0000-0000-${String(i).padStart(12, '0')}}`,
        Image: whoami ? 'C:\\Windows\\System32\\whoami.exe' : 'C:\\Windows\\System32\\notepad.exe',
        CommandLine: whoami ? 'whoami /all' : `notepad.exe doc${i}.txt`,
      }),
    );
  }
  writeFileSync(file, lines.join('\n') + '\n');
}

export function writeRules(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'whoami.yml'),
    whoamiRuleText('Whoami run', '8d1a1f7e-3c55-4c1e-9f2b-1a2b3c4d5e01', 'medium'),
  );
  writeFileSync(
    join(dir, 'whoami-burst.yml'),
    `title: Whoami burst on one host
id: 8d1a1f7e-3c55-4c1e-9f2b-1a2b3c4d5e02
status: test
correlation:
  type: event_count
  rules:
    - 8d1a1f7e-3c55-4c1e-9f2b-1a2b3c4d5e01
  group-by:
    - Computer
  timespan: 1m
  condition:
    gte: 3
level: high
`,
  );
}
