/**
 * One JSON document shape (flat, evtx_dump, Winlogbeat/ECS, a user's JSONata map): how to
 * recognise it from an input's first record and how to turn one record into the normalized event.
 */
import type { DiagnosticCode } from '../../diagnostics.js';
import type { NormalizedEvent } from '../../event.js';

export type JsonObject = Record<string, unknown>;

/**
 * The event; or why this record cannot be one (reported with the record's location); or `null`
 * for a record of the shape that carries no event (another program's log line), counted and
 * reported once per input.
 */
export type ShapeResult = NormalizedEvent | string | null;

export interface JsonShape {
  /** Format name as given to `--format`. */
  readonly name: string;
  /** True when an input's first record has this shape. */
  detect(record: JsonObject): boolean;
  /** Diagnostic code for a record `toEvent` rejects (default `bad-record`). */
  readonly errorCode?: DiagnosticCode;
  /**
   * Never throws for bad data; may be async (JSONata maps are). `warn` reports a problem with a
   * record that is still read (it becomes a located warning before the event).
   */
  toEvent(record: JsonObject, warn?: (code: DiagnosticCode, message: string) => void): ShapeResult | Promise<ShapeResult>;
}

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Deepest nesting a JSON record may have. Real shapes nest a handful of levels (`_source.winlog.
 * event_data.Field`); a record thousands deep would overflow the stack wherever it is walked
 * recursively (evtx-json's element tree, JSON.stringify when written), so the reader skips it.
 */
export const MAX_RECORD_DEPTH = 64;

/** Bounds on a JSON value: nesting depth, and optionally how many values and string characters it holds. */
export interface JsonLimits {
  depth: number;
  nodes?: number;
  chars?: number;
}

/** The first limit `value` exceeds, if any. Iterative, so any depth is safe; stops at the first excess. */
export function exceededLimit(value: unknown, limits: JsonLimits): keyof JsonLimits | undefined {
  const stack: Array<[unknown, number]> = [[value, 1]];
  // Without node or character bounds only containers need a visit: scalars are passed over (the hot case).
  const everything = limits.nodes !== undefined || limits.chars !== undefined;
  let nodes = 0;
  let chars = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (limits.nodes !== undefined && ++nodes > limits.nodes) return 'nodes';
    if (typeof node === 'string') {
      chars += node.length;
      if (limits.chars !== undefined && chars > limits.chars) return 'chars';
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (depth > limits.depth) return 'depth';
    if (Array.isArray(node)) {
      for (const child of node) if (everything || (child !== null && typeof child === 'object')) stack.push([child, depth + 1]);
    } else {
      for (const key in node as JsonObject) {
        const child = (node as JsonObject)[key];
        if (everything || (child !== null && typeof child === 'object')) stack.push([child, depth + 1]);
        if (limits.chars !== undefined) chars += key.length;
      }
    }
  }
  return undefined;
}

/** A JSON scalar as Windows renders it in event XML: numbers in decimal, booleans `true`/`false`. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return undefined;
}

/** `EventID` as the number the contract wants, from a number or a decimal string. */
export function eventIdOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value);
  return undefined;
}
