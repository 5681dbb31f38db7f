/**
 * A Sysmon config file as an element tree that remembers where each element starts, so every
 * config error can name file:line:col. saxes does the XML (well-formedness, entities, CDATA,
 * line ends); this module only builds the tree and turns positions into 1-based line/column.
 */
import { SaxesParser } from 'saxes';
import { diagnostic, type Diagnostic } from '../diagnostics.js';

export interface ConfigXmlElement {
  name: string;
  attributes: Record<string, string>;
  /**
   * Child elements and text runs in document order. A comment or CDATA section ends a text run,
   * which matters for how Sysmon reads a value (see `firstTextRun`).
   */
  children: Array<ConfigXmlElement | string>;
  line: number;
  col: number;
}

export type XmlTreeResult = { root: ConfigXmlElement } | { error: Diagnostic };

/** 1-based line and column of a string index. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function positionOf(starts: number[], index: number): { line: number; col: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= index) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: index - starts[lo] + 1 };
}

/** Thrown from the saxes error handler to stop at the first well-formedness error. */
class StopParsing extends Error {}

export function parseXmlTree(input: string, file: string): XmlTreeResult {
  // A UTF-8 BOM is common in Windows-edited configs (sysmon-modular ships one); Sysmon skips it.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const starts = lineStarts(text);
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  const stack: ConfigXmlElement[] = [];
  let root: ConfigXmlElement | undefined;
  let error: Diagnostic | undefined;

  parser.on('opentag', (tag) => {
    // saxes reports the position after the start tag; find its '<' for the element's location.
    const at = text.lastIndexOf(`<${tag.name}`, parser.position);
    const element: ConfigXmlElement = { name: tag.name, attributes: { ...tag.attributes }, children: [], ...positionOf(starts, Math.max(at, 0)) };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
    if (!tag.isSelfClosing) stack.push(element);
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) stack.pop();
  });
  const addText = (run: string) => {
    stack[stack.length - 1]?.children.push(run);
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('error', (err) => {
    let message = err.message.replace(/^\d+:\d+: /, '');
    if (message.startsWith('unexpected close tag')) {
      const close = /^<\/([^\s>]*)/.exec(text.slice(text.lastIndexOf('</', parser.position)));
      if (close) message = `unexpected close tag </${close[1]}>`;
    }
    error = diagnostic('error', 'config-xml-syntax', `malformed XML: ${message}`, { file, line: parser.line, col: parser.column + 1 });
    throw new StopParsing();
  });

  try {
    parser.write(text).close();
  } catch (err) {
    if (!(err instanceof StopParsing)) throw err;
  }
  if (error) return { error };
  if (!root) return { error: diagnostic('error', 'config-xml-syntax', 'no root element', { file, line: 1, col: 1 }) };
  return { root };
}

export function childElements(element: ConfigXmlElement): ConfigXmlElement[] {
  return element.children.filter((c): c is ConfigXmlElement => typeof c !== 'string');
}

/**
 * The value Sysmon reads from an element (pugixml `child_value()` with default parse flags):
 * the first text or CDATA run that is not whitespace only, verbatim, or `''`.
 */
export function firstTextRun(element: ConfigXmlElement): string {
  for (const child of element.children) {
    if (typeof child === 'string' && child.trim() !== '') return child;
  }
  return '';
}
