/**
 * `run -o FILE`: hits go to a temporary file beside FILE, renamed over it only when the run ends
 * well, so FILE is never seen half-written and an interrupted run leaves the previous FILE intact.
 */
import { createWriteStream, openSync, renameSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';

export interface AtomicFile {
  /** Where to write. Its errors (disk full, no permission) surface on `commit`. */
  stream: WriteStream;
  /** Close the stream and move the file into place. */
  commit(): Promise<void>;
  /** Close and remove the temporary file; FILE is left as it was. Safe to call more than once. */
  abort(): void;
}

/** Throws (ENOENT, EACCES, ...) at once when the temporary file cannot be created, before any work is done. */
export function openAtomicFile(path: string): AtomicFile {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const stream = createWriteStream(temp, { fd: openSync(temp, 'w') });
  let failure: Error | undefined;
  stream.on('error', (err) => {
    failure = err;
  });
  return {
    stream,
    async commit() {
      if (!failure) {
        stream.end();
        await Promise.race([once(stream, 'close'), once(stream, 'error').catch(() => undefined)]);
      }
      if (failure) {
        rmSync(temp, { force: true });
        throw failure;
      }
      renameSync(temp, path);
    },
    abort() {
      stream.destroy();
      rmSync(temp, { force: true });
    },
  };
}
