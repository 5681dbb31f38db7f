/**
 * The JSON Schema of a state file (docs/checkpoints.md). A state is refused, not half-restored, when
 * it does not match: numbers are bounded, so a hand-edited `maxSeenMs: 1e300` cannot disable every
 * window for good.
 */

/** Event times a state may hold: the years 0 to 9999, as Date.parse reads them. */
const TIME = { type: 'number', minimum: -62167219200000, maximum: 253402300799999 } as const;
const COUNT = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;
const HIT = { type: 'object', required: ['kind', 'rule'], properties: { kind: { enum: ['detection', 'correlation'] }, rule: { type: 'object' } } } as const;

/** One correlation group: key, window start, last activity, and its entries [time, rank, value, hit]. */
const CORRELATION_GROUP = {
  type: 'array',
  minItems: 4,
  maxItems: 4,
  items: [{ type: 'string' }, TIME, TIME, { type: 'array', items: { type: 'array', minItems: 4, maxItems: 4, items: [TIME, {}, {}, HIT] } }],
} as const;

/** One sequence key: key, last activity, and its partial matches [step, times, hits, runs]. */
const SEQUENCE_KEY = {
  type: 'array',
  minItems: 3,
  maxItems: 3,
  items: [
    { type: 'string' },
    TIME,
    { type: 'array', items: { type: 'array', minItems: 4, maxItems: 4, items: [{ type: 'integer', minimum: 0, maximum: 1000 }, { type: 'array', items: TIME }, { type: 'array', items: HIT }, COUNT] } },
  ],
} as const;

export const correlatorSnapshotSchema = {
  type: 'object',
  required: ['version', 'maxSeenMs', 'buffer', 'stores', 'counters'],
  properties: {
    version: { const: 1 },
    // -Infinity (nothing seen yet) is written by JSON as null.
    maxSeenMs: { anyOf: [{ type: 'null' }, TIME] },
    buffer: {
      type: 'array',
      items: { type: 'object', required: ['timeMs', 'hits'], properties: { timeMs: TIME, hits: { type: 'array', items: HIT }, processTerminated: { type: 'string' } } },
    },
    stores: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['signature', 'state'],
        properties: { signature: { type: 'string' }, state: { type: 'array', items: { anyOf: [CORRELATION_GROUP, SEQUENCE_KEY] } } },
      },
    },
    counters: {
      type: 'object',
      additionalProperties: false,
      properties: { evictions: COUNT, late: COUNT, terminated: COUNT, future: COUNT, forced: COUNT, futureByHost: { type: 'object', additionalProperties: COUNT } },
    },
    floorMs: { anyOf: [{ type: 'null' }, TIME] },
    future: { anyOf: [{ type: 'null' }, { type: 'object', required: ['timeMs', 'hits'], properties: { timeMs: TIME, hits: { type: 'array', items: HIT } } }] },
  },
} as const;

export const inputPositionSchema = {
  type: 'object',
  required: ['input', 'events'],
  additionalProperties: false,
  properties: {
    input: { type: 'string' },
    identity: {
      type: 'object',
      required: ['size', 'mtimeMs', 'ino'],
      additionalProperties: false,
      properties: { size: COUNT, mtimeMs: { type: 'number', minimum: 0, maximum: 253402300799999 }, ino: COUNT },
    },
    events: COUNT,
    line: COUNT,
    record: COUNT,
  },
} as const;

export const stateFileSchema = {
  type: 'object',
  required: ['format', 'version', 'inputs'],
  additionalProperties: false,
  properties: {
    format: { const: 'sigstream-state' },
    version: { const: 2 },
    savedAt: { type: 'string' },
    inputs: { type: 'array', items: inputPositionSchema },
    correlator: correlatorSnapshotSchema,
  },
} as const;
