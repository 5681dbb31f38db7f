/**
 * A progress bar on stderr while files are read: bytes done of the total and events per second.
 * cli-progress draws it (terminal width, redraw, cleanup); it is only ever started on a TTY.
 * Messages written while it is shown go through `log`, above the bar, so they are not torn.
 */
import cliProgress from 'cli-progress';

export interface ProgressSource {
  /** Bytes read so far over all inputs. */
  bytesDone(): number;
  events(): number;
  current(): string;
}

const MB = 1024 * 1024;

export interface Progress {
  /** Write a line (ending in a newline) above the bar. */
  log(text: string): void;
  stop(): void;
}

export function startProgress(stream: NodeJS.WritableStream, totalBytes: number, source: ProgressSource): Progress {
  const bars = new cliProgress.MultiBar(
    {
      stream,
      format: '{bar} {percentage}% | {done}/{total_mb} MB | {events} events, {rate}/s | {file}',
      hideCursor: true,
      clearOnComplete: true,
      // Never turn the terminal's line wrap off (cli-progress does by default): a line written
      // while the bar is up, or after a run that ended abruptly, would be cut at the screen edge.
      linewrap: true,
      barsize: 24,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  const payload = () => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    return { done: (source.bytesDone() / MB).toFixed(1), total_mb: (totalBytes / MB).toFixed(1), events: source.events(), rate: Math.round(source.events() / seconds), file: source.current() };
  };
  const bar = bars.create(Math.max(totalBytes, 1), 0, payload());
  bars.update(); // draw now, not at the first tick
  const timer = setInterval(() => bar.update(Math.min(source.bytesDone(), totalBytes), payload()), 200);
  timer.unref();
  return {
    log: (text) => bars.log(text),
    stop() {
      clearInterval(timer);
      bar.update(totalBytes, payload());
      bars.update(); // stop() would drop log lines not yet written
      bars.stop();
    },
  };
}
