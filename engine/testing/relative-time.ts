/**
 * Relative event times for test cases: `+12s`, `+1m30s`, `-500ms` are offsets from a case's base
 * time, so correlation and sequence cases read as timelines instead of absolute timestamps.
 */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const OFFSET = /^([+-])((?:\d+(?:ms|s|m|h|d))+)$/;
const PART = /(\d+)(ms|s|m|h|d)/g;

/** Offset in milliseconds, or `undefined` when `text` is not a relative time. */
export function parseOffset(text: string): number | undefined {
  const match = OFFSET.exec(text.trim());
  if (!match) return undefined;
  let total = 0;
  for (const part of match[2].matchAll(PART)) total += Number(part[1]) * UNIT_MS[part[2]];
  return match[1] === '-' ? -total : total;
}

/** Sysmon's `UtcTime` form: `2024-01-02 03:04:05.678` (UTC, millisecond precision). */
export function formatUtcTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

/** Epoch ms of an absolute time in Sysmon or ISO 8601 form (UTC unless a zone is given). */
export function parseAbsoluteTime(text: string): number | undefined {
  const iso = text.trim().replace(' ', 'T');
  const zoned = /[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? undefined : ms;
}
