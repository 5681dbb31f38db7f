/** Shared by the .evtx tests: where ../shared is, and reading a whole input into events + diagnostics. */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Diagnostic } from '../../engine/diagnostics.js';
import { PROVENANCE_KEY, type NormalizedEvent } from '../../engine/event.js';
import { evtxReader } from '../../engine/events/evtx/reader.js';
import { sharedDir } from '../helpers/rules.js';

/** ../shared/sigmahq/regression, or undefined when this checkout has no shared folder. */
export const REGRESSION_DIR = fs.existsSync(path.join(sharedDir, 'sigmahq/regression/index.json'))
  ? path.join(sharedDir, 'sigmahq/regression')
  : undefined;
if (REGRESSION_DIR === undefined) console.log(`SKIPPED evtx corpus tests: ${sharedDir}/sigmahq/regression is absent`);

/** One entry of regression/index.json (the fields these tests use). */
export interface RegressionCase {
  rule_id: string;
  rule_path: string;
  events: string;
  evtx: string;
  exact_matches: number;
}

export function regressionCases(): RegressionCase[] {
  if (REGRESSION_DIR === undefined) return [];
  return JSON.parse(fs.readFileSync(path.join(REGRESSION_DIR, 'index.json'), 'utf8')) as RegressionCase[];
}

export interface ReadResult {
  events: NormalizedEvent[];
  diagnostics: Diagnostic[];
}

/** Read `bytes` (fed in pieces of `pieceSize`, to exercise block assembly) or a file path. */
export async function readEvtx(name: string, input: Buffer | string, pieceSize?: number): Promise<ReadResult> {
  const open = (): Readable => {
    if (typeof input === 'string') return fs.createReadStream(input);
    if (pieceSize === undefined) return Readable.from([input]);
    const pieces: Buffer[] = [];
    for (let at = 0; at < input.length; at += pieceSize) pieces.push(input.subarray(at, at + pieceSize));
    return Readable.from(pieces);
  };
  const result: ReadResult = { events: [], diagnostics: [] };
  for await (const item of evtxReader.read({ name, open })) {
    if (item.kind === 'event') result.events.push(item.event);
    else result.diagnostics.push(item.diagnostic);
  }
  return result;
}

export function withoutProvenance(event: NormalizedEvent): NormalizedEvent {
  const { [PROVENANCE_KEY]: _ignored, ...rest } = event;
  return rest;
}

export function readNdjson(file: string): NormalizedEvent[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as NormalizedEvent);
}
