/**
 * Binary XML tokens (libevtx "Binary XML") → a small node tree with substitution slots. Template
 * definitions compile to this tree once per chunk; a record's own Binary XML compiles to a tree
 * whose template instances carry their value descriptors. `render.ts` turns either into XmlElements.
 */
import { CHUNK_HEADER_SIZE } from './chunk.js';
import { EvtxFormatError } from './errors.js';

/** A `%n` slot of a template, filled from the n-th value of the instance. */
export interface Substitution {
  kind: 'sub';
  index: number;
  /** Optional substitutions (0x0e) with a NULL value leave their attribute out. */
  optional: boolean;
}

export interface TemplateAttribute {
  name: string;
  parts: Array<string | Substitution>;
}

export interface TemplateElement {
  kind: 'element';
  name: string;
  attributes: TemplateAttribute[];
  /**
   * The attributes when none holds a substitution: one frozen object shared by every rendering,
   * which saves rebuilding `<Data Name="…">` for each event.
   */
  fixedAttributes?: Readonly<Record<string, string>>;
  children: TemplateNode[];
  /** The substitutions among `children`: they decide whether the element is dropped or repeated. */
  childSubstitutions: Substitution[];
}

/** Where one substitution value lies in the chunk, and its type code. */
export interface ValueRef {
  type: number;
  start: number;
  end: number;
}

export interface TemplateInstance {
  kind: 'instance';
  template: TemplateNode[];
  values: ValueRef[];
}

export type TemplateNode = string | TemplateElement | Substitution | TemplateInstance;

/** Nested templates and Binary XML values deeper than this are treated as corruption (cycles). */
const MAX_DEPTH = 16;

/** Template definition header before its fragment: next offset (4), GUID (16), data size (4). */
const TEMPLATE_HEADER_SIZE = 24;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

// Token types, with the 0x40 "more data follows" flag masked off.
const EOF = 0x00;
const OPEN_START_ELEMENT = 0x01;
const CLOSE_START_ELEMENT = 0x02;
const CLOSE_EMPTY_ELEMENT = 0x03;
const END_ELEMENT = 0x04;
const VALUE = 0x05;
const ATTRIBUTE = 0x06;
const CDATA = 0x07;
const CHAR_REF = 0x08;
const ENTITY_REF = 0x09;
const PI_TARGET = 0x0a;
const PI_DATA = 0x0b;
const TEMPLATE_INSTANCE = 0x0c;
const NORMAL_SUBSTITUTION = 0x0d;
const OPTIONAL_SUBSTITUTION = 0x0e;
const FRAGMENT_HEADER = 0x0f;
const MORE_FLAG = 0x40;

/** One 64 KiB chunk: its bytes plus the names and templates decoded from it so far. */
export class Chunk {
  readonly buf: Buffer;
  /** Bytes of `buf` that hold data (less than 64 KiB only for a truncated last chunk). */
  readonly length: number;
  private readonly names = new Map<number, string>();
  private readonly templates = new Map<number, TemplateNode[]>();
  private readonly compiling = new Set<number>();

  constructor(buf: Buffer, length: number) {
    this.buf = buf;
    this.length = length;
  }

  /** Name structure at `offset`: unknown (4), hash (2), character count (2), UTF-16LE characters. */
  name(offset: number): { text: string; size: number } {
    const count = this.u16(offset + 6);
    const size = 8 + 2 * count + 2;
    let text = this.names.get(offset);
    if (text === undefined) {
      this.need(offset, size);
      text = this.buf.toString('utf16le', offset + 8, offset + 8 + 2 * count);
      this.names.set(offset, text);
    }
    return { text, size };
  }

  /** The compiled template whose definition starts at `offset` (cached for the whole chunk). */
  template(offset: number, depth: number): TemplateNode[] {
    const cached = this.templates.get(offset);
    if (cached !== undefined) return cached;
    if (this.compiling.has(offset)) throw new EvtxFormatError('template refers to itself', offset);
    const start = offset + TEMPLATE_HEADER_SIZE;
    const end = start + this.u32(offset + 20);
    this.need(start, end - start);
    this.compiling.add(offset);
    try {
      const nodes = new Parser(this, start, end, depth + 1, false).fragment();
      this.templates.set(offset, nodes);
      return nodes;
    } finally {
      this.compiling.delete(offset);
    }
  }

  need(offset: number, size: number): void {
    if (offset < 0 || size < 0 || offset + size > this.length) {
      throw new EvtxFormatError(`${size} bytes at 0x${offset.toString(16)} run past the chunk`, offset);
    }
  }

  u16(offset: number): number {
    this.need(offset, 2);
    return this.buf.readUInt16LE(offset);
  }

  u32(offset: number): number {
    this.need(offset, 4);
    return this.buf.readUInt32LE(offset);
  }
}

/**
 * Binary XML in `[start, end)` of a chunk → nodes. `inValue` is set for Binary XML stored as a
 * substitution value (type 0x21), whose element starts have no dependency identifier.
 */
export function parseBinXml(chunk: Chunk, start: number, end: number, depth: number, inValue: boolean): TemplateNode[] {
  return new Parser(chunk, start, end, depth, inValue).fragment();
}

function fixed(attributes: TemplateAttribute[]): Readonly<Record<string, string>> | undefined {
  const out: Record<string, string> = {};
  for (const attribute of attributes) {
    if (!attribute.parts.every((part) => typeof part === 'string')) return undefined;
    out[attribute.name] = attribute.parts.join('');
  }
  return Object.freeze(out);
}

class Parser {
  private pos: number;
  private sawEof = false;

  constructor(
    private readonly chunk: Chunk,
    start: number,
    private readonly end: number,
    private readonly depth: number,
    private readonly inValue: boolean,
  ) {
    if (depth > MAX_DEPTH) throw new EvtxFormatError(`Binary XML nested more than ${MAX_DEPTH} deep`, start);
    if (end > chunk.length) throw new EvtxFormatError('Binary XML runs past the chunk', start);
    this.pos = start;
  }

  /** Top level: an end element here has no start. Bytes after EOF are padding and ignored. */
  fragment(): TemplateNode[] {
    const nodes = this.content();
    if (!this.sawEof && this.pos < this.end) this.fail('end element without a start');
    return nodes;
  }

  private fail(message: string): never {
    throw new EvtxFormatError(message, this.pos);
  }

  private token(): number {
    const byte = this.u8();
    this.pos--;
    return byte & ~MORE_FLAG;
  }

  private u8(): number {
    if (this.pos >= this.end) this.fail('Binary XML ends early');
    return this.chunk.buf[this.pos++];
  }

  private u16(): number {
    if (this.pos + 2 > this.end) this.fail('Binary XML ends early');
    const value = this.chunk.buf.readUInt16LE(this.pos);
    this.pos += 2;
    return value;
  }

  private u32(): number {
    if (this.pos + 4 > this.end) this.fail('Binary XML ends early');
    const value = this.chunk.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return value;
  }

  /** Counted UTF-16LE string (character count, then characters). */
  private text(): string {
    const bytes = 2 * this.u16();
    if (this.pos + bytes > this.end) this.fail('string runs past the Binary XML');
    const text = this.chunk.buf.toString('utf16le', this.pos, this.pos + bytes);
    this.pos += bytes;
    return text;
  }

  /** A name offset; when it points right here, the name is stored inline and skipped over. */
  private name(): string {
    const offset = this.u32();
    const name = this.chunk.name(offset);
    if (offset === this.pos) this.pos += name.size;
    return name.text;
  }

  /** Element content, or a whole fragment: stops at EOF (consumed), end element or the end. */
  private content(): TemplateNode[] {
    const nodes: TemplateNode[] = [];
    while (this.pos < this.end) {
      const token = this.token();
      switch (token) {
        case EOF:
          this.pos++;
          this.sawEof = true;
          return nodes;
        case END_ELEMENT:
          return nodes;
        case FRAGMENT_HEADER:
          this.pos += 4;
          break;
        case OPEN_START_ELEMENT:
          nodes.push(this.element());
          break;
        case TEMPLATE_INSTANCE:
          nodes.push(this.instance());
          break;
        case PI_TARGET:
          // Processing instructions have no place in the event tree; step over them.
          this.pos++;
          this.name();
          break;
        case PI_DATA:
          this.pos++;
          this.text();
          break;
        default: {
          const part = this.valuePart(token);
          if (part === undefined) this.fail(`unexpected token 0x${token.toString(16)} in content`);
          if (part !== '') nodes.push(part);
        }
      }
    }
    return nodes;
  }

  /** Text-like tokens allowed in content and attribute values; undefined for anything else. */
  private valuePart(token: number): string | Substitution | undefined {
    switch (token) {
      case VALUE: {
        this.pos++;
        const type = this.u8();
        if (type !== 0x01) this.fail(`value token of type 0x${type.toString(16)} (only strings are defined)`);
        return this.text();
      }
      case CDATA:
        this.pos++;
        return this.text();
      case CHAR_REF:
        this.pos++;
        return String.fromCharCode(this.u16());
      case ENTITY_REF: {
        this.pos++;
        const name = this.name();
        return ENTITIES[name] ?? `&${name};`;
      }
      case NORMAL_SUBSTITUTION:
      case OPTIONAL_SUBSTITUTION: {
        this.pos++;
        const index = this.u16();
        this.pos++; // declared type; the instance's value descriptor is what counts
        return { kind: 'sub', index, optional: token === OPTIONAL_SUBSTITUTION };
      }
      default:
        return undefined;
    }
  }

  private element(): TemplateElement {
    const hasAttributes = (this.u8() & MORE_FLAG) !== 0;
    if (!this.inValue && this.hasDependencyId()) this.pos += 2;
    this.u32(); // data size: the token stream itself says where the element ends
    const name = this.name();
    const attributes: TemplateAttribute[] = [];
    if (hasAttributes) {
      this.u32(); // attribute list size
      while (this.pos < this.end && this.token() === ATTRIBUTE) attributes.push(this.attribute());
    }
    const close = this.token();
    this.pos++;
    const fixedAttributes = fixed(attributes);
    if (close === CLOSE_EMPTY_ELEMENT) return { kind: 'element', name, attributes, fixedAttributes, children: [], childSubstitutions: [] };
    if (close !== CLOSE_START_ELEMENT) this.fail(`element <${name}> start not closed (token 0x${close.toString(16)})`);
    const children = this.content();
    if (this.pos >= this.end || this.token() !== END_ELEMENT) this.fail(`element <${name}> not ended`);
    this.pos++;
    const childSubstitutions = children.filter((c): c is Substitution => typeof c !== 'string' && c.kind === 'sub');
    return { kind: 'element', name, attributes, fixedAttributes, children, childSubstitutions };
  }

  /**
   * libevtx documents the element's 2-byte dependency identifier as optional: templates carry it,
   * but records written without a template (Defender, RDP, PowerShell, Security logs) start with
   * a bare element tree that lacks it. Of the two layouts, the one whose data size fits and whose
   * name offset is sound (inline right here, or an earlier name in the chunk, past its header) is the real one;
   * with the identifier wins when both are (every file read before), as when neither is.
   */
  private hasDependencyId(): boolean {
    return this.plausibleStart(this.pos + 2) || !this.plausibleStart(this.pos);
  }

  /** Data size at `at` and name offset after it describe an element inside these bytes. */
  private plausibleStart(at: number): boolean {
    if (at + 8 > this.end) return false;
    const buf = this.chunk.buf;
    if (at + 4 + buf.readUInt32LE(at) > this.end) return false;
    const nameOffset = buf.readUInt32LE(at + 4);
    return nameOffset === at + 8 || (nameOffset >= CHUNK_HEADER_SIZE && nameOffset < at);
  }

  private attribute(): TemplateAttribute {
    this.pos++;
    const name = this.name();
    const parts: Array<string | Substitution> = [];
    while (this.pos < this.end) {
      const part = this.valuePart(this.token());
      if (part === undefined) break;
      parts.push(part);
    }
    return { name, parts };
  }

  /** Template instance: definition (inline the first time in a chunk) and its value descriptors. */
  private instance(): TemplateInstance {
    this.pos += 2; // token, unknown byte
    this.u32(); // template identifier
    const offset = this.u32();
    if (offset === this.pos) {
      // Inline definition: skip its header and fragment; it is compiled from the chunk below.
      this.pos += TEMPLATE_HEADER_SIZE + this.chunk.u32(offset + 20);
    }
    const template = this.chunk.template(offset, this.depth);
    const count = this.u32();
    if (this.pos + 4 * count > this.end) this.fail(`${count} template values do not fit the record`);
    const values: ValueRef[] = new Array(count);
    let data = this.pos + 4 * count;
    for (let i = 0; i < count; i++) {
      const size = this.chunk.buf.readUInt16LE(this.pos + 4 * i);
      const type = this.chunk.buf[this.pos + 4 * i + 2];
      values[i] = { type, start: data, end: data + size };
      data += size;
    }
    if (data > this.end) this.fail('template values run past the record');
    this.pos = data;
    return { kind: 'instance', template, values };
  }
}
