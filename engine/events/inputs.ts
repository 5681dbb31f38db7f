/**
 * Input discovery: command-line specs (files, directories, globs, `-` for stdin; none = stdin)
 * become opened inputs with their format, sniffed from their first (decompressed) bytes unless
 * `--format` names it. Problems (a missing file, an unknown format) come back as located
 * diagnostics in the same stream, so one bad spec never stops the others.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { diagnostic, type DiagnosticCode, type Diagnostic } from '../diagnostics.js';
import { fileSource, streamSource, type ByteSource } from './byte-source.js';
import { readers, sniffReader } from './formats.js';
import type { EventReader, InputSource } from './reader.js';

export interface OpenedInput extends InputSource {
  /** The format the input is read as (`--format`, or sniffed). */
  format: string;
  reader: EventReader;
  /** Size on disk for files (compressed size for gzip); undefined for stdin. */
  size?: number;
  gzip: boolean;
  /** Bytes of the file read so far, for progress. */
  bytesRead(): number;
}

export type InputEntry = { kind: 'input'; input: OpenedInput } | { kind: 'problem'; diagnostic: Diagnostic };

export interface InputOptions {
  /** Read every input as this format (a name in `readers`) instead of sniffing. */
  format?: string;
  /** What `-` reads; defaults to process.stdin. */
  stdin?: NodeJS.ReadableStream;
}

/**
 * Extensions a directory walk takes without sniffing (each also with `.gz`), and the format each
 * stands for when sniffing finds nothing (an empty file; a syslog whose first Sysmon line is
 * further in than the sniffed head).
 */
const EXTENSION_FORMATS: Record<string, string> = { '.evtx': 'evtx', '.xml': 'xml', '.json': 'ndjson', '.ndjson': 'ndjson', '.jsonl': 'ndjson', '.log': 'syslog' };

function extensionFormat(path: string): string | undefined {
  const base = path.toLowerCase().endsWith('.gz') ? path.slice(0, -3) : path;
  return EXTENSION_FORMATS[extname(base).toLowerCase()];
}

/** Files under `dir`, recursively, in name order; hidden entries and symlinked directories are skipped. */
async function* walk(dir: string): AsyncGenerator<string> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile() || entry.isSymbolicLink()) yield path;
  }
}

function problem(code: DiagnosticCode, message: string, file: string): InputEntry {
  return { kind: 'problem', diagnostic: diagnostic('error', code, message, { file }) };
}

function opened(name: string, source: ByteSource, reader: EventReader, size?: number): InputEntry {
  return { kind: 'input', input: { name, format: reader.format, reader, size, gzip: source.gzip, open: () => source.open(), bytesRead: () => source.bytesRead() } };
}

/**
 * One file. `fromWalk`: found in a directory, so a file of an unknown extension is taken only
 * when its content is recognised, and silently passed over otherwise.
 */
async function openFile(path: string, options: InputOptions, fromWalk: boolean): Promise<InputEntry | undefined> {
  let source: ByteSource;
  let size: number | undefined;
  try {
    const info = await stat(path);
    // A pipe or device (`<(zcat x.gz)`, /dev/stdin) can be read only once: read it as a stream.
    size = info.isFile() ? info.size : undefined;
    source = info.isFile() ? await fileSource(path) : await streamSource(createReadStream(path));
  } catch (err) {
    return problem('unreadable-input', `cannot read input: ${(err as Error).message}`, path);
  }
  const byExtension = extensionFormat(path);
  const sniffed = sniffReader(source.head) ?? (byExtension !== undefined ? readers[byExtension] : undefined);
  if (fromWalk && byExtension === undefined && !sniffed) return undefined;
  const reader = options.format !== undefined ? readers[options.format] : sniffed;
  if (!reader) return problem('unknown-format', `no reader recognises this input (formats: ${Object.keys(readers).join(', ')}); use --format`, path);
  return opened(path, source, reader, size);
}

/** A head that ends at a line end: what a sniffer sees is not cut off mid-record. */
const wholeLines = (head: Buffer): boolean => head.length > 0 && head[head.length - 1] === 0x0a;

async function* expand(spec: string, options: InputOptions): AsyncGenerator<InputEntry> {
  if (spec === '-') {
    const source = await streamSource(options.stdin ?? process.stdin, (head) => wholeLines(head) && (options.format !== undefined || sniffReader(head) !== undefined));
    const reader = options.format !== undefined ? readers[options.format] : sniffReader(source.head);
    if (!reader) yield problem('unknown-format', `no reader recognises standard input (formats: ${Object.keys(readers).join(', ')}); use --format`, '-');
    else yield opened('-', source, reader);
    return;
  }
  const info = await stat(spec).catch(() => undefined);
  if (info?.isDirectory()) {
    let found = false;
    for await (const path of walk(spec)) {
      const entry = await openFile(path, options, true);
      if (entry) {
        found = true;
        yield entry;
      }
    }
    if (!found) yield problem('no-input', 'directory holds no event files', spec);
  } else if (info) {
    yield (await openFile(spec, options, false))!;
  } else if (isDynamicPattern(spec)) {
    const paths = (await glob(spec, { onlyFiles: true, expandDirectories: false })).sort();
    if (paths.length === 0) yield problem('no-input', 'pattern matches no file', spec);
    for (const path of paths) yield (await openFile(path, options, false))!;
  } else {
    yield problem('no-input', 'no such file or directory', spec);
  }
}

/** Every input the specs name, in order, with its format. No specs means standard input. */
export async function* openInputs(specs: readonly string[], options: InputOptions = {}): AsyncGenerator<InputEntry> {
  if (options.format !== undefined && !readers[options.format]) {
    yield problem('unknown-format', `unknown format '${options.format}' (formats: ${Object.keys(readers).join(', ')})`, '--format');
    return;
  }
  for (const spec of specs.length === 0 ? ['-'] : specs) yield* expand(spec, options);
}
