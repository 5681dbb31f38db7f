/**
 * The attack-heavy bench stream (issue 14): SigmaHQ's shared regression events (../shared,
 * never copied into the repository) repeated to a given count, each copy with a fresh
 * EventRecordID so no two lines are the same event. Returned as NDJSON lines.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export function regressionEvents(sharedDir: string): Array<Record<string, unknown>> {
  const dir = resolve(sharedDir, 'sigmahq/regression');
  const events: Array<Record<string, unknown>> = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ndjson')).sort()) {
    for (const line of readFileSync(resolve(dir, file), 'utf8').split('\n')) {
      if (line.trim() !== '') events.push(JSON.parse(line) as Record<string, unknown>);
    }
  }
  return events;
}

export function attackStreamLines(sharedDir: string, count: number): string[] {
  const events = regressionEvents(sharedDir);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const event = { ...events[i % events.length], EventRecordID: String(1_000_000 + i) };
    lines.push(JSON.stringify(event));
  }
  return lines;
}
