/**
 * The one exception the .evtx decoder throws internally: a structural problem at a chunk offset.
 * It never leaves the reader; `reader.ts` turns it into a located `Diagnostic` for the record.
 */
export class EvtxFormatError extends Error {
  /** Offset inside the chunk where the problem was found. */
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.name = 'EvtxFormatError';
    this.offset = offset;
  }
}
