/**
 * Find the `<Event>…</Event>` elements in a stream of XML text without holding more than one
 * event in memory. It only recognises markup boundaries (comments, CDATA, processing instructions,
 * quoted attribute values, start and end tags); each event's text is then parsed on its own
 * (xml-parse.ts). That is what lets a malformed or truncated event be reported and skipped while
 * the next `<Event>` is read normally, whether the input is a bare sequence of events or an
 * `<Events>` document.
 */
import type { TextPosition } from './xml-parse.js';

export type XmlChunk =
  /** The text of one `<Event>` element, from its `<` to the end of its end tag (or to where it broke off). */
  | { kind: 'event'; text: string; at: TextPosition }
  | { kind: 'oversize'; at: TextPosition; chars: number };

export const DEFAULT_MAX_EVENT_CHARS = 16 * 1024 * 1024;

function isEventTag(name: string): boolean {
  const colon = name.indexOf(':');
  return (colon === -1 ? name : name.slice(colon + 1)) === 'Event';
}

/** Index just past the `>` that ends the tag opened at `from`, skipping quoted values; -1 if not yet seen. */
function tagEnd(buf: string, from: number): number {
  let quote = '';
  for (let i = from; i < buf.length; i++) {
    const c = buf[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i + 1;
  }
  return -1;
}

const NAME_END = /[\s/>]/;

function tagName(buf: string, from: number, end: number): string {
  let i = from;
  while (i < end && !NAME_END.test(buf[i])) i++;
  return buf.slice(from, i);
}

/** Line/column bookkeeping for a buffer that is trimmed at the front as it is consumed. */
class Cursor {
  index = 0;
  line = 1;
  col = 1;
  /** Advance to `target` (never backwards) and return its position. */
  at(buf: string, target: number): TextPosition {
    for (let nl = buf.indexOf('\n', this.index); nl !== -1 && nl < target; nl = buf.indexOf('\n', this.index)) {
      this.line++;
      this.col = 1;
      this.index = nl + 1;
    }
    this.col += target - this.index;
    this.index = target;
    return { line: this.line, col: this.col };
  }
}

export async function* splitEvents(text: AsyncIterable<string>, maxEventChars = DEFAULT_MAX_EVENT_CHARS): AsyncGenerator<XmlChunk> {
  const cursor = new Cursor();
  let buf = '';
  let pos = 0;
  /** Start of the open `<Event>` in `buf`, or -1 outside one. */
  let start = -1;
  let startAt: TextPosition = { line: 1, col: 1 };

  /** Scan `buf` from `pos` as far as it is complete; `final`: no more text will come. */
  function scan(final: boolean): XmlChunk[] {
    const out: XmlChunk[] = [];
    for (;;) {
      const lt = buf.indexOf('<', pos);
      if (lt === -1) {
        pos = buf.length;
        break;
      }
      let next = -1;
      if (buf.startsWith('<!--', lt)) {
        const close = buf.indexOf('-->', lt + 4);
        next = close === -1 ? -1 : close + 3;
      } else if (buf.startsWith('<![CDATA[', lt)) {
        const close = buf.indexOf(']]>', lt + 9);
        next = close === -1 ? -1 : close + 3;
      } else if (buf.startsWith('<?', lt)) {
        const close = buf.indexOf('?>', lt + 2);
        next = close === -1 ? -1 : close + 2;
      } else if (!final && buf.length - lt < 9) {
        // Too little to tell a comment or CDATA from a tag: wait for more text.
        next = -1;
      } else if (buf[lt + 1] === '/') {
        next = tagEnd(buf, lt);
        if (next !== -1 && start !== -1 && isEventTag(tagName(buf, lt + 2, next))) {
          out.push({ kind: 'event', text: buf.slice(start, next), at: startAt });
          start = -1;
        }
      } else {
        next = tagEnd(buf, lt);
        if (next !== -1 && buf[lt + 1] !== '!' && isEventTag(tagName(buf, lt + 1, next))) {
          // A new <Event> while one is open: the open one broke off; its parse reports where.
          if (start !== -1) out.push({ kind: 'event', text: buf.slice(start, lt), at: startAt });
          start = lt;
          startAt = cursor.at(buf, lt);
          if (buf[next - 2] === '/') {
            out.push({ kind: 'event', text: buf.slice(lt, next), at: startAt });
            start = -1;
          }
        }
      }
      if (next === -1) {
        pos = lt;
        break;
      }
      pos = next;
    }
    return out;
  }

  let first = true;
  for await (let piece of text) {
    if (first && piece.charCodeAt(0) === 0xfeff) piece = piece.slice(1);
    first = false;
    buf += piece;
    yield* scan(false);
    // Drop what is consumed; keep the open event (or the unfinished markup at `pos`).
    const keep = start !== -1 ? start : pos;
    if (keep > 0) {
      cursor.at(buf, keep);
      buf = buf.slice(keep);
      cursor.index -= keep;
      pos -= keep;
      if (start !== -1) start = 0;
    }
    if (buf.length > maxEventChars) {
      yield { kind: 'oversize', at: start !== -1 ? startAt : cursor.at(buf, 0), chars: buf.length };
      cursor.at(buf, buf.length);
      cursor.index = 0;
      buf = '';
      pos = 0;
      start = -1;
    }
  }
  yield* scan(true);
  if (start !== -1) yield { kind: 'event', text: buf.slice(start), at: startAt };
}
