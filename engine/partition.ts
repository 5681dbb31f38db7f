/**
 * The one partition function (DESIGN.md): events are sharded by their host (`Computer`), so every
 * event of a host is handled by the same worker (today `run --workers N` in one process; later
 * the consumers of a distributed deployment). Same host string → same partition, for any number of
 * partitions, in any process: a fixed 32-bit FNV-1a hash, never `Math.random` or insertion order.
 */
import type { NormalizedEvent } from './event.js';

/** The host an event belongs to; events without one share the empty key (and one partition). */
export function partitionKey(event: NormalizedEvent): string {
  return typeof event.Computer === 'string' ? event.Computer : '';
}

/** FNV-1a over the UTF-16 code units of `key`. */
function fnv1a(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Partition (0 … partitions-1) of any key: the same function shards events by host and re-keyed
 * correlation hits by their group key (pipeline/rekey.ts).
 */
export function partitionOfKey(key: string, partitions: number): number {
  return partitions <= 1 ? 0 : fnv1a(key) % partitions;
}

/** Partition (0 … partitions-1) of an event. */
export function partitionOf(event: NormalizedEvent, partitions: number): number {
  return partitionOfKey(partitionKey(event), partitions);
}

const COMPUTER_KEY = Buffer.from('"Computer"');
const UNICODE_ESCAPE = Buffer.from('\\u00');

/**
 * The partition key of one flat JSON object line (NDJSON of normalized events, its UTF-8 bytes),
 * read without decoding or parsing it, when the line plainly says it: one top-level `"Computer"`
 * key with a string value without escapes, or no `"Computer"` anywhere (the empty key). Undefined
 * when it is not plain (\u00XX escapes, a duplicate or nested key, a non-string value): the
 * caller then parses the line and takes partitionKey of the event, so both give one partition.
 *
 * Inside a JSON string a quote is always escaped, so `"Computer"` with its quotes can only be a
 * key or a whole string value; its depth is found by scanning the brackets before it.
 */
export function partitionKeyOfLine(line: Uint8Array): string | undefined {
  const bytes = Buffer.isBuffer(line) ? line : Buffer.from(line.buffer, line.byteOffset, line.byteLength);
  // A key may spell "Computer" with \u00XX escapes (every letter of it is one): parse such a line.
  if (bytes.indexOf(UNICODE_ESCAPE) !== -1) return undefined;
  const at = bytes.indexOf(COMPUTER_KEY);
  if (at === -1) return '';
  if (!atTopLevel(bytes, at)) return undefined;
  let i = at + COMPUTER_KEY.length;
  while (bytes[i] === 0x20) i++;
  if (bytes[i++] !== 0x3a) return undefined; // ':' — else a value, not the key
  while (bytes[i] === 0x20) i++;
  if (bytes[i] !== 0x22) return undefined; // not a string: partitionKey gives ''
  const end = bytes.indexOf(0x22, i + 1);
  const backslash = bytes.indexOf(0x5c, i + 1);
  if (end === -1 || (backslash !== -1 && backslash < end)) return undefined;
  // JSON.parse keeps the last of duplicate keys: a second "Computer" anywhere, and the line is parsed.
  if (bytes.indexOf(COMPUTER_KEY, end) !== -1) return undefined;
  return bytes.toString('utf8', i + 1, end);
}

/**
 * Whether the quote at `at` opens a key directly inside the line's outer object. Most lines have
 * no bracket before it (flat events): then only its own quote needs a look.
 */
function atTopLevel(bytes: Buffer, at: number): boolean {
  if (bytes[at - 1] === 0x5c) return false; // an escaped quote: inside a string
  const object = bytes.indexOf(0x7b, 1);
  const array = bytes.indexOf(0x5b);
  if ((object === -1 || object > at) && (array === -1 || array > at)) return bytes[0] === 0x7b;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < at; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return depth === 1 && !inString;
}
