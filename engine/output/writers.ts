/** The writer registry: every hit output format, by its `--output` name. */
import { csvWriter } from './csv.js';
import { jsonWriter } from './json.js';
import { ndjsonWriter } from './ndjson.js';
import { tableWriter } from './table.js';
import { timesketchWriter } from './timesketch.js';
import type { HitWriter, WriterDefinition, WriterOptions } from './writer.js';

export const writers: Readonly<Record<string, WriterDefinition>> = {
  [ndjsonWriter.name]: ndjsonWriter,
  [jsonWriter.name]: jsonWriter,
  [csvWriter.name]: csvWriter,
  [tableWriter.name]: tableWriter,
  [timesketchWriter.name]: timesketchWriter,
};

/** The registered `--output` names, for usage text and error hints. */
export function writerNames(): string[] {
  return Object.keys(writers);
}

/** A writer by name, or undefined for a name that is not registered. */
export function createWriter(name: string, options: WriterOptions): HitWriter | undefined {
  return Object.hasOwn(writers, name) ? writers[name].create(options) : undefined;
}
