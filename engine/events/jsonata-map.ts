/**
 * `--map FILE.jsonata`: a user's JSONata expression that turns each JSON record of any shape into
 * the normalized event. Compiled once per run; evaluated per record (JSONata's evaluate is async).
 * The result is normalized as the contract wants: `EventID` a number, scalars as strings, null and
 * undefined fields dropped. A mapping that gives nothing for a record skips it as "no event".
 */
import { readFile } from 'node:fs/promises';
import jsonata from 'jsonata';
import { diagnostic, type DiagnosticCode, type Diagnostic } from '../diagnostics.js';

/** Codes of a mapping that cannot be used at all (as opposed to one record it fails on): a usage error. */
export const MAPPING_FAILURES: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>(['map-syntax', 'map-unreadable']);
import { setField, type NormalizedEvent } from '../event.js';
import { eventIdOf, exceededLimit, isObject, MAX_RECORD_DEPTH, scalarText, type JsonLimits, type JsonShape, type ShapeResult } from './json-shapes/shape.js';

/**
 * Bounds on one record's evaluation. A mapping can loop forever (a recursive function) or build
 * a vast result (`$map([1..1e7], …)`); JSONata checks its time and depth budget at every step
 * and its sequence length on every append, so either ends as that record's located skip, never
 * as a hang or an out-of-memory abort of the run. The time is wall-clock (JSONata's own check):
 * generous, since a real mapping takes microseconds and a loaded machine may pause the process.
 */
export interface MapBudget {
  /** Milliseconds per record. */
  timeout: number;
  /** Nested evaluation depth (non-tail recursion). */
  stack: number;
  /** Values in any one sequence. */
  sequence: number;
}

export const MAP_BUDGET: Readonly<MapBudget> = { timeout: 5000, stack: 500, sequence: 10_000 };

/** A mapped event is one record's worth: nesting as a JSON record may, and at most this much. */
const MAP_RESULT_LIMITS: JsonLimits = { depth: MAX_RECORD_DEPTH, nodes: 100_000, chars: 16 * 1024 * 1024 };

const LIMIT_NAMES: Record<keyof JsonLimits, string> = {
  depth: `nests more than ${MAP_RESULT_LIMITS.depth} deep`,
  nodes: `holds more than ${MAP_RESULT_LIMITS.nodes} values`,
  chars: `holds more than ${MAP_RESULT_LIMITS.chars} characters`,
};

interface JsonataFailure {
  code?: DiagnosticCode;
  position?: number;
  token?: string;
  message?: string;
}

/** 1-based line and column of a JSONata `position` (the offset just past the offending token). */
function positionIn(source: string, position: number): { line: number; col: number } {
  const index = Math.max(0, Math.min(position - 1, source.length));
  const before = source.slice(0, index);
  const line = before.split('\n').length;
  return { line, col: index - before.lastIndexOf('\n') };
}

function describe(err: unknown): string {
  const failure = err as JsonataFailure;
  return failure.code ? `${failure.message ?? 'error'} (JSONata ${failure.code})` : String((err as Error)?.message ?? err);
}

function normalize(result: unknown): ShapeResult {
  // Nothing (JSONata's "no match") means the record holds no event: ignored and counted.
  if (result === undefined) return null;
  if (!isObject(result)) return `mapping gave ${Array.isArray(result) ? 'an array' : typeof result}, not an object`;
  const over = exceededLimit(result, MAP_RESULT_LIMITS);
  if (over !== undefined) return `mapping result ${LIMIT_NAMES[over]}`;
  const event: NormalizedEvent = {};
  for (const [key, value] of Object.entries(result)) {
    if (value === undefined || value === null) continue;
    if (key === 'EventID') {
      const id = eventIdOf(value);
      if (id === undefined) return `mapping gave EventID ${JSON.stringify(value)}, not a number`;
      event.EventID = id;
    } else {
      setField(event, key, scalarText(value) ?? value);
    }
  }
  return event;
}

export type MappingResult = { ok: true; shape: JsonShape } | { ok: false; diagnostic: Diagnostic };

/** Compile `source` (the text of `file`); a syntax error comes back located in the file. */
export function compileMapping(source: string, file: string, budget: Readonly<MapBudget> = MAP_BUDGET): MappingResult {
  let expression: jsonata.Expression;
  try {
    expression = jsonata(source, { ...budget });
  } catch (err) {
    const position = (err as JsonataFailure).position;
    const at = typeof position === 'number' ? positionIn(source, position) : {};
    return { ok: false, diagnostic: diagnostic('error', 'map-syntax', `JSONata mapping does not compile: ${describe(err)}`, { file, ...at }) };
  }
  const shape: JsonShape = {
    name: 'map',
    errorCode: 'map-error',
    detect: () => true,
    async toEvent(record) {
      try {
        return normalize(await expression.evaluate(record));
      } catch (err) {
        const position = (err as JsonataFailure).position;
        const at = typeof position === 'number' ? positionIn(source, position) : undefined;
        return `mapping failed${at ? ` at ${file}:${at.line}:${at.col}` : ''}: ${describe(err)}`;
      }
    },
  };
  return { ok: true, shape };
}

export async function loadMapping(file: string): Promise<MappingResult> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (err) {
    return { ok: false, diagnostic: diagnostic('error', 'map-unreadable', `cannot read mapping: ${(err as Error).message}`, { file }) };
  }
  return compileMapping(source, file);
}
