/**
 * Frame a byte stream into JSON values: one object per line (NDJSON), and also objects
 * pretty-printed over several lines and concatenated, as `evtx_dump -o json` writes them (with a
 * `Record N` line before each). Only what is needed is scanned: a line that starts with `{` and
 * ends with `}` goes straight to JSON.parse; bracket depth is tracked only inside a multi-line
 * value, which a lone `{` (or `[`) line opens, as every pretty printer writes it.
 */
import type { DiagnosticCode } from '../diagnostics.js';
import type { Line } from './lines.js';

export type JsonRecord =
  | { kind: 'value'; value: unknown; line: number; col: number; record?: number; multiline: boolean }
  | { kind: 'error'; code: DiagnosticCode; message: string; line: number; col?: number };

export const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;

/** evtx_dump's separator line; its number becomes the record number of the object after it. */
const RECORD_LINE = /^Record (\d+)$/;

/** Bracket depth and string state carried across the lines of one multi-line value. */
interface Scan {
  depth: number;
  inString: boolean;
}

function scanLine(text: string, scan: Scan): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (scan.inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) scan.inString = false;
    } else if (c === 0x22) scan.inString = true;
    else if (c === 0x7b || c === 0x5b) scan.depth++;
    else if (c === 0x7d || c === 0x5d) scan.depth--;
  }
}

/** V8's JSON.parse message, shortened (it may quote the whole input), and the 0-based position it names. */
function parseError(err: unknown, text: string): { message: string; position?: number } {
  const raw = (err as Error).message;
  const match = /at position (\d+)/.exec(raw);
  const message = raw.replace(/, ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
  // V8 names no position when the text ends too early: the error is at its end.
  const position = match ? Number(match[1]) : /end of JSON/.test(raw) ? text.length : undefined;
  return { message, position };
}

/** Line and column (1-based) of `position` in `text`, which starts at `line`, column `col0`. */
function locate(text: string, position: number, line: number, col0: number): { line: number; col: number } {
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < position; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, col: (lineStart === 0 ? col0 : 1) + position - lineStart };
}

function parseValue(text: string, line: number, col0: number, record: number | undefined, multiline: boolean): JsonRecord {
  try {
    return { kind: 'value', value: JSON.parse(text), line, col: col0, record, multiline };
  } catch (err) {
    const { message, position } = parseError(err, text);
    const at = position === undefined ? { line, col: undefined } : locate(text, position, line, col0);
    return { kind: 'error', code: 'bad-json', message: `malformed JSON: ${message}`, ...at };
  }
}

/**
 * The framing state machine, fed one line at a time. Synchronous on purpose: the reader already
 * awaits each line, and a second async layer per record costs measurably on the NDJSON hot path.
 */
export class JsonFramer {
  /** The open multi-line value: its lines so far, where it began, its scan state. */
  private open: { lines: string[]; bytes: number; line: number; col: number; scan: Scan } | undefined;
  private record: number | undefined;
  /** After an oversize value: drop lines until the next one that starts a value at column 1. */
  private discarding = false;

  constructor(private readonly maxRecordBytes = DEFAULT_MAX_RECORD_BYTES) {}

  /** Frame one line; complete records (at most two) are appended to `out`. */
  push(line: Line, out: JsonRecord[]): void {
    if (line.tooLong !== undefined) {
      this.open = undefined;
      out.push({ kind: 'error', code: 'line-too-long', message: `line of ${line.tooLong} bytes exceeds the line limit; skipped`, line: line.number });
      return;
    }
    const text = line.text;
    const first0 = text.charCodeAt(0);
    const startsValue = first0 === 0x7b;
    // Pretty printers indent everything inside a top-level value but its closing bracket, so an
    // unindented line that is not one starts something new.
    const unindented = text.length > 0 && first0 !== 0x20 && first0 !== 0x09 && first0 !== 0x7d && first0 !== 0x5d;
    const open = this.open;
    if (open && unindented) {
      out.push({ kind: 'error', code: 'truncated-json', message: `JSON object not closed before line ${line.number}; skipped`, line: open.line, col: open.col });
      this.open = undefined;
    } else if (open) {
      open.lines.push(text);
      open.bytes += text.length + 1;
      scanLine(text, open.scan);
      if (open.scan.depth <= 0) {
        out.push(parseValue(open.lines.join('\n'), open.line, open.col, this.record, true));
        this.open = undefined;
        this.record = undefined;
      } else if (open.bytes > this.maxRecordBytes) {
        out.push({ kind: 'error', code: 'record-too-large', message: `JSON value over ${this.maxRecordBytes} bytes; skipped`, line: open.line, col: open.col });
        this.open = undefined;
        this.discarding = true;
      }
      return;
    }
    if (this.discarding && !startsValue) return;
    this.discarding = false;
    const trimmed = text.trim();
    if (trimmed === '') return;
    const col = text.indexOf(trimmed[0]) + 1;
    const first = trimmed[0];
    const last = trimmed[trimmed.length - 1];
    if ((first === '{' && last === '}') || (first === '[' && last === ']')) {
      out.push(parseValue(trimmed, line.number, col, this.record, false));
      this.record = undefined;
      return;
    }
    const recordLine = RECORD_LINE.exec(trimmed);
    if (recordLine) {
      this.record = Number(recordLine[1]);
      return;
    }
    if (trimmed === '{' || trimmed === '[') {
      // Pretty printers put the opening bracket alone on its line; a longer line that does not
      // close is a broken NDJSON line, reported on its own rather than swallowing the next lines.
      this.open = { lines: [trimmed], bytes: trimmed.length, line: line.number, col, scan: { depth: 1, inString: false } };
      return;
    }
    if (first === '{' || first === '[') {
      out.push(parseValue(trimmed, line.number, col, this.record, false));
      return;
    }
    out.push({ kind: 'error', code: 'bad-json', message: 'malformed JSON: the line does not start with { or [', line: line.number, col });
  }

  /** The input ended: an open value is reported. */
  end(out: JsonRecord[]): void {
    if (this.open) out.push({ kind: 'error', code: 'truncated-json', message: 'JSON object not closed at the end of the input; skipped', line: this.open.line, col: this.open.col });
    this.open = undefined;
  }
}
