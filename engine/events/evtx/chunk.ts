/**
 * One 64 KiB chunk (libevtx "Chunk", "Event record", "Recovery"): header and checksum checks, then
 * the event records in it. A damaged record is reported and the scan resumes at the next valid
 * record signature, so one bad record costs only itself.
 */
import { crc32 } from './crc32.js';

export const CHUNK_SIZE = 65536;
export const CHUNK_HEADER_SIZE = 512;
const CHUNK_SIGNATURE = Buffer.from('ElfChnk\0', 'latin1');
const RECORD_SIGNATURE = 0x00002a2a;
const RECORD_SIGNATURE_BYTES = Buffer.from([0x2a, 0x2a, 0, 0]);
/** Signature, size, identifier, written time. */
export const RECORD_HEADER_SIZE = 24;
/** Header plus the trailing copy of the size. */
const RECORD_MIN_SIZE = RECORD_HEADER_SIZE + 4;

export interface RecordSpan {
  kind: 'record';
  /** Offset of the record inside the chunk. */
  offset: number;
  size: number;
  /** Event record identifier (EventRecordID). */
  id: number;
}

export interface ChunkProblem {
  kind: 'problem';
  severity: 'error' | 'warning';
  code: 'evtx-chunk' | 'evtx-chunk-checksum' | 'evtx-record' | 'evtx-truncated';
  message: string;
  offset: number;
  /** Record identifier, when the record header was readable. */
  record?: number;
  /** Errors: how many records were lost with this problem (at least 1). */
  records?: number;
}

export type ChunkItem = RecordSpan | ChunkProblem;

function isZero(data: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (data[i] !== 0) return false;
  return true;
}

function hex(value: number): string {
  return '0x' + value.toString(16);
}

function recordId(data: Buffer, offset: number): number {
  return data.readUInt32LE(offset + 8) + data.readUInt32LE(offset + 12) * 2 ** 32;
}

/** Why the bytes at `offset` are not a whole record ending before `limit`; undefined if they are. */
function recordProblem(data: Buffer, offset: number, limit: number): string | undefined {
  if (offset + RECORD_MIN_SIZE > limit) return 'record header runs past the records area';
  if (data.readUInt32LE(offset) !== RECORD_SIGNATURE) return 'no record signature';
  const size = data.readUInt32LE(offset + 4);
  if (size < RECORD_MIN_SIZE || offset + size > limit) return `record size ${size} does not fit the chunk`;
  const copy = data.readUInt32LE(offset + size - 4);
  if (copy !== size) return `record size ${size} differs from its trailing copy ${copy}`;
  return undefined;
}

/** Valid record headers found by signature between `from` and `limit`: the records an unreadable span held. */
function countRecords(data: Buffer, from: number, limit: number): number {
  let count = 0;
  for (let at = nextRecord(data, from, limit); at !== -1; at = nextRecord(data, at + data.readUInt32LE(at + 4), limit)) count++;
  return count;
}

/**
 * Records lost between the last record read (`lastId`) and `nextId` (the next one read, or one past
 * the chunk's last record), when both are known and plausible for a span of `bytes`; else 1.
 */
function lostBetween(lastId: number | undefined, nextId: number | undefined, bytes: number): number {
  if (lastId === undefined || nextId === undefined || nextId <= lastId + 1) return 1;
  return Math.min(nextId - lastId - 1, Math.max(1, Math.floor(bytes / RECORD_MIN_SIZE)));
}

function nextRecord(data: Buffer, from: number, limit: number): number {
  for (let at = data.indexOf(RECORD_SIGNATURE_BYTES, from); at !== -1 && at < limit; at = data.indexOf(RECORD_SIGNATURE_BYTES, at + 1)) {
    if (recordProblem(data, at, limit) === undefined) return at;
  }
  return -1;
}

/**
 * The records of a chunk and the problems found on the way. `length` < CHUNK_SIZE means the file
 * ended inside this chunk. `expected` is false for chunks past the header's chunk count, which
 * may legitimately be zero-filled.
 */
export function* scanChunk(data: Buffer, length: number, expected: boolean): Generator<ChunkItem> {
  if (length < CHUNK_HEADER_SIZE) {
    if (!isZero(data, 0, length)) {
      yield { kind: 'problem', severity: 'error', code: 'evtx-truncated', message: `file ends ${length} bytes into the chunk header`, offset: 0 };
    }
    return;
  }
  if (!data.subarray(0, 8).equals(CHUNK_SIGNATURE)) {
    if (!expected && isZero(data, 0, length)) return;
    const records = Math.max(1, countRecords(data, CHUNK_HEADER_SIZE, length));
    yield { kind: 'problem', severity: 'error', code: 'evtx-chunk', message: 'no "ElfChnk" signature; chunk skipped', offset: 0, records };
    return;
  }
  const storedHeaderSum = data.readUInt32LE(124);
  const headerSum = crc32(data, 128, CHUNK_HEADER_SIZE, crc32(data, 0, 120));
  // The header's first and last record identifiers, when its checksum vouches for them: they tell
  // how many records a damaged span or a truncation cost.
  const headerSound = storedHeaderSum === headerSum;
  const firstId = headerSound ? Number(data.readBigUInt64LE(24)) : undefined;
  const endId = headerSound ? Number(data.readBigUInt64LE(32)) + 1 : undefined;
  let lastId = firstId === undefined ? undefined : firstId - 1;
  if (!headerSound) {
    yield { kind: 'problem', severity: 'warning', code: 'evtx-chunk-checksum', message: `chunk header checksum mismatch (stored ${hex(storedHeaderSum)}, computed ${hex(headerSum)}); records still read one by one`, offset: 0 };
  }
  const freeSpace = data.readUInt32LE(48);
  let limit = freeSpace >= CHUNK_HEADER_SIZE && freeSpace <= CHUNK_SIZE ? freeSpace : CHUNK_SIZE;
  /** The file ends inside the records: reported after the records that are whole, with the count lost. */
  const truncated = limit > length;
  if (truncated) {
    limit = length;
  } else if (length < CHUNK_SIZE) {
    yield { kind: 'problem', severity: 'warning', code: 'evtx-truncated', message: `file ends ${length} bytes into the chunk, after its last record`, offset: length };
  }
  if (limit === freeSpace) {
    const storedDataSum = data.readUInt32LE(52);
    const dataSum = crc32(data, CHUNK_HEADER_SIZE, limit);
    if (storedDataSum !== dataSum) {
      yield { kind: 'problem', severity: 'warning', code: 'evtx-chunk-checksum', message: `event records checksum mismatch (stored ${hex(storedDataSum)}, computed ${hex(dataSum)}); values may be damaged`, offset: CHUNK_HEADER_SIZE };
    }
  }
  let offset = CHUNK_HEADER_SIZE;
  while (offset + RECORD_HEADER_SIZE <= limit) {
    const problem = recordProblem(data, offset, limit);
    if (problem === undefined) {
      const size = data.readUInt32LE(offset + 4);
      lastId = recordId(data, offset);
      yield { kind: 'record', offset, size, id: lastId };
      offset += size;
      continue;
    }
    // Zero bytes after the last record are free space, not damage.
    if (isZero(data, offset, limit)) break;
    const next = nextRecord(data, offset + 1, limit);
    // A record cut off by the end of the file is part of the truncation reported below.
    if (next === -1 && truncated) break;
    const id = data.readUInt32LE(offset) === RECORD_SIGNATURE ? recordId(data, offset) : undefined;
    const resume = next === -1 ? 'no further record in this chunk' : `resuming at ${hex(next)}`;
    const records = lostBetween(lastId, next === -1 ? endId : recordId(data, next), (next === -1 ? limit : next) - offset);
    yield { kind: 'problem', severity: 'error', code: 'evtx-record', message: `${problem}; skipped, ${resume}`, offset, record: id, records };
    if (next === -1) return;
    offset = next;
  }
  if (truncated && lastId !== undefined && endId !== undefined && lastId + 1 >= endId) {
    // The header vouches that its last record was read: the cut took only free space.
    yield { kind: 'problem', severity: 'warning', code: 'evtx-truncated', message: `file ends ${length} bytes into the chunk, after its last record`, offset: length };
  } else if (truncated) {
    const records = lostBetween(lastId, endId, CHUNK_SIZE - offset);
    yield { kind: 'problem', severity: 'error', code: 'evtx-truncated', message: `file ends ${length} bytes into the chunk; ${records === 1 ? 'a record is' : `${records} records are`} lost`, offset: length, records };
  }
}
