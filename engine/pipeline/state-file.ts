/**
 * State files (`run --state FILE`): the correlator's windows, and where each input stands, survive
 * a restart. Saving is synchronous, so a signal handler can call it; the CLI saves at the end of
 * input and on SIGTERM and restores at start; `--follow` also saves at checkpoints. File I/O lives
 * here, in the library, so the correlator itself stays free of it.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { Correlator, CorrelatorSnapshot } from '../correlate/correlator.js';

/**
 * What one partition's checkpoint holds: the correlator's state and the source position it
 * covers (every event before the position is in the state, none after it). Restoring both
 * together and reading on from the position neither loses nor double-counts an event.
 */
export interface Checkpoint {
  checkpoint: 2;
  correlator?: CorrelatorSnapshot;
  /** The source's own position (followed files: inode, offset, line per path; NATS: stream sequence). */
  position?: unknown;
}

export function checkpointOf(correlator: Correlator | undefined, position: unknown): Checkpoint {
  const out: Checkpoint = { checkpoint: 2 };
  if (correlator) out.correlator = correlator.snapshot();
  if (position !== undefined) out.position = position;
  return out;
}

/** Reads a checkpoint from parsed JSON; a bare correlator snapshot (the first format) is one without a position. */
export function parseCheckpoint(raw: unknown): Checkpoint | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const value = raw as Record<string, unknown>;
  if (value.checkpoint === 2) return value as unknown as Checkpoint;
  if (value.version === 1) return { checkpoint: 2, correlator: value as unknown as CorrelatorSnapshot };
  return undefined;
}

/** Restores the correlator part of a checkpoint; diagnostics name `file`. */
export function restoreCheckpoint(checkpoint: Checkpoint, correlator: Correlator | undefined, file: string): Diagnostic[] {
  if (!correlator || !checkpoint.correlator) return [];
  return correlator.restore(checkpoint.correlator).map((d) => ({ ...d, where: { ...d.where, file } }));
}

/** Writes atomically (temporary file, then rename), so a crash never leaves half a state. */
export function saveCheckpoint(file: string, checkpoint: Checkpoint): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(checkpoint));
  renameSync(temporary, file);
}

/** A missing file is a fresh start (undefined, no diagnostic). */
export function loadCheckpoint(file: string): { checkpoint?: Checkpoint; diagnostics: Diagnostic[] } {
  if (!existsSync(file)) return { diagnostics: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return { diagnostics: [diagnostic('error', 'bad-state', `cannot read correlator state: ${(e as Error).message}`, { file })] };
  }
  const checkpoint = parseCheckpoint(raw);
  if (!checkpoint) return { diagnostics: [diagnostic('error', 'bad-state', 'not a sigstream state file', { file })] };
  return { checkpoint, diagnostics: [] };
}

export function saveState(file: string, correlator: Correlator): void {
  saveCheckpoint(file, checkpointOf(correlator, undefined));
}

/** Restores a saved state; a missing file is a fresh start, not an error. */
export function loadState(file: string, correlator: Correlator): Diagnostic[] {
  const loaded = loadCheckpoint(file);
  return loaded.checkpoint ? restoreCheckpoint(loaded.checkpoint, correlator, file) : loaded.diagnostics;
}

/** Where checkpoints live: a state file (one partition) or a KV bucket (one key per partition). */
export interface CheckpointStore {
  /** For messages: the file or bucket key. */
  where(partition: number): string;
  load(partition: number): Promise<{ checkpoint?: Checkpoint; diagnostics: Diagnostic[] }>;
  save(partition: number, checkpoint: Checkpoint): Promise<void>;
  /** Releases what the store holds open (a connection), after the last save. */
  close?(): Promise<void>;
}

/** `--state FILE` as a checkpoint store: partition 0 in FILE, any other in FILE.pN. */
export function fileCheckpoints(file: string): CheckpointStore {
  const where = (partition: number) => (partition === 0 ? file : `${file}.p${partition}`);
  return {
    where,
    load: async (partition) => loadCheckpoint(where(partition)),
    save: async (partition, checkpoint) => saveCheckpoint(where(partition), checkpoint),
  };
}
