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
