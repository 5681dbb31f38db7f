/**
 * Compiled Binary XML (binxml.ts) + substitution values → the shared XmlElement tree, filled the
 * way Windows fills templates (libevtx "Normal/Optional substitution"):
 * - a NULL value renders as nothing; an optional substitution that is NULL drops its attribute,
 *   or, as element content, the whole element;
 * - an array value repeats the element it fills, once per item (an empty array: one empty element);
 * - a Binary XML value (0x21) is itself parsed and rendered in place.
 */
import type { XmlElement } from '../event-xml.js';
import { parseBinXml, type Chunk, type Substitution, type TemplateElement, type TemplateNode, type ValueRef } from './binxml.js';
import { EvtxFormatError } from './errors.js';
import { ARRAY_FLAG, BINXML_TYPE, NULL_TYPE, renderArray, renderValue } from './values.js';

type Content = Array<XmlElement | string>;

/** One array item standing in for substitution `index` while its element is repeated. */
interface ArrayItem {
  index: number;
  text: string;
}

export function renderNodes(chunk: Chunk, nodes: TemplateNode[], values: ValueRef[], depth: number, out: Content, item?: ArrayItem): void {
  for (const node of nodes) {
    if (typeof node === 'string') out.push(node);
    else if (node.kind === 'element') renderElement(chunk, node, values, depth, out);
    else if (node.kind === 'instance') renderNodes(chunk, node.template, node.values, depth + 1, out);
    else if (item !== undefined && node.index === item.index) {
      if (item.text !== '') out.push(item.text);
    } else renderSubstitution(chunk, valueOf(node, values), depth, out);
  }
}

function valueOf(sub: Substitution, values: ValueRef[]): ValueRef {
  const value = values[sub.index];
  if (value === undefined) throw new EvtxFormatError(`substitution %${sub.index} has no value (instance has ${values.length})`, 0);
  return value;
}

function renderSubstitution(chunk: Chunk, value: ValueRef, depth: number, out: Content): void {
  if (value.type === NULL_TYPE || value.start === value.end) return;
  if (value.type === BINXML_TYPE) {
    renderNodes(chunk, parseBinXml(chunk, value.start, value.end, depth + 1, true), [], depth + 1, out);
    return;
  }
  const text = scalarOrJoined(chunk, value);
  if (text !== '') out.push(text);
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
  for (const child of element.children) {
    if (typeof child === 'string' || child.kind !== 'sub') continue;
    const value = values[child.index];
    if (value === undefined) continue;
    if (value.type === NULL_TYPE && child.optional) return 'omit';
    if (repeated === undefined && value.type & ARRAY_FLAG && value.type !== (BINXML_TYPE | ARRAY_FLAG)) repeated = child;
  }
  return repeated;
}

function renderElement(chunk: Chunk, element: TemplateElement, values: ValueRef[], depth: number, out: Content): void {
  const repeated = childSubstitutions(element, values);
  if (repeated === 'omit') return;
  if (repeated === undefined) {
    out.push(buildElement(chunk, element, values, depth));
    return;
  }
  const value = valueOf(repeated, values);
  const items = renderArray(value.type, chunk.buf, value.start, value.end);
  if (items.length === 0) items.push('');
  for (const text of items) out.push(buildElement(chunk, element, values, depth, { index: repeated.index, text }));
}

function buildElement(chunk: Chunk, element: TemplateElement, values: ValueRef[], depth: number, item?: ArrayItem): XmlElement {
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
      if (value.type !== NULL_TYPE && value.start !== value.end) text += scalarOrJoined(chunk, value);
    }
    if (present) attributes[attribute.name] = text;
  }
  const children: Content = [];
  renderNodes(chunk, element.children, values, depth, children, item);
  return { name: element.name, attributes, children };
}
