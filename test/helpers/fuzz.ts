/**
 * Fuzz campaign sizes. `npm test` runs every fuzz property at its small size; `npm run fuzz` sets
 * SIGSTREAM_FUZZ to a multiplier (and a seed of its choosing, else the fixed one) for a deeper run.
 * Seeds are fixed so a failure is reproducible: fast-check prints the seed and path to replay.
 */
const scale = Number(process.env.SIGSTREAM_FUZZ ?? 1);

export const FUZZ_DEEP = scale > 1;
export const FUZZ_SEED = Number(process.env.SIGSTREAM_FUZZ_SEED ?? 20261204);

/** Runs for a property: `small` in `npm test`, `small × SIGSTREAM_FUZZ` in `npm run fuzz`. */
export function fuzzRuns(small: number): number {
  return Math.max(1, Math.round(small * scale));
}

/** Totals of one fuzz property, printed in a deep run so its figures can be reported. */
export class FuzzTally {
  private readonly counts = new Map<string, number>();
  private readonly started = Date.now();
  constructor(private readonly name: string) {}

  add(what: string, n = 1): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + n);
  }

  report(): void {
    if (!FUZZ_DEEP) return;
    const figures = [...this.counts].map(([what, n]) => `${what} ${n}`).join(', ');
    console.log(`fuzz ${this.name}: ${figures}; ${((Date.now() - this.started) / 1000).toFixed(1)} s`);
  }
}

/**
 * Await between runs of a long synchronous property: vitest's worker answers its runner over a
 * message port, and a property that never yields for a minute (a deep run on a loaded machine)
 * makes that call time out ("Timeout calling onTaskUpdate") although every run passed.
 */
export function breathe(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
