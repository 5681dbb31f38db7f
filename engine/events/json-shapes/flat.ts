/** Our own shape: already the normalized event, one flat object per record. */
import type { NormalizedEvent } from '../../event.js';
import { eventIdOf, type JsonShape } from './shape.js';

export const flatShape: JsonShape = {
  name: 'flat',
  // The fallback: anything the other shapes do not claim.
  detect: () => true,
  toEvent(record) {
    const event = record as NormalizedEvent;
    if (event.EventID !== undefined) {
      const id = eventIdOf(event.EventID);
      if (id === undefined) return `EventID ${JSON.stringify(event.EventID)} is not a number`;
      event.EventID = id;
    }
    return event;
  },
};
