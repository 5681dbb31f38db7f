/**
 * State files (`run --state FILE`, docs/checkpoints.md): the correlator's windows and, per input, the
 * position they cover, so a run can stop anywhere and the next one continue. Reading validates the
 * whole file against its schema (state-schema.ts) and refuses it with a located message; writing is
 * atomic and durable (temporary file, fsync, rename, fsync of the folder) and synchronous, so a
 * signal handler can call it. The correlator itself stays free of file I/O. Live runs (`--follow`,
 * NATS workers) keep per-partition checkpoints through the `CheckpointStore` at the end.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { Correlator, CorrelatorSnapshot } from '../correlate/correlator.js';
import { stateFileSchema } from './state-schema.js';

/** What identifies a file input, so a restart can tell it is the same file (or the same file grown). */
export interface InputIdentity {
  size: number;
  mtimeMs: number;
  ino: number;
}

/**
 * How far the state covers one input. `events` (events read from its start) is what a resume skips;
 * `line` (text inputs) and `record` (.evtx EventRecordID, n-th XML event) name the last covered event
 * for people and for followers.
 */
export interface InputPosition {
  input: string;
  /** Files only: stdin has none and is never resumed. */
  identity?: InputIdentity;
  events: number;
  line?: number;
  record?: number;
}

export interface SavedState {
  format: 'sigstream-state';
  version: 2;
  savedAt?: string;
  inputs: InputPosition[];
  /** Absent when no correlation or sequence rule is loaded. */
  correlator?: CorrelatorSnapshot;
}

const validate = new Ajv({ allErrors: false, strict: false }).compile(stateFileSchema);

/** Line and column (1-based) of a 0-based offset. */
function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1 };
}

function schemaMessage(error: ErrorObject): string {
  const at = error.instancePath === '' ? 'the state' : error.instancePath;
  return `${at} ${error.message ?? 'is invalid'}${error.keyword === 'const' ? ` (${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)})` : ''}`;
}

/** A bare correlator snapshot (state files before version 2) is a state that covers no input position. */
function upgrade(data: unknown): unknown {
  const old = data as { version?: unknown; stores?: unknown; format?: unknown } | null;
  if (old && typeof old === 'object' && old.format === undefined && old.version === 1 && old.stores !== undefined) {
    return { format: 'sigstream-state', version: 2, inputs: [], correlator: data };
  }
  return data;
}

/**
 * The state saved in `file`; `state` is undefined for a missing file (a fresh start). Any error
 * means the file must not be used (nor overwritten): the caller refuses the run.
 */
export function readState(file: string): { state?: SavedState; diagnostics: Diagnostic[] } {
  if (!existsSync(file)) return { diagnostics: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { diagnostics: [diagnostic('error', 'bad-state', `cannot read the state file: ${(e as Error).message}`, { file })] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const raw = (e as Error).message;
    const at = /at position (\d+)/.exec(raw);
    const where = at ? { file, ...lineCol(text, Number(at[1])) } : /end of JSON/.test(raw) ? { file, ...lineCol(text, text.length) } : { file };
    const message = raw.replace(/, ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
    return { diagnostics: [diagnostic('error', 'state-schema', `the state file is not JSON: ${message}`, where)] };
  }
  data = upgrade(data);
  if (!validate(data)) {
    const error = validate.errors![0];
    return { diagnostics: [diagnostic('error', 'state-schema', `not a sigstream state: ${schemaMessage(error)}`, { file, path: error.instancePath })] };
  }
  return { state: data as unknown as SavedState, diagnostics: [] };
}

/** Atomic and durable: a crash (even kill -9 or power loss) leaves the old state or the new one, never half. */
export function writeState(file: string, state: SavedState): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, JSON.stringify(state));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
  // The rename is durable once the folder is synced; some filesystems refuse fsync on a folder.
  try {
    const dir = openSync(dirname(file), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    /* the state itself is complete either way */
  }
}

/** Checked at start, so an unwritable path is not found only after the whole input was processed. */
export function checkStateWritable(file: string): Diagnostic | undefined {
  const probe = `${file}.${process.pid}.tmp`;
  try {
    closeSync(openSync(probe, 'w'));
    unlinkSync(probe);
    return undefined;
  } catch (e) {
    return diagnostic('error', 'state-unwritable', `cannot write the state file: ${(e as Error).message}`, { file });
  }
}

/** Saves the correlator (and the input positions it covers) to `file`. */
export function saveState(file: string, correlator: Correlator | undefined, inputs: InputPosition[] = []): void {
  const state: SavedState = { format: 'sigstream-state', version: 2, savedAt: new Date().toISOString(), inputs };
  if (correlator) state.correlator = correlator.snapshot();
  writeState(file, state);
}

/** Restores a correlator from a state file; a missing file is a fresh start. Errors mean the state was not used. */
export function loadState(file: string, correlator: Correlator): Diagnostic[] {
  const { state, diagnostics } = readState(file);
  if (!state?.correlator) return diagnostics;
  return correlator.restore(state.correlator).map((d) => ({ ...d, where: { ...d.where, file } }));
}

/**
 * What one partition's checkpoint holds: the correlator's state and the source position it
 * covers (every event before the position is in the state, none after it). Restoring both
 * together and reading on from the position neither loses nor double-counts an event.
 */
export interface PartitionCheckpoint {
  checkpoint: 2;
  correlator?: CorrelatorSnapshot;
  /** The source's own position (followed files: inode, offset, line per path; NATS: stream sequence). */
  position?: unknown;
}

export function checkpointOf(correlator: Correlator | undefined, position: unknown): PartitionCheckpoint {
  const out: PartitionCheckpoint = { checkpoint: 2 };
  if (correlator) out.correlator = correlator.snapshot();
  if (position !== undefined) out.position = position;
  return out;
}

/** Reads a checkpoint from parsed JSON (a KV value). */
export function parseCheckpoint(raw: unknown): PartitionCheckpoint | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  return (raw as { checkpoint?: unknown }).checkpoint === 2 ? (raw as PartitionCheckpoint) : undefined;
}

/** Restores the correlator part of a checkpoint; diagnostics name `where`. */
export function restoreCheckpoint(checkpoint: PartitionCheckpoint, correlator: Correlator | undefined, where: string): Diagnostic[] {
  if (!correlator || !checkpoint.correlator) return [];
  return correlator.restore(checkpoint.correlator).map((d) => ({ ...d, where: { ...d.where, file: where } }));
}

/** Where checkpoints live: a state file (one partition) or a KV bucket (one key per partition). */
export interface CheckpointStore {
  /** For messages: the file or bucket key. */
  where(partition: number): string;
  load(partition: number): Promise<{ checkpoint?: PartitionCheckpoint; diagnostics: Diagnostic[] }>;
  save(partition: number, checkpoint: PartitionCheckpoint): Promise<void>;
  /** Releases what the store holds open (a connection), after the last save. */
  close?(): Promise<void>;
}

/** A followed file's position as the state file's input position: `identity.size` is the bytes covered. */
interface FollowedPosition {
  ino: number;
  offset: number;
  line: number;
  /** .evtx: the last EventRecordID read. */
  record?: number;
}

/**
 * `--state FILE` as the checkpoint store of `--follow`: the same state file format as `run --state`,
 * each followed file an input position whose identity names its inode and the bytes covered.
 */
export function fileCheckpoints(file: string): CheckpointStore {
  return {
    where: () => file,
    async load() {
      const { state, diagnostics } = readState(file);
      if (!state) return { diagnostics };
      const position: Record<string, FollowedPosition> = {};
      for (const input of state.inputs) {
        if (input.identity) position[input.input] = { ino: input.identity.ino, offset: input.identity.size, line: input.line ?? 0, ...(input.record !== undefined ? { record: input.record } : {}) };
      }
      return { checkpoint: { checkpoint: 2, correlator: state.correlator, position }, diagnostics };
    },
    async save(_partition, checkpoint) {
      const followed = (checkpoint.position ?? {}) as Record<string, FollowedPosition>;
      const inputs: InputPosition[] = Object.entries(followed).map(([input, at]) => ({
        input,
        identity: { size: at.offset, mtimeMs: 0, ino: at.ino },
        events: at.line,
        ...(at.record !== undefined ? { record: at.record } : { line: at.line }),
      }));
      const state: SavedState = { format: 'sigstream-state', version: 2, savedAt: new Date().toISOString(), inputs };
      if (checkpoint.correlator) state.correlator = checkpoint.correlator;
      writeState(file, state);
    },
  };
}
