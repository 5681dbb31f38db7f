/**
 * Compiled Binary XML (binxml.ts) + substitution values → the shared XmlElement tree, filled the
 * way Windows fills templates (libevtx "Normal/Optional substitution"):
 * - a NULL value renders as nothing; an optional substitution that is NULL drops its attribute,
 *   or, as element content, the whole element;
 * - an array value repeats the element it fills, once per item (an empty array: one empty element);
 * - a Binary XML value (0x21) is itself parsed and rendered in place.
 */
import type { XmlElement } from '../xml/event-xml.js';
import { parseBinXml, type Chunk, type Substitution, type TemplateElement, type TemplateNode, type ValueRef } from './binxml.js';
import { EvtxFormatError } from './errors.js';
import { ARRAY_FLAG, BINXML_TYPE, NULL_TYPE, renderArray, renderValue } from './values.js';

type Content = Array<XmlElement | string>;

/** One array item standing in for substitution `index` while its element is repeated. */
interface ArrayItem {
  index: number;
  text: string;
}

/**
 * Templates may instantiate templates, so a small record can expand enormously (a "billion
 * laughs" file). No real event comes near this many elements and text runs.
 */
const MAX_NODES_PER_RECORD = 100_000;

/** Renders one record; holds what the record may still produce. */
export class Renderer {
  private nodesLeft = MAX_NODES_PER_RECORD;

  constructor(private readonly chunk: Chunk) {}

  nodes(nodes: TemplateNode[], values: ValueRef[], depth: number, out: Content, item?: ArrayItem): void {
    for (const node of nodes) {
      if (typeof node === 'string') this.push(out, node);
      else if (node.kind === 'element') this.element(node, values, depth, out);
      else if (node.kind === 'instance') this.nodes(node.template, node.values, depth + 1, out);
      else if (item !== undefined && node.index === item.index) {
        if (item.text !== '') this.push(out, item.text);
      } else this.substitution(valueOf(node, values), depth, out);
    }
  }

  private push(out: Content, node: XmlElement | string): void {
    if (--this.nodesLeft < 0) throw new EvtxFormatError(`record expands to more than ${MAX_NODES_PER_RECORD} XML nodes`, 0);
    out.push(node);
  }

  private substitution(value: ValueRef, depth: number, out: Content): void {
    if (value.type === NULL_TYPE || value.start === value.end) return;
    if (value.type === BINXML_TYPE) {
      this.nodes(parseBinXml(this.chunk, value.start, value.end, depth + 1, true), [], depth + 1, out);
      return;
    }
    const text = scalarOrJoined(this.chunk, value);
    if (text !== '') this.push(out, text);
  }

  private element(element: TemplateElement, values: ValueRef[], depth: number, out: Content): void {
    const repeated = childSubstitutions(element, values);
    if (repeated === 'omit') return;
    if (repeated === undefined) {
      this.push(out, this.build(element, values, depth));
      return;
    }
    const value = valueOf(repeated, values);
    const items = renderArray(value.type, this.chunk.buf, value.start, value.end);
    if (items.length === 0) items.push('');
    for (const text of items) this.push(out, this.build(element, values, depth, { index: repeated.index, text }));
  }

  private build(element: TemplateElement, values: ValueRef[], depth: number, item?: ArrayItem): XmlElement {
    const children: Content = [];
    this.nodes(element.children, values, depth, children, item);
    return { name: element.name, attributes: element.fixedAttributes ?? this.attributes(element, values), children };
  }

  private attributes(element: TemplateElement, values: ValueRef[]): Record<string, string> {
    const attributes: Record<string, string> = {};
    for (const attribute of element.attributes) {
      let text = '';
      let present = attribute.parts.length === 0;
      for (const part of attribute.parts) {
        if (typeof part === 'string') {
          text += part;
          present = true;
          continue;
        }
        const value = valueOf(part, values);
        if (value.type === NULL_TYPE && part.optional) continue;
        present = true;
        if (value.type !== NULL_TYPE && value.start !== value.end) text += scalarOrJoined(this.chunk, value);
      }
      if (present) attributes[attribute.name] = text;
    }
    return attributes;
  }
}

function valueOf(sub: Substitution, values: ValueRef[]): ValueRef {
  const value = values[sub.index];
  if (value === undefined) throw new EvtxFormatError(`substitution %${sub.index} has no value (instance has ${values.length})`, 0);
  return value;
}

/** Arrays outside element content (attributes, mixed text) have no element to repeat: join them. */
function scalarOrJoined(chunk: Chunk, value: ValueRef): string {
  if (value.type & ARRAY_FLAG) return renderArray(value.type, chunk.buf, value.start, value.end).join(',');
  return renderValue(value.type, chunk.buf, value.start, value.end);
}

/**
 * How the direct child substitutions shape the element: `omit` when an optional one is NULL,
 * else the first one holding an array (the element repeats per item), else undefined.
 */
function childSubstitutions(element: TemplateElement, values: ValueRef[]): 'omit' | Substitution | undefined {
  let repeated: Substitution | undefined;
  for (const child of element.childSubstitutions) {
    const value = values[child.index];
    if (value === undefined) continue;
    if (value.type === NULL_TYPE && child.optional) return 'omit';
    if (repeated === undefined && value.type & ARRAY_FLAG && value.type !== (BINXML_TYPE | ARRAY_FLAG)) repeated = child;
  }
  return repeated;
}
