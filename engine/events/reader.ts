/**
 * One interface for every input format. A reader turns the bytes of one input into normalized
 * events and located diagnostics for what it had to skip; it never throws for bad data.
 */
import type { Readable } from 'node:stream';
import type { Diagnostic } from '../diagnostics.js';
import type { NormalizedEvent } from '../event.js';

/** One input: a name for messages and a way to open its bytes (already decompressed). */
export interface InputSource {
  name: string;
  open(): Readable;
}

export type ReadItem =
  | { kind: 'event'; event: NormalizedEvent }
  /**
   * Records that could not be read. `records`: how many this one report stands for (default 1),
   * e.g. every record of an unreadable .evtx chunk, so that statistics count records, not reports.
   */
  | { kind: 'skip'; diagnostic: Diagnostic; records?: number }
  /** Something was wrong but the event was still read (e.g. repaired XML); it follows this item. */
  | { kind: 'warning'; diagnostic: Diagnostic };

export interface EventReader {
  /** Format name as given to `--format`. */
  readonly format: string;
  /** True when the first bytes of an input look like this format (used for auto-detection). */
  sniff(head: Buffer): boolean;
  read(source: InputSource): AsyncIterable<ReadItem>;
}
