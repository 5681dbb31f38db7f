/** Shared by the numeric aggregates (value_sum, value_avg, value_percentile, value_median). */
import { fieldValue } from '../keys.js';
import type { Hit } from '../../hit.js';
import type { Entry, TypeContext } from './type.js';

/** The numeric value of the condition field; non-numeric values do not count (SIGMA.md §6.3 DECISION). */
export function numericContribution(hit: Hit, ref: number, ctx: TypeContext): number | undefined {
  const text = fieldValue(hit, ctx.valueFields[ref][0]);
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

export interface RunningSum {
  sum: number;
  count: number;
}

export const runningSum = {
  create: (): RunningSum => ({ sum: 0, count: 0 }),
  add(aggregate: unknown, entry: Entry): void {
    const a = aggregate as RunningSum;
    a.sum += entry.v as number;
    a.count++;
  },
  remove(aggregate: unknown, entry: Entry): void {
    const a = aggregate as RunningSum;
    a.sum -= entry.v as number;
    a.count--;
  },
};

/** P-th percentile with linear interpolation between closest ranks (numpy's default); NaN when empty. */
export function percentileOf(entries: readonly Entry[], head: number, p: number): number {
  const values = entries.slice(head).map((e) => e.v as number).sort((a, b) => a - b);
  if (values.length === 0) return Number.NaN;
  const rank = (p / 100) * (values.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return values[low] + (values[high] - values[low]) * (rank - low);
}
