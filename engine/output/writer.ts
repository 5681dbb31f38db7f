/**
 * One interface for every hit writer (`run --output NAME`). A writer receives hits in order and does
 * all of their formatting: the detector hands over plain hit objects and never builds text itself.
 * Writers are registered by name in writers.ts; a new output format is one file and one line there.
 */
import type { Hit } from '../hit.js';
import type { RuleFieldsLookup, TimelineColumn } from './timeline.js';

export interface HitWriter {
  /** Write one hit; a promise when the writer waits for the stream to drain (backpressure). */
  write(hit: Hit): Promise<void> | void;
  /** Finish the output (close a JSON array, flush a table); the stream itself stays open. */
  end(): Promise<void> | void;
  /**
   * Writers whose lines are hit JSON (`HitJson` text) also take lines serialized elsewhere, so a
   * sharded run's workers format hits off the main thread (as text or UTF-8); others receive hit objects.
   */
  writeLines?(ndjson: string | Uint8Array): Promise<void> | void;
  /**
   * Hand everything written so far to the stream now, for writers that batch; the promise settles
   * once the stream has passed it on. A checkpoint must not cover hits that a kill could still lose
   * from a buffer, the writer's or the stream's.
   */
  flush?(): Promise<void> | void;
}

/** What every writer is created with. Writers that have no use for an option ignore it. */
export interface WriterOptions {
  out: NodeJS.WritableStream;
  /** Columns of a column writer (`--fields`), in order; its default set when absent. */
  columns?: readonly TimelineColumn[];
  /** Line width for the table (the terminal's columns). */
  width?: number;
  /** ANSI colour (table): the caller decides from the TTY, NO_COLOR and --no-color. */
  color?: boolean;
  /** A rule's Sigma `fields:` list, which becomes the Details of its hits (see ruleFieldLists). */
  ruleFields?: RuleFieldsLookup;
}

export interface WriterDefinition {
  /** The `--output` name. */
  name: string;
  /** One line for the usage text. */
  description: string;
  /** True for a writer whose columns `--fields` chooses (the timeline columns). */
  columns?: boolean;
  create(options: WriterOptions): HitWriter;
}
