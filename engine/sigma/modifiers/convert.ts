/** Default typing of a raw YAML value, used when no `raw`-input modifier claims it. */
import { parseSigmaString, type SigmaValue } from '../values.js';
import type { ChainValue, RawValue } from './modifier.js';

export function typeRawValue(raw: RawValue): SigmaValue {
  if (raw.value === null) return { type: 'null' };
  if (typeof raw.value === 'boolean') return { type: 'boolean', value: raw.value };
  if (typeof raw.value === 'number') return { type: 'number', value: raw.value, text: raw.text };
  return parseSigmaString(raw.value);
}

/** Encoded bytes left at the end of a chain are matched as text (one char per byte, like pySigma). */
export function finalValue(value: ChainValue): SigmaValue {
  if (value.type === 'raw') return typeRawValue(value);
  if (value.type === 'bytes') return { type: 'string', parts: [value.bytes.toString('latin1')], cased: false };
  return value;
}

/** Text of a value that string modifiers operate on: numbers keep their source text (SIGMA.md §1). */
export function asStringValue(value: ChainValue): ChainValue {
  if (value.type === 'raw') {
    if (typeof value.value === 'string') return parseSigmaString(value.value);
    if (typeof value.value === 'number') return parseSigmaString(value.text);
    return typeRawValue(value);
  }
  if (value.type === 'number') return parseSigmaString(value.text);
  return value;
}

/** Apply `f` to every member of an expansion (flattening nested expansions), or to the value itself. */
export function mapValue(value: ChainValue, f: (v: ChainValue) => ChainValue | { error: string }): ChainValue | { error: string } {
  if (value.type !== 'expansion') return f(value);
  const out: SigmaValue[] = [];
  for (const member of value.values) {
    const mapped = f(member);
    if ('error' in mapped) return mapped;
    const typed = finalValue(mapped);
    if (typed.type === 'expansion') out.push(...typed.values);
    else out.push(typed);
  }
  return { type: 'expansion', values: out };
}
