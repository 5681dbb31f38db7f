/**
 * The one entry point for reading events: specs (files, directories, globs, `-`) and options in,
 * read items (events, located skips and warnings) out, with live per-input statistics.
 * `sigstream run` and library users call this; everything else in events/ is behind it.
 */
import { diagnostic } from '../diagnostics.js';
import { JSON_FORMATS } from './formats.js';
import { openInputs, type InputEntry, type InputOptions, type OpenedInput } from './inputs.js';
import { loadMapping } from './jsonata-map.js';
import { jsonReader } from './ndjson.js';
import { startProgress, type Progress } from './progress.js';
import { count, emptyStats, inputStats, type ReadStats } from './read-stats.js';
import type { EventReader, ReadItem } from './reader.js';

export interface ReadOptions extends InputOptions {
  /** A JSONata file mapping each JSON record to the normalized event (JSON inputs only). */
  map?: string;
  /**
   * Show a progress bar (the CLI turns it on; a library caller opts in). Even then it is only drawn
   * when `stderr` is a TTY and every input is a file.
   */
  progress?: boolean;
  /** Where the progress bar goes; defaults to process.stderr. */
  stderr?: NodeJS.WritableStream & { isTTY?: boolean };
  /**
   * How the inputs' items are combined into one stream. By default one input after another; a
   * merge (the pipeline's `mergeByTime`) receives every input's items at once and interleaves them.
   */
  merge?: (inputs: Array<AsyncIterable<ReadItem>>) => AsyncIterable<ReadItem>;
}

export interface EventStream extends AsyncIterable<ReadItem> {
  /** Filled in while the stream is consumed; complete once it ends. */
  readonly stats: ReadStats;
  /** Write a message line to stderr, above the progress bar while one is shown. */
  log(text: string): void;
}

async function collect(entries: AsyncIterable<InputEntry>): Promise<InputEntry[]> {
  const all: InputEntry[] = [];
  for await (const entry of entries) all.push(entry);
  return all;
}

export function readEvents(specs: readonly string[], options: ReadOptions = {}): EventStream {
  const stats = emptyStats();
  let progress: Progress | undefined;
  async function* run(): AsyncGenerator<ReadItem> {
    let mapReader: EventReader | undefined;
    if (options.map !== undefined) {
      const loaded = await loadMapping(options.map);
      if (!loaded.ok) {
        stats.problems.push(loaded.diagnostic);
        yield { kind: 'skip', diagnostic: loaded.diagnostic };
        return;
      }
      mapReader = jsonReader(loaded.shape.name, loaded.shape);
    }
    const stderr = options.stderr ?? process.stderr;
    let entries: AsyncIterable<InputEntry> | InputEntry[] = openInputs(specs, options);
    let finishedBytes = 0;
    let current: { name: string; bytesRead(): number } | undefined;
    // A merge reads every input at once: list them first, and count progress over all of them.
    const showProgress = options.progress === true && stderr.isTTY === true;
    // The progress total must be known before the first byte: list the inputs first (cheap: stat and head).
    const listed = options.merge || showProgress ? await collect(entries) : undefined;
    const files = listed?.flatMap((e) => (e.kind === 'input' ? [e.input] : [])) ?? [];
    if (listed) entries = listed;
    if (showProgress) {
      if (files.length > 0 && files.every((f) => f.size !== undefined)) {
        const total = files.reduce((sum, f) => sum + (f.size ?? 0), 0);
        progress = startProgress(stderr, total, {
          bytesDone: () => (options.merge ? files.reduce((sum, f) => sum + f.bytesRead(), 0) : finishedBytes + (current?.bytesRead() ?? 0)),
          events: () => stats.events,
          current: () => (options.merge ? (files.length === 1 ? files[0].name : `${files.length} inputs in time order`) : current?.name ?? ''),
        });
      }
    }
    async function* itemsOf(input: OpenedInput): AsyncGenerator<ReadItem> {
      const reader = mapReader && JSON_FORMATS.has(input.format) ? mapReader : input.reader;
      const counts = inputStats(stats, input.name, reader.format);
      try {
        for await (const item of reader.read(input)) {
          count(stats, counts, item);
          yield item;
        }
      } catch (err) {
        // The bytes themselves failed (I/O error, corrupt gzip): the rest of this input is lost.
        const item: ReadItem = { kind: 'skip', diagnostic: diagnostic('error', 'read-error', `input could not be read to the end: ${(err as Error).message}`, { file: input.name }) };
        count(stats, counts, item);
        yield item;
      }
    }
    try {
      const merged: Array<AsyncIterable<ReadItem>> = [];
      for await (const entry of entries) {
        if (entry.kind === 'problem') {
          stats.problems.push(entry.diagnostic);
          yield { kind: 'skip', diagnostic: entry.diagnostic };
          continue;
        }
        if (options.merge) {
          merged.push(itemsOf(entry.input));
          continue;
        }
        current = entry.input;
        yield* itemsOf(entry.input);
        finishedBytes += entry.input.size ?? 0;
        current = undefined;
      }
      if (options.merge) yield* options.merge(merged);
    } finally {
      progress?.stop();
      progress = undefined;
    }
  }
  const items = run();
  const log = (text: string): void => {
    const line = text.endsWith('\n') ? text : text + '\n';
    if (progress) progress.log(line);
    else (options.stderr ?? process.stderr).write(line);
  };
  return { stats, log, [Symbol.asyncIterator]: () => items };
}
