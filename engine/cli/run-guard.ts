/**
 * What ends a `run` early, wired in one place: stop signals (the state is saved first) and hit output
 * that fails (no space, a reader that went away, a closed stdout). Exit codes are listed in
 * docs/checkpoints.md and README.md.
 */
import { readFileSync, readlinkSync } from 'node:fs';

/** 128 + signal number, as shells report a signalled process. */
export const STOP_SIGNALS = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
export type StopSignal = keyof typeof STOP_SIGNALS;

/** Hits could not be written (other than EPIPE): EX_IOERR of sysexits.h. */
export const EXIT_OUTPUT_FAILED = 74;

/** Calls `onSignal` for each stop signal until `dispose` is called. */
export function onStopSignals(onSignal: (signal: StopSignal) => void): () => void {
  const handlers = (Object.keys(STOP_SIGNALS) as StopSignal[]).map((signal) => {
    const handler = () => onSignal(signal);
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return () => {
    for (const [signal, handler] of handlers) process.removeListener(signal, handler);
  };
}

/** Remembers the first error of the hit output stream; `dispose` stops listening. */
export function watchOutput(out: NodeJS.WritableStream): { error(): NodeJS.ErrnoException | undefined; dispose(): void } {
  let failed: NodeJS.ErrnoException | undefined;
  const listener = (err: NodeJS.ErrnoException) => (failed ??= err);
  out.on('error', listener);
  return { error: () => failed, dispose: () => out.removeListener('error', listener) };
}

/**
 * True when the process was started with stdout closed (`>&-`). Node then opens /dev/null
 * read-write in its place, and hits would vanish without a word; a shell's `>/dev/null` opens it
 * write-only, which is a deliberate discard. Linux only (/proc); elsewhere nothing is detected.
 */
export function stdoutClosedAtStart(): boolean {
  try {
    if (readlinkSync('/proc/self/fd/1') !== '/dev/null') return false;
    const flags = /^flags:\s*([0-7]+)/m.exec(readFileSync('/proc/self/fdinfo/1', 'utf8'));
    return flags !== null && (parseInt(flags[1], 8) & 3) === 2;
  } catch {
    return false;
  }
}

/** One line for stderr: what failed and what was kept. */
export function outputFailure(err: NodeJS.ErrnoException): string {
  const what = err.code === 'ENOSPC' ? 'no space left on the output device' : err.code === 'EBADF' ? 'the output is closed' : err.message;
  return `cannot write hits: ${what}${err.code ? ` (${err.code})` : ''}`;
}
