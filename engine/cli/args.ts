/**
 * The one argument parser every command uses: node:util parseArgs (no dependency, strict, typed
 * values) behind a wrapper that turns its thrown errors into a `UsageError` with a hint. main.ts
 * prints a UsageError as one line plus the hint and exits 2, so no flag a user mistypes ever shows
 * a stack trace. parseArgs rather than commander: the commands already declare their options in
 * parseArgs' shape, and keeping that shape keeps each command's diff (and the other branches' merges) small.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the command was called: printed as one line (and a hint), exit status 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;
export type ParsedCommandArgs<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>;

/** Edit distance, for "did you mean" on flags and commands. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/** The closest of `names` to `typed`, when it is close enough to be a typo (or a prefix of it). */
export function closest(typed: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of names) {
    const d = name.startsWith(typed) && typed.length >= 2 ? 0.5 : editDistance(typed, name);
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return bestDistance <= Math.max(2, Math.floor(typed.length / 3)) ? best : undefined;
}

function flagHint(typed: string, options: Options): string {
  const names = Object.keys(options);
  const near = closest(typed.replace(/^-+/, '').split('=')[0], names);
  return near ? `did you mean --${near}? --help lists the options` : '--help lists the options';
}

/**
 * parseArgs with positionals allowed and strict checking, its errors rethrown as UsageError:
 * an unknown flag names the nearest known one; a flag missing its value says so.
 */
export function parseCommandArgs<T extends Options>(argv: string[], options: T): ParsedCommandArgs<T> {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (!code.startsWith('ERR_PARSE_ARGS')) throw err;
    const message = (err as Error).message.split('\n')[0];
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown) throw new UsageError(`unknown option '${unknown[1]}'`, flagHint(unknown[1], options));
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/, ''), '--help lists the options');
  }
}
