/**
 * Read throughput of the text input formats, each next to the flat NDJSON baseline measured in the
 * same run: the same events rendered as Windows event XML, Sysmon-for-Linux syslog lines,
 * evtx_dump JSON (pretty-printed, with `Record N` lines) and Winlogbeat/ECS documents, read from
 * memory (no disk in the figure) through the public readers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { PROVENANCE_KEY, type NormalizedEvent } from '../engine/event.js';
import { readers } from '../engine/events/formats.js';
import type { EventReader } from '../engine/events/reader.js';
import { eventToEvtxJson, eventToXml } from '../engine/testing/render-event.js';

/** About this many bytes of input per format. */
const TARGET_BYTES = 16 * 1024 * 1024;

function baseEvents(sharedDir: string | undefined): NormalizedEvent[] {
  const dir = sharedDir && path.join(sharedDir, 'sigmahq/regression');
  const events: NormalizedEvent[] = [];
  try {
    for (const file of readdirSync(dir!).filter((f) => f.endsWith('.ndjson'))) {
      for (const line of readFileSync(path.join(dir!, file), 'utf8').split('\n')) if (line.trim()) events.push(JSON.parse(line));
    }
  } catch {
    // Without ../shared: one invented process-creation event.
    events.push({ EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'ws01', UtcTime: '2026-03-01 12:00:00.123', Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'cmd.exe /c "echo a & b" ' });
  }
  return events;
}

function ecsDocument(event: NormalizedEvent): unknown {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) if (!/^(EventID|Channel|Computer|Provider_Name|@timestamp)$/.test(key) && key !== PROVENANCE_KEY) data[key] = value;
  return { '@timestamp': event['@timestamp'], host: { name: event.Computer }, winlog: { event_id: event.EventID, channel: event.Channel, provider_name: event.Provider_Name, computer_name: event.Computer, event_data: data } };
}

const RENDER: Record<string, (event: NormalizedEvent, index: number) => string> = {
  flat: (event) => JSON.stringify(event),
  xml: (event) => eventToXml(event),
  syslog: (event) => `Oct 25 17:38:32 host sysmon: ${eventToXml(event, { namespace: false })}`,
  'evtx-json': (event, index) => `Record ${index + 1}\n${JSON.stringify(eventToEvtxJson(event), null, 2)}`,
  ecs: (event) => JSON.stringify(ecsDocument(event)),
};

function render(format: string, events: NormalizedEvent[]): { bytes: Buffer; count: number } {
  const parts: string[] = [];
  let size = 0;
  let count = 0;
  while (size < TARGET_BYTES) {
    for (const event of events) {
      const text = RENDER[format](event, count++);
      parts.push(text);
      size += text.length + 1;
    }
  }
  const body = parts.join('\n') + '\n';
  return { bytes: Buffer.from(format === 'xml' ? `<Events>\n${body}</Events>\n` : body), count };
}

async function measure(reader: EventReader, bytes: Buffer): Promise<{ seconds: number; events: number; skipped: number }> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 64 * 1024) chunks.push(bytes.subarray(i, i + 64 * 1024));
  const start = process.hrtime.bigint();
  let events = 0;
  let skipped = 0;
  for await (const item of reader.read({ name: 'bench', open: () => Readable.from(chunks, { objectMode: false }) })) {
    if (item.kind === 'event') events++;
    else if (item.kind === 'skip') skipped++;
  }
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, events, skipped };
}

export async function bench(ctx: { sharedDir: string | undefined }): Promise<Record<string, unknown>> {
  const events = baseEvents(ctx.sharedDir);
  const figures: Record<string, unknown> = { events_per_pass: events.length };
  for (const format of Object.keys(RENDER)) {
    const { bytes, count } = render(format, events);
    // Best of two passes: the first also pays for JIT warm-up of the reader.
    const first = await measure(readers[format], bytes);
    const second = await measure(readers[format], bytes);
    const run = first.seconds < second.seconds ? first : second;
    if (run.events !== count || run.skipped !== 0) throw new Error(`${format}: read ${run.events} of ${count} events, ${run.skipped} skipped`);
    const mb = bytes.length / (1024 * 1024);
    figures[format] = { mb: Number(mb.toFixed(1)), events: count, seconds: Number(run.seconds.toFixed(3)), mb_per_s: Number((mb / run.seconds).toFixed(1)), events_per_s: Math.round(count / run.seconds) };
  }
  return figures;
}
