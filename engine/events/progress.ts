/**
 * A progress bar on stderr while files are read: bytes done of the total and events per second.
 * cli-progress draws it (terminal width, redraw, cleanup); it is only ever started on a TTY.
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
  stop(): void;
}

export function startProgress(stream: NodeJS.WritableStream, totalBytes: number, source: ProgressSource): Progress {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{bar} {percentage}% | {done}/{total_mb} MB | {events} events, {rate}/s | {file}',
      hideCursor: true,
      clearOnComplete: true,
      barsize: 24,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  const payload = () => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    return { done: (source.bytesDone() / MB).toFixed(1), total_mb: (totalBytes / MB).toFixed(1), events: source.events(), rate: Math.round(source.events() / seconds), file: source.current() };
  };
  bar.start(Math.max(totalBytes, 1), 0, payload());
  const timer = setInterval(() => bar.update(Math.min(source.bytesDone(), totalBytes), payload()), 200);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      bar.update(totalBytes, payload());
      bar.stop();
    },
  };
}
