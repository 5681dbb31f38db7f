/**
 * Checkpoints (`run --state FILE [--checkpoint-every N|DUR] [--resume]`): opening a state file at
 * start (validated, refused as a whole when bad), restoring the correlator and the input positions,
 * and saving both periodically, at signals and at the end. The CLI wires flags and signals to this.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Correlator } from '../correlate/correlator.js';
import type { NormalizedEvent } from '../event.js';
import { parseDuration } from '../sigma/correlation/timespan.js';
import { InputPositions } from './input-positions.js';
import { checkStateWritable, readState, saveState } from './state-file.js';

/** Every N processed events, or every so many milliseconds of wall time. */
export type CheckpointEvery = { events: number } | { ms: number };

/** `1000` is a count of events; a duration needs its unit (`500ms`, `30s`, `5m`). */
export function parseCheckpointEvery(text: string): CheckpointEvery | undefined {
  if (/^\d+$/.test(text)) return Number(text) > 0 ? { events: Number(text) } : undefined;
  const ms = parseDuration(text);
  return ms !== undefined && ms > 0 ? { ms } : undefined;
}

export interface CheckpointOptions {
  /** Skip the events of each input that the saved state already covers. */
  resume?: boolean;
  every?: CheckpointEvery;
  /** Wall clock, for tests. */
  now?: () => number;
  /**
   * Called before every save: a state must never cover hits still held in a writer's buffer (a
   * kill -9 right after the save would lose them), so the caller hands them to the output here.
   */
  beforeSave?: () => void;
}

export interface OpenedCheckpoint {
  /** Undefined when the state must not be used: the errors in `diagnostics` say why. */
  checkpoint?: Checkpoint;
  diagnostics: Diagnostic[];
}

export class Checkpoint {
  /** Checkpoints written so far (periodic, signal and final). */
  saves = 0;
  private sinceSave = 0;
  private lastSaveMs: number;
  private readonly now: () => number;

  private constructor(
    readonly file: string,
    private readonly correlator: Correlator | undefined,
    readonly positions: InputPositions,
    private readonly every: CheckpointEvery | undefined,
    now: () => number,
    private readonly beforeSave: () => void,
  ) {
    this.now = now;
    this.lastSaveMs = now();
  }

  /** Reads, validates and restores `file`; checks at start that it can be written. */
  static open(file: string, correlator: Correlator | undefined, options: CheckpointOptions = {}): OpenedCheckpoint {
    const { state, diagnostics } = readState(file);
    if (diagnostics.length > 0) return { diagnostics };
    const unwritable = checkStateWritable(file);
    if (unwritable) return { diagnostics: [unwritable] };
    const restored: Diagnostic[] = [];
    if (state?.correlator && correlator) restored.push(...correlator.restore(state.correlator).map((d) => ({ ...d, where: { ...d.where, file } })));
    if (restored.some((d) => d.code === 'bad-state')) return { diagnostics: restored };
    const positions = new InputPositions(state?.inputs ?? [], options.resume ?? false);
    return { checkpoint: new Checkpoint(file, correlator, positions, options.every, options.now ?? Date.now, options.beforeSave ?? (() => {})), diagnostics: restored };
  }

  /** True when the restored state already covers `event` (with resume): skip it. */
  covers(event: NormalizedEvent): boolean {
    return this.positions.covers(event);
  }

  /** After `event` was processed and its hits written: saves when a periodic checkpoint is due. */
  processed(event: NormalizedEvent): boolean {
    this.positions.advance(event);
    this.sinceSave++;
    if (!this.every) return false;
    const due = 'events' in this.every ? this.sinceSave >= this.every.events : this.now() - this.lastSaveMs >= this.every.ms;
    if (due) this.save();
    return due;
  }

  save(): void {
    this.beforeSave();
    saveState(this.file, this.correlator, this.positions.list());
    this.saves++;
    this.sinceSave = 0;
    this.lastSaveMs = this.now();
  }
}
