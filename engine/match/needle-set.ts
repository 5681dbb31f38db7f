/**
 * Many literal substrings searched in one pass over a text (Rabin-Karp style). Each needle is
 * keyed on one of its three-character grams, the one fewest other needles share (so common
 * prefixes like `c:\windows\` do not pile hundreds of needles into one bucket); a hashed bitmap
 * of the keys, sized to the set, skips almost every text position without a Map lookup. Needles
 * that cannot be keyed (shorter than three characters, or no Latin-1 gram) use `includes`.
 */

interface Entry<T> {
  text: string;
  /** Position of the key gram inside `text`. */
  offset: number;
  payload: T;
}

const KEY_LENGTH = 3;

/**
 * Up to this many needles, V8's regex engine answers "is any needle in the text?" several times
 * faster than the scan loop (measured: 20 needles over 600 characters, about 5x), so the scan
 * runs only when there is something to find. A literal alternation cannot backtrack badly.
 */
const ALTERNATION_MAX = 400;
/**
 * And up to this many characters in all: V8 refuses a regex source of about 32,700 characters
 * ("Regular expression too large"), and only when it first runs, so a long rule literal would
 * fail at the first event. Past this budget the scan answers alone; it handles any length.
 */
const ALTERNATION_MAX_CHARS = 8_192;

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** Three Latin-1 characters packed into one integer; -1 when any is outside Latin-1. */
function keyAt(text: string, i: number): number {
  const c0 = text.charCodeAt(i);
  const c1 = text.charCodeAt(i + 1);
  const c2 = text.charCodeAt(i + 2);
  if ((c0 | c1 | c2) > 255) return -1;
  return c0 | (c1 << 8) | (c2 << 16);
}

/** The keyed table the scan walks: built on first scan, since sets used only through `test` never need it. */
class KeyedIndex<T> {
  readonly table = new Map<number, Array<Entry<T>>>();
  readonly bitmap: Uint8Array;
  readonly shift: number;
  readonly unkeyed: Array<Entry<T>> = [];

  constructor(needles: ReadonlyArray<readonly [string, T]>) {
    // ~16 bitmap slots per needle keeps false positives rare without 64 KiB per small set.
    let bits = 10;
    while (1 << bits < needles.length * 16 && bits < 16) bits++;
    this.bitmap = new Uint8Array(1 << bits);
    this.shift = 32 - bits;
    // How many needles contain each gram (counted once per needle).
    const gramCount = new Map<number, number>();
    const lastNeedle = new Map<number, number>();
    needles.forEach(([text], n) => {
      for (let i = 0; i + KEY_LENGTH <= text.length; i++) {
        const key = keyAt(text, i);
        if (key < 0 || lastNeedle.get(key) === n) continue;
        lastNeedle.set(key, n);
        gramCount.set(key, (gramCount.get(key) ?? 0) + 1);
      }
    });
    for (const [text, payload] of needles) {
      let key = -1;
      let offset = 0;
      let fewest = Infinity;
      for (let i = 0; i + KEY_LENGTH <= text.length; i++) {
        const gram = keyAt(text, i);
        const count = gram < 0 ? Infinity : gramCount.get(gram) ?? 0;
        if (count < fewest) [key, offset, fewest] = [gram, i, count];
      }
      if (key < 0) {
        this.unkeyed.push({ text, offset: 0, payload });
        continue;
      }
      this.bitmap[Math.imul(key, 0x9e3779b1) >>> this.shift] = 1;
      const bucket = this.table.get(key);
      if (bucket) bucket.push({ text, offset, payload });
      else this.table.set(key, [{ text, offset, payload }]);
    }
  }

  scan(text: string, onHit: (payload: T) => boolean | void): boolean {
    for (const entry of this.unkeyed) if (text.includes(entry.text) && onHit(entry.payload)) return true;
    if (this.table.size === 0) return false;
    const bitmap = this.bitmap;
    const shift = this.shift;
    // Rolling key over the last three characters; `valid` counts Latin-1 characters in the window.
    let key = 0;
    let valid = 0;
    for (let end = 0; end < text.length; end++) {
      const c = text.charCodeAt(end);
      if (c > 255) {
        valid = 0;
        continue;
      }
      key = (key >>> 8) | (c << 16);
      if (++valid < KEY_LENGTH || bitmap[Math.imul(key, 0x9e3779b1) >>> shift] === 0) continue;
      const bucket = this.table.get(key);
      if (!bucket) continue;
      const i = end - KEY_LENGTH + 1;
      for (const entry of bucket) {
        const start = i - entry.offset;
        if (start >= 0 && text.startsWith(entry.text, start) && onHit(entry.payload)) return true;
      }
    }
    return false;
  }
}

export class NeedleSet<T> {
  private index: KeyedIndex<T> | undefined;
  private readonly any: RegExp | undefined;

  constructor(private readonly needles: ReadonlyArray<readonly [string, T]>) {
    const chars = needles.reduce((sum, [text]) => sum + text.length, 0);
    if (needles.length <= ALTERNATION_MAX && chars <= ALTERNATION_MAX_CHARS) this.any = new RegExp(needles.map(([text]) => escapeRegex(text)).join('|'));
  }

  /** Whether any needle occurs in `text`. */
  test(text: string): boolean {
    return this.any ? this.any.test(text) : this.scan(text, () => true);
  }

  /** Calls `onHit` for every needle found in `text`; stops early when it returns true. */
  scan(text: string, onHit: (payload: T) => boolean | void): boolean {
    if (this.any && !this.any.test(text)) return false;
    this.index ??= new KeyedIndex(this.needles);
    return this.index.scan(text, onHit);
  }
}
