/**
 * FILETIME and SYSTEMTIME as Windows renders them in event XML: ISO 8601 UTC with seven fractional
 * digits (100 ns), e.g. `2025-10-22T20:33:27.2767027Z`.
 */

/** Seconds between 1601-01-01 (FILETIME epoch) and 1970-01-01. */
const EPOCH_DIFFERENCE_S = 11644473600;
const TICKS_PER_SECOND = 10_000_000;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Events come in time order, many per second: remember the last second's text. */
let lastSeconds = NaN;
let lastText = '';

/** Every FILETIME (at most ~58,000 years past 1601) lies inside Date's range, so this never fails. */
function isoSeconds(unixSeconds: number): string {
  if (unixSeconds !== lastSeconds) {
    // toISOString: `YYYY-MM-DDTHH:MM:SS.sssZ`; keep everything up to the seconds.
    lastText = new Date(unixSeconds * 1000).toISOString().slice(0, -5);
    lastSeconds = unixSeconds;
  }
  return lastText;
}

/**
 * 100 ns ticks since 1601 (unsigned 64-bit, little-endian). Exact: a FILETIME exceeds 2^53, so the
 * split into seconds and ticks is done on the two 32-bit halves.
 */
export function renderFiletime(buf: Buffer, start: number): string {
  const lo = buf.readUInt32LE(start);
  const hi = buf.readUInt32LE(start + 4);
  // hi * 2^32 = hi * 429 * 10^7 + hi * 4967296, and hi * 4967296 + lo stays below 2^53.
  const rest = hi * 4967296 + lo;
  const seconds = hi * 429 + Math.floor(rest / TICKS_PER_SECOND);
  const ticks = rest % TICKS_PER_SECOND;
  return `${isoSeconds(seconds - EPOCH_DIFFERENCE_S)}.${String(ticks).padStart(7, '0')}Z`;
}

/** SYSTEMTIME: year, month, day of week, day, hour, minute, second, millisecond (16-bit each). */
export function renderSystemtime(buf: Buffer, start: number): string {
  const field = (i: number) => buf.readUInt16LE(start + 2 * i);
  return (
    `${pad(field(0), 4)}-${pad(field(1), 2)}-${pad(field(3), 2)}T` +
    `${pad(field(4), 2)}:${pad(field(5), 2)}:${pad(field(6), 2)}.${pad(field(7), 3)}0000Z`
  );
}
