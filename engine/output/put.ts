/** Write text to a stream, waiting for 'drain' when its buffer is full (backpressure), for every text writer. */
import { once } from 'node:events';

export async function put(out: NodeJS.WritableStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}
