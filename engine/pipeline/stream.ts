/** Stream forms of the detector: an async generator and a Node object-mode Transform. */
import { Transform } from 'node:stream';
import type { NormalizedEvent } from '../event.js';
import type { Hit } from '../hit.js';
import type { Detector } from './detector.js';

export async function* detect(detector: Detector, events: AsyncIterable<NormalizedEvent> | Iterable<NormalizedEvent>): AsyncGenerator<Hit> {
  for await (const event of events) yield* detector.process(event);
  yield* detector.flush();
}

/** Write normalized events in, read hits out (object mode on both sides). */
export function detectionStream(detector: Detector): Transform {
  return new Transform({
    objectMode: true,
    transform(event: NormalizedEvent, _encoding, done) {
      for (const hit of detector.process(event)) this.push(hit);
      done();
    },
    flush(done) {
      for (const hit of detector.flush()) this.push(hit);
      done();
    },
  });
}
