/** Correlation/sequence time spans: `<integer><unit>`, units case-sensitive (SIGMA.md §6.2, K2). */

const UNIT_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  // pySigma's extra units: weeks, months (30.436875 days) and years (365.2425 days).
  w: 604_800_000,
  M: 2_629_746_000,
  y: 31_556_952_000,
};

/** Milliseconds of a timespan such as `5m`, or undefined when it is not one. */
export function parseTimespan(text: string): number | undefined {
  const m = /^(\d+)([smhdwMy])$/.exec(text);
  if (!m) return undefined;
  const ms = Number(m[1]) * UNIT_MS[m[2]];
  return ms > 0 ? ms : undefined;
}

/**
 * Durations given on the command line or in options (`--max-delay`): plain milliseconds (`5000`),
 * `<n>ms`, or a Sigma timespan (`5s`, `2m`). Zero is allowed here (no reorder delay), unlike a
 * correlation's timespan.
 */
export function parseDuration(text: string): number | undefined {
  const ms = /^(\d+)(ms)?$/.exec(text);
  if (ms) return Number(ms[1]);
  return parseTimespan(text);
}
