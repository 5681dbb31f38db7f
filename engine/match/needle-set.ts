/**
 * Many literal substrings searched in one pass over a text (Rabin-Karp style). Each needle is
 * keyed on one of its three-character grams, the one fewest other needles share (so common
 * prefixes like `c:\windows\` do not pile hundreds of needles into one bucket); a hashed bitmap
 * of the keys, sized to the set, skips almost every text position without a Map lookup. Needles
 * that cannot be keyed (shorter than three characters, or no Latin-1 gram) use `includes`.
 *
 * Two ways to search: `scan`/`test` over text already lower-cased, and `scanFolded` over the text
 * as it is, folding Latin-1 letters on the fly (table-driven), so the prefilter allocates no
 * lower-case copy. Within Latin-1, `toLowerCase` is exactly that table (one character to one,
 * never leaving Latin-1); beyond it, it is not (the Kelvin sign becomes `k`, `İ` two characters),
 * so `scanFolded` gives up on the first character above U+00FF and the caller scans the
 * lower-cased text instead. Latin-1 keeps `®` and accented names (common in Windows events) fast.
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

/** Latin-1 lower-casing as a table (`toLowerCase` of each code below 256, checked at load). */
const FOLD = Uint8Array.from({ length: 256 }, (_, c) => String.fromCharCode(c).toLowerCase().charCodeAt(0));
const LATIN1_MAX = 255;

/** `needle` (lower case) at `start` of `text`, Latin-1 letters of `text` folded; false at any character above Latin-1. */
function foldedAt(text: string, needle: string, start: number): boolean {
  if (start + needle.length > text.length) return false;
  for (let k = 0; k < needle.length; k++) {
    const c = text.charCodeAt(start + k);
    if (c > LATIN1_MAX || FOLD[c] !== needle.charCodeAt(k)) return false;
  }
  return true;
}

function includesFolded(text: string, needle: string): boolean {
  for (let start = 0; start + needle.length <= text.length; start++) if (foldedAt(text, needle, start)) return true;
  return false;
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

  /** As `scan`, over text as it is with Latin-1 letters folded; undefined at the first character above Latin-1. */
  scanFolded(text: string, onHit: (payload: T) => boolean | void): boolean | undefined {
    const bitmap = this.bitmap;
    const shift = this.shift;
    let key = 0;
    for (let end = 0; end < text.length; end++) {
      const raw = text.charCodeAt(end);
      if (raw > LATIN1_MAX) return undefined;
      key = (key >>> 8) | (FOLD[raw] << 16);
      if (end < KEY_LENGTH - 1 || bitmap[Math.imul(key, 0x9e3779b1) >>> shift] === 0) continue;
      const bucket = this.table.get(key);
      if (!bucket) continue;
      const i = end - KEY_LENGTH + 1;
      for (const entry of bucket) {
        const start = i - entry.offset;
        if (start >= 0 && foldedAt(text, entry.text, start) && onHit(entry.payload)) return true;
      }
    }
    // The whole text is Latin-1 now: unkeyed needles (short, or beyond Latin-1) by a plain folded search.
    for (const entry of this.unkeyed) if (includesFolded(text, entry.text) && onHit(entry.payload)) return true;
    return false;
  }
}

export class NeedleSet<T> {
  private index: KeyedIndex<T> | undefined;
  private readonly any: RegExp | undefined;
  /**
   * `any` case-insensitive, or any character above Latin-1: no match proves the text is Latin-1
   * and holds no needle, in one pass (within Latin-1 the JS `i` flag folds as `toLowerCase` does).
   */
  private readonly anyFolded: RegExp | undefined;

  constructor(private readonly needles: ReadonlyArray<readonly [string, T]>) {
    // A huge alternation is one V8 cannot compile (F4): long or many needles use the keyed scan instead.
    const chars = needles.reduce((sum, [text]) => sum + text.length, 0);
    if (needles.length > 0 && needles.length <= ALTERNATION_MAX && chars <= ALTERNATION_MAX_CHARS) {
      const alternation = needles.map(([text]) => escapeRegex(text)).join('|');
      this.any = new RegExp(alternation);
      this.anyFolded = new RegExp(`${alternation}|[^\\x00-\\xff]`, 'i');
    }
  }

  get size(): number {
    return this.needles.length;
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

  /**
   * `scan` over `text` as it is (not lower-cased), Latin-1 letters folded. Undefined when the text
   * has a character above Latin-1: the caller must then `scan` its lower-cased copy.
   */
  scanFolded(text: string, onHit: (payload: T) => boolean | void): boolean | undefined {
    if (this.needles.length === 0) return false;
    if (this.anyFolded && !this.anyFolded.test(text)) return false;
    this.index ??= new KeyedIndex(this.needles);
    return this.index.scanFolded(text, onHit);
  }
}
