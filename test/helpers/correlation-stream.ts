/**
 * A generated correlation stream (no third-party data): discovery commands from a few users on a few
 * hosts (the discovery-burst event_count correlation), wget download → connect sequences (the
 * bundled Linux sequence, one ProcessGuid per copy), filler events, and disorder within the default
 * out-of-order tolerance. Seeded, so every run of a test sees the same stream.
 */
const TOOLS = ['whoami.exe', 'systeminfo.exe', 'ipconfig.exe', 'tasklist.exe', 'notepad.exe', 'explorer.exe', 'svchost.exe', 'cmd.exe'];
const T0 = Date.parse('2026-11-20T00:00:00Z');

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

const utc = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

/** `count` events as NDJSON lines, about one per 400 ms of event time. */
export function correlationStream(count: number, seed = 1): string[] {
  const next = random(seed);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    // Up to 2 s of disorder: inside the default 5 s tolerance, so nothing is late.
    const ms = T0 + i * 400 + Math.floor(next() * 2000);
    if (i % 50 === 7) {
      const guid = `{5a6c5f3c-${String(i).padStart(4, '0')}-6630-c8e5-0a0000000000}`;
      lines.push(JSON.stringify({ EventID: 1, Channel: 'Linux-Sysmon/Operational', Computer: 'web01', UtcTime: utc(ms), ProcessGuid: guid, ProcessId: String(i), Image: '/usr/bin/wget', CommandLine: 'wget http://example.test/x', User: 'root' }));
      if (next() < 0.8) lines.push(JSON.stringify({ EventID: 3, Channel: 'Linux-Sysmon/Operational', Computer: 'web01', UtcTime: utc(ms + 500), ProcessGuid: guid, ProcessId: String(i), Image: '/usr/bin/wget', Initiated: 'true', Protocol: 'tcp', DestinationIp: '192.0.2.7', DestinationPort: '80' }));
      continue;
    }
    const tool = TOOLS[Math.floor(next() * TOOLS.length)];
    const host = `ws${Math.floor(next() * 3)}`;
    const user = `CORP\\user${Math.floor(next() * 2)}`;
    lines.push(JSON.stringify({ EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: host, UtcTime: utc(ms), ProcessGuid: `{g-${i}}`, ProcessId: String(1000 + i), Image: `C:\\Windows\\System32\\${tool}`, CommandLine: tool, User: user }));
  }
  return lines;
}
