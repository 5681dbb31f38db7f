/**
 * Find the `<Event>…</Event>` elements in a stream of XML text without holding more than one
 * event in memory. It only recognises markup boundaries (comments, CDATA, processing instructions,
 * quoted attribute values, start and end tags); each event's text is then parsed on its own
 * (parse.ts). That is what lets a malformed or truncated event be reported and skipped while
 * the next `<Event>` is read normally, whether the input is a bare sequence of events or an
 * `<Events>` document.
 */
import type { TextPosition } from './parse.js';

export type XmlChunk =
  /** The text of one `<Event>` element, from its `<` to the end of its end tag (or to where it broke off). */
  | { kind: 'event'; text: string; at: TextPosition }
  | { kind: 'oversize'; at: TextPosition; chars: number }
  /**
   * A comment, CDATA section or processing instruction outside any event that was never closed
   * before the next `<Event>` (or the end): passed over, so it cannot swallow the events after it.
   */
  | { kind: 'unclosed'; markup: Markup; at: TextPosition };

export type Markup = 'comment' | 'CDATA section' | 'processing instruction';

/** Markup whose content is not scanned for tags, with the text that closes it. */
const OPAQUE: ReadonlyArray<{ open: string; close: string; markup: Markup }> = [
  { open: '<!--', close: '-->', markup: 'comment' },
  { open: '<![CDATA[', close: ']]>', markup: 'CDATA section' },
  { open: '<?', close: '?>', markup: 'processing instruction' },
];

/** An `<Event>` start tag: where a run of unclosed markup is cut off, so every later event is still found. */
const EVENT_START = /<(?:[\w.-]+:)?Event[\s>/]/g;

function nextEventStart(buf: string, from: number): number {
  EVENT_START.lastIndex = from;
  return EVENT_START.exec(buf)?.index ?? -1;
}

export const DEFAULT_MAX_EVENT_CHARS = 16 * 1024 * 1024;

/**
 * True when the tag name starting at `from` is `Event` or `prefix:Event` (not `Events`, `EventData`);
 * undefined when the name runs to the end of `buf`, so that only more text (or its absence) can tell.
 */
function namesEvent(buf: string, from: number): boolean | undefined {
  let end = from;
  let colon = -1;
  for (; end < buf.length; end++) {
    const c = buf.charCodeAt(end);
    if (c === 0x3a) colon = end;
    else if (c === 0x3e || c === 0x2f || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) break;
  }
  if (end === buf.length) return undefined;
  const local = colon === -1 ? from : colon + 1;
  return end - local === 5 && buf.startsWith('Event', local);
}

/**
 * Index just past the `>` that ends the tag opened at `from`, skipping quoted values; -1 if not yet
 * seen. A `<` cannot occur in a tag, not even in a quoted value, so one means the tag is broken (a
 * stray quote): the tag is taken to end there, and its event fails to parse and is reported,
 * instead of the open quote running on through the events after it.
 */
function tagEnd(buf: string, from: number): number {
  let quote = 0;
  for (let i = from + 1; i < buf.length; i++) {
    const c = buf.charCodeAt(i);
    if (c === 0x3c) return i;
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) return i + 1;
  }
  return -1;
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
      const opaque = OPAQUE.find((o) => buf.startsWith(o.open, lt));
      if (opaque) {
        const close = buf.indexOf(opaque.close, lt + opaque.open.length);
        const cut = nextEventStart(buf, lt + opaque.open.length);
        if (close !== -1 && (cut === -1 || close < cut)) next = close + opaque.close.length;
        else if (cut !== -1 || final) {
          // Unclosed before the next event (or the end). Inside an event, that event's text stops
          // at the cut and fails to parse (a located skip); outside, the markup is reported here.
          if (start === -1) out.push({ kind: 'unclosed', markup: opaque.markup, at: cursor.at(buf, lt) });
          next = cut === -1 ? buf.length : cut;
        }
      } else if (!final && buf.length - lt < 9) {
        // Too little to tell a comment or CDATA from a tag: wait for more text.
        next = -1;
      } else {
        const slash = buf[lt + 1] === '/';
        // At the very end, a tag name cut off by the end of input does not name an event.
        const names = namesEvent(buf, slash ? lt + 2 : lt + 1);
        if (names === undefined && !final) {
          // The tag name runs to the end of what has arrived: wait for more text.
          next = -1;
        } else if (slash) {
          // Only </Event> matters; other tags are passed over ('<' cannot occur inside a tag).
          if (start !== -1 && names) {
            const gt = buf.indexOf('>', lt);
            const nextLt = buf.indexOf('<', lt + 1);
            if (nextLt !== -1 && (gt === -1 || nextLt < gt)) {
              // `</Event` cut off before its `>`: the event ends there (and fails to parse), so
              // the `>` of whatever tag comes next is not taken for its end.
              out.push({ kind: 'event', text: buf.slice(start, nextLt), at: startAt });
              start = -1;
              next = nextLt;
            } else if (gt !== -1) {
              next = gt + 1;
              out.push({ kind: 'event', text: buf.slice(start, next), at: startAt });
              start = -1;
            }
          } else next = lt + 1;
        } else if (buf[lt + 1] !== '!' && names) {
          next = tagEnd(buf, lt);
          // At the end, a start tag that never closes is still an event (that fails to parse).
          if (next === -1 && final) next = buf.length;
          if (next !== -1) {
            // A new <Event> while one is open: the open one broke off; its parse reports where.
            if (start !== -1) out.push({ kind: 'event', text: buf.slice(start, lt), at: startAt });
            start = lt;
            startAt = cursor.at(buf, lt);
            if (buf[next - 2] === '/') {
              out.push({ kind: 'event', text: buf.slice(lt, next), at: startAt });
              start = -1;
            }
          }
        } else {
          next = lt + 1;
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
