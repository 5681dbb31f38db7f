/** `--max-delay` values: plain milliseconds (`5000`), `<n>ms`, or a Sigma timespan (`5s`, `2m`). */
import { parseTimespan } from '../sigma/correlation/timespan.js';

export function parseDuration(text: string): number | undefined {
  const ms = /^(\d+)(ms)?$/.exec(text);
  if (ms) return Number(ms[1]);
  return parseTimespan(text);
}
