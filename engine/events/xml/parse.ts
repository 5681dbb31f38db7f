/**
 * Parse the text of one `<Event>` element into the shared `XmlElement` tree.
 *
 * saxes does the XML work (entities, character references, CDATA, well-formedness, positions):
 * a conformant, maintained parser beats a hand-written one for the part that must reject bad XML.
 * Each event is parsed by its own parser, so one malformed event never poisons the next.
 * Namespaces: prefixes are kept in names (`evt:Event`); `eventFromXml` compares local names, and
 * an undeclared prefix (declared on an outer `<Events>` we never show saxes) is not an error.
 */
import { SaxesParser } from 'saxes';
import type { XmlElement } from './event-xml.js';

/** A position in the whole input: 1-based line and column. */
export interface TextPosition {
  line: number;
  col: number;
}

export interface XmlError extends TextPosition {
  message: string;
  /** Diagnostic code when more specific than malformed XML (`bad-xml`). */
  code?: 'too-deep';
  /** The text broke off before any element inside the root was complete (see `salvageCut`). */
  cut?: true;
}

/**
 * Deepest element nesting an event may have. Windows event XML is four deep (Event, EventData,
 * Data, and UserData's wrapper); a far deeper tree is hostile, and walking it recursively (text
 * runs, flattening, salvaging) would overflow the stack. Past this the event is a located skip.
 */
export const MAX_ELEMENT_DEPTH = 64;

/** Thrown from the `opentag` handler to stop saxes at the element that is one too deep. */
class TooDeep extends Error {}

/** `truncated`: the text broke off inside the element; only what was complete before the cut is kept. */
export type XmlParseResult = { ok: true; element: XmlElement; truncated?: boolean } | { ok: false; error: XmlError };

/** Map a position inside `text` (saxes: 1-based line, 0-based column) to the input's coordinates. */
function absolute(origin: TextPosition, line: number, column: number): TextPosition {
  return line === 1 ? { line: origin.line, col: origin.col + column } : { line: origin.line + line - 1, col: column + 1 };
}

/**
 * What is left of an element cut off at the end of its text: every element that closed before
 * the cut, inside the open ones that hold one (Event, System, EventData). An open element with no
 * closed child (the `<Data>` the cut went through) and text after the last closed child (possibly
 * cut mid-value) are dropped. Undefined when no element closed at all.
 */
function completePart(element: XmlElement, open: ReadonlySet<XmlElement>): XmlElement | undefined {
  if (!open.has(element)) return element;
  const children: XmlElement['children'] = [];
  for (const child of element.children) {
    if (typeof child === 'string') {
      children.push(child);
      continue;
    }
    const kept = completePart(child, open);
    if (kept !== undefined) children.push(kept);
  }
  while (typeof children[children.length - 1] === 'string') children.pop();
  return children.length > 0 ? { ...element, children } : undefined;
}

function endsWithEndTag(text: string, name: string): boolean {
  const close = text.lastIndexOf('</' + name);
  return close !== -1 && /^\s*>\s*$/.test(text.slice(close + 2 + name.length));
}

/**
 * `text` holds exactly one element (its start tag first). `origin` is where `text` starts in the
 * input, so errors come back located in the input, not in the fragment. With `salvageCut`, text
 * that is well-formed but ends before the element does gives its complete part (`truncated`).
 */
export function parseElement(text: string, origin: TextPosition = { line: 1, col: 1 }, salvageCut = false): XmlParseResult {
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on('opentag', (tag) => {
    if (stack.length >= MAX_ELEMENT_DEPTH) throw new TooDeep(`elements nested more than ${MAX_ELEMENT_DEPTH} deep`);
    const element: XmlElement = { name: tag.name, attributes: tag.attributes as Record<string, string>, children: [] };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const addText = (text: string): void => {
    const parent = stack[stack.length - 1];
    if (!parent) return;
    const last = parent.children[parent.children.length - 1];
    // Text split by CDATA sections or entities is one run, as in the DOM's normalized form.
    if (typeof last === 'string') parent.children[parent.children.length - 1] = last + text;
    else parent.children.push(text);
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  const fail = (err: unknown): XmlParseResult => {
    const at = absolute(origin, parser.line, parser.column);
    if (err instanceof TooDeep) return { ok: false, error: { message: err.message, code: 'too-deep', ...at } };
    const message = (err as Error).message.replace(/^\d+:\d+: /, '');
    return { ok: false, error: { message, ...at } };
  };
  try {
    parser.write(text);
  } catch (err) {
    return fail(err);
  }
  try {
    parser.close();
  } catch (err) {
    // Text that does not end with the root's end tag broke off there: a cut. (One that does is
    // malformed, e.g. a bare `&` that swallowed the rest, and is rejected as such.)
    if (!salvageCut || root === undefined || endsWithEndTag(text, root.name)) return fail(err);
    const kept = completePart(root, new Set(stack));
    if (kept !== undefined) return { ok: true, element: kept, truncated: true };
    const failed = fail(err);
    if (!failed.ok) failed.error.cut = true;
    return failed;
  }
  if (!root) return { ok: false, error: { message: 'no element', ...origin } };
  return { ok: true, element: root };
}
