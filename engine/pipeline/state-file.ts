/**
 * State files (`run --state FILE`): the correlator's windows survive a restart. Saving is
 * synchronous, so a signal handler can call it; the CLI saves at the end of input and on SIGTERM and
 * restores at start. File I/O lives here, in the library, so the correlator itself stays free of it.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { Correlator } from '../correlate/correlator.js';

/** Writes the snapshot atomically (temporary file, then rename), so a crash never leaves half a state. */
export function saveState(file: string, correlator: Correlator): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(correlator.snapshot()));
  renameSync(temporary, file);
}

/** Restores a saved state; a missing file is a fresh start, not an error. */
export function loadState(file: string, correlator: Correlator): Diagnostic[] {
  if (!existsSync(file)) return [];
  let state: unknown;
  try {
    state = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return [diagnostic('error', 'bad-state', `cannot read correlator state: ${(e as Error).message}`, { file })];
  }
  return correlator.restore(state).map((d) => ({ ...d, where: { ...d.where, file } }));
}
