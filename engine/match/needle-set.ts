/**
 * Many literal substrings searched in one pass over a text (Rabin-Karp style). Each needle is
 * keyed on one of its three-character grams, the one fewest other needles share (so common
 * prefixes like `c:\windows\` do not pile hundreds of needles into one bucket); a hashed bitmap
 * of the keys skips almost every text position without a Map lookup. Needles that cannot be keyed
 * (shorter than three characters, or no Latin-1 gram) are checked with `includes`.
 */

interface Entry<T> {
  text: string;
  /** Position of the key gram inside `text`. */
  offset: number;
  payload: T;
}

const KEY_LENGTH = 3;
const BITMAP_BITS = 1 << 16;

/** Three Latin-1 characters packed into one integer; -1 when any is outside Latin-1. */
function keyAt(text: string, i: number): number {
  const c0 = text.charCodeAt(i);
  const c1 = text.charCodeAt(i + 1);
  const c2 = text.charCodeAt(i + 2);
  if ((c0 | c1 | c2) > 255) return -1;
  return c0 | (c1 << 8) | (c2 << 16);
}

/** Every three-character gram key of `text` (-1 where not Latin-1). */
function grams(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i + KEY_LENGTH <= text.length; i++) out.push(keyAt(text, i));
  return out;
}

function bit(key: number): number {
  return Math.imul(key, 0x9e3779b1) >>> 16;
}

export class NeedleSet<T> {
  private readonly table = new Map<number, Array<Entry<T>>>();
  private readonly bitmap = new Uint8Array(BITMAP_BITS);
  private readonly unkeyed: Array<Entry<T>> = [];

  constructor(needles: Iterable<[string, T]>) {
    const list = [...needles];
    const gramCount = new Map<number, number>();
    for (const [text] of list) {
      for (const key of new Set(grams(text))) gramCount.set(key, (gramCount.get(key) ?? 0) + 1);
    }
    for (const [text, payload] of list) {
      let key = -1;
      let offset = 0;
      let fewest = Infinity;
      grams(text).forEach((g, i) => {
        const n = g < 0 ? Infinity : gramCount.get(g) ?? 0;
        if (n < fewest) [key, offset, fewest] = [g, i, n];
      });
      if (key < 0) {
        this.unkeyed.push({ text, offset: 0, payload });
        continue;
      }
      this.bitmap[bit(key)] = 1;
      const bucket = this.table.get(key);
      if (bucket) bucket.push({ text, offset, payload });
      else this.table.set(key, [{ text, offset, payload }]);
    }
  }

  /** Calls `onHit` for every needle found in `text`; stops early when it returns true. */
  scan(text: string, onHit: (payload: T) => boolean | void): boolean {
    for (const entry of this.unkeyed) if (text.includes(entry.text) && onHit(entry.payload)) return true;
    if (this.table.size === 0) return false;
    const bitmap = this.bitmap;
    const last = text.length - KEY_LENGTH;
    for (let i = 0; i <= last; i++) {
      const key = keyAt(text, i);
      if (key < 0 || bitmap[bit(key)] === 0) continue;
      const bucket = this.table.get(key);
      if (!bucket) continue;
      for (const entry of bucket) {
        const start = i - entry.offset;
        if (start >= 0 && text.startsWith(entry.text, start) && onHit(entry.payload)) return true;
      }
    }
    return false;
  }
}
