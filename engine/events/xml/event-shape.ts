/**
 * Build a flat event from its field names and values, in order. Assigning forty-odd new keys one
 * by one (`event[key] = value`) makes V8 grow the object's property store and walk its shape
 * transitions on every store, which was a tenth of .evtx decoding. Events of one kind repeat the
 * same name sequence, so once a sequence has recurred it gets a compiled constructor making those
 * very stores with constant names: V8 then sizes the object for all of them up front and each
 * store is a cached one. The result is the same plain object (prototype Object.prototype), as
 * the constructor does exactly the stores the slow path does. A constructor rather than an object
 * literal: V8 moves a literal whose events outlive a young GC (a caller keeping them) to
 * allocating in the old generation, which made later, short-lived events cost major GCs.
 */
import { setField, type NormalizedEvent } from '../../event.js';

type Build = (values: unknown[]) => NormalizedEvent;

/** One step of the name-sequence trie: the sequences seen so far share their prefixes. */
interface Shape {
  next: Map<string, Shape>;
  /** How many events ended with exactly this sequence; compiled on the second. */
  seen: number;
  /** null: not to be compiled (too many fields, or the compile budget is spent). */
  build?: Build | null;
}

/** Bounds for hostile or very varied input: past them events are built by plain stores. */
const MAX_SHAPE_NODES = 100_000;
const MAX_COMPILED = 1_000;
const MAX_COMPILED_KEYS = 256;

const root: Shape = { next: new Map(), seen: 0 };
let shapeNodes = 0;
let compiled = 0;

function compile(keys: readonly string[]): Build | null {
  if (compiled >= MAX_COMPILED || keys.length > MAX_COMPILED_KEYS) return null;
  compiled++;
  // JSON.stringify quotes any name as a valid string literal, so no input can inject code.
  // `__proto__` is a field like any other (setField), not the prototype.
  const body = keys.map((key, i) => (key === '__proto__' ? `set(this, '__proto__', v[${i}]);` : `this[${JSON.stringify(key)}] = v[${i}];`)).join('\n');
  const Construct = new Function('set', `return function (v) {\n${body}\n};`)(setField) as new (values: unknown[]) => NormalizedEvent;
  Construct.prototype = Object.prototype;
  return (values) => new Construct(values);
}

function shapeOf(keys: readonly string[]): Shape | undefined {
  let shape = root;
  for (const key of keys) {
    let next = shape.next.get(key);
    if (next === undefined) {
      if (shapeNodes >= MAX_SHAPE_NODES) return undefined;
      next = { next: new Map(), seen: 0 };
      shape.next.set(key, next);
      shapeNodes++;
    }
    shape = next;
  }
  return shape;
}

/** The event whose fields are `keys[i]: values[i]`, assigned in that order. */
export function buildEvent(keys: readonly string[], values: unknown[]): NormalizedEvent {
  const shape = shapeOf(keys);
  if (shape !== undefined) {
    if (shape.build === undefined && ++shape.seen >= 2) shape.build = compile(keys);
    if (shape.build) return shape.build(values);
  }
  const event: NormalizedEvent = {};
  for (let i = 0; i < keys.length; i++) setField(event, keys[i], values[i]);
  return event;
}
