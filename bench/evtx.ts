/**
 * .evtx read throughput (MB/s of file bytes, events/s) next to NDJSON read of the same events,
 * measured in the same run. Two inputs, written to a temporary folder and read back as streams:
 * - `corpus`: the chunks of every SigmaHQ regression .evtx, repeated to ~40 MB. Those chunks are
 *   nearly empty (1-6 events each, template defined in every chunk), so MB/s is high and events/s
 *   is low; it is the shape the issue asked for.
 * - `dense`: full chunks of Sysmon-like process-creation records sharing one template per chunk,
 *   as real logs are; its events/s is the decoder's real rate.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROVENANCE_KEY, type NormalizedEvent } from '../engine/event.js';
import { evtxReader } from '../engine/events/evtx/reader.js';
import { ndjsonReader } from '../engine/events/ndjson.js';
import type { EventReader } from '../engine/events/reader.js';
import { buildChunk, buildEvtx, val, type BuildRecord } from '../test/events/evtx-builder.js';

const TARGET_BYTES = 40 * 1024 * 1024;
const ROUNDS = 3;
const FILE_HEADER = 4096;
const CHUNK = 65536;

interface Rate {
  mb: number;
  events: number;
  /** Wall clock: what a user sees, but on a shared machine also what other processes take. */
  mb_per_s: number;
  events_per_s: number;
  /** Per second of this process's CPU time (user + system): steadier when the machine is busy. */
  mb_per_cpu_s: number;
  events_per_cpu_s: number;
}

async function measure(reader: EventReader, file: string, keep?: NormalizedEvent[]): Promise<Rate> {
  const bytes = fs.statSync(file).size;
  const seconds: number[] = [];
  const cpuSeconds: number[] = [];
  let events = 0;
  for (let round = 0; round <= ROUNDS; round++) {
    events = 0;
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    for await (const item of reader.read({ name: file, open: () => fs.createReadStream(file) })) {
      if (item.kind !== 'event') throw new Error(`bench input has damage: ${item.diagnostic.message}`);
      events++;
      if (round === 0 && keep) keep.push(item.event);
    }
    // Round 0 warms up the JIT and the page cache.
    if (round > 0) {
      seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
      const cpu = process.cpuUsage(cpuStart);
      cpuSeconds.push((cpu.user + cpu.system) / 1e6);
    }
  }
  // Best of the rounds, as bench/run.ts does: on a shared machine the slower rounds measure the others.
  const wall = Math.min(...seconds);
  const cpu = Math.min(...cpuSeconds);
  const mb = bytes / 1e6;
  return {
    mb: round2(mb),
    events,
    mb_per_s: round2(mb / wall),
    events_per_s: Math.round(events / wall),
    mb_per_cpu_s: round2(mb / cpu),
    events_per_cpu_s: Math.round(events / cpu),
  };
}


function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function corpusFile(sharedDir: string): Buffer | undefined {
  const dir = path.join(sharedDir, 'sigmahq/regression/evtx');
  if (!fs.existsSync(dir)) return undefined;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.evtx')).sort();
  const chunks: Buffer[] = [];
  let header: Buffer | undefined;
  for (const name of files) {
    const data = fs.readFileSync(path.join(dir, name));
    header ??= Buffer.from(data.subarray(0, FILE_HEADER));
    for (let at = FILE_HEADER; at + CHUNK <= data.length; at += CHUNK) chunks.push(data.subarray(at, at + CHUNK));
  }
  if (header === undefined || chunks.length === 0) return undefined;
  const repeated: Buffer[] = [];
  for (let i = 0; repeated.length * CHUNK < TARGET_BYTES; i++) repeated.push(chunks[i % chunks.length]);
  // The header's chunk count is only a hint to the reader; chunks past it are read all the same.
  return Buffer.concat([header, ...repeated]);
}

function denseFile(): Buffer {
  const chunks: Buffer[] = [];
  let id = 1;
  while (chunks.length * CHUNK < TARGET_BYTES) {
    const records: BuildRecord[] = [];
    for (let i = 0; i < 48; i++, id++) {
      records.push({
        id,
        eventId: 1,
        fields: [
          { name: 'RuleName', value: val.string('-') },
          { name: 'UtcTime', value: val.string('2025-10-25 17:38:32.006') },
          { name: 'ProcessGuid', value: val.guid('{5aa13a44-0b18-68fd-6336-000000004002}') },
          { name: 'ProcessId', value: val.uint32(7000 + (id % 997)) },
          { name: 'Image', value: val.string(`C:\\Windows\\System32\\tool${id % 50}.exe`) },
          { name: 'FileVersion', value: val.string('10.0.20348.4294 (WinBuild.160101.0800)') },
          { name: 'Description', value: val.string('Console Window Host') },
          { name: 'Company', value: val.string('Microsoft Corporation') },
          { name: 'CommandLine', value: val.string(`tool${id % 50}.exe /run ${'x'.repeat(40 + (id % 120))} `) },
          { name: 'CurrentDirectory', value: val.string('C:\\Users\\Administrator\\Downloads\\') },
          { name: 'User', value: val.string('ATTACKRANGE\\Administrator') },
          { name: 'LogonId', value: val.hex64(0x529ae3n) },
          { name: 'IntegrityLevel', value: val.string('High') },
          { name: 'Hashes', value: val.string('SHA1=061B747FBA99B050D8874167AAD6D1D790F8A3A8,MD5=7E13A7EA7BD3601760E3838D99E31710') },
          { name: 'ParentProcessId', value: val.uint32(3204) },
          { name: 'ParentImage', value: val.string('C:\\Windows\\System32\\cmd.exe') },
          { name: 'ParentCommandLine', value: val.string('"C:\\Windows\\system32\\cmd.exe" ') },
          { name: 'ParentUser', value: val.sid('S-1-5-21-3623811015-3361044348-30300820-1013') },
        ],
      });
    }
    chunks.push(buildChunk(records, { shareTemplates: true }));
  }
  return buildEvtx(chunks);
}

async function compare(dir: string, name: string, evtx: Buffer): Promise<Record<string, unknown>> {
  const evtxPath = path.join(dir, `${name}.evtx`);
  fs.writeFileSync(evtxPath, evtx);
  const events: NormalizedEvent[] = [];
  const evtxRate = await measure(evtxReader, evtxPath, events);
  const ndjsonPath = path.join(dir, `${name}.ndjson`);
  fs.writeFileSync(ndjsonPath, events.map(({ [PROVENANCE_KEY]: _source, ...rest }) => JSON.stringify(rest)).join('\n') + '\n');
  const ndjsonRate = await measure(ndjsonReader, ndjsonPath);
  return { evtx: evtxRate, ndjson: ndjsonRate, events_per_chunk: round2(evtxRate.events / ((evtx.length - FILE_HEADER) / CHUNK)) };
}

export async function bench(ctx: { sharedDir: string | undefined }): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sigstream-bench-evtx-'));
  try {
    const result: Record<string, unknown> = { target_mb_per_s: 50 };
    const corpus = ctx.sharedDir === undefined ? undefined : corpusFile(ctx.sharedDir);
    result.corpus = corpus === undefined ? 'skipped: no shared SigmaHQ regression .evtx files' : await compare(dir, 'corpus', corpus);
    result.dense = await compare(dir, 'dense', denseFile());
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
