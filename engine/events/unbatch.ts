/**
 * Items produced in batches, consumed one at a time. An async generator pays several microtask
 * turns per `yield`; a reader that decodes a whole block at once (an .evtx chunk) hands over the
 * block's items here and pays one await per block instead of one per item.
 */
export function unbatch<T>(batches: AsyncIterator<T[]>): AsyncIterableIterator<T> {
  let batch: T[] = [];
  let next = 0;
  const refill = async (): Promise<IteratorResult<T>> => {
    for (;;) {
      const result = await batches.next();
      if (result.done) return { value: undefined, done: true };
      if (result.value.length > 0) {
        batch = result.value;
        next = 1;
        return { value: batch[0], done: false };
      }
    }
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next() {
      return next < batch.length ? Promise.resolve({ value: batch[next++], done: false }) : refill();
    },
    // A consumer that stops early (break, throw) closes the source, and so the input stream.
    async return() {
      batch = [];
      await batches.return?.();
      return { value: undefined, done: true };
    },
  };
}
