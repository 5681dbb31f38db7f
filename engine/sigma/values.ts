/**
 * The typed values of a detection item, before and after modifiers (pySigma's `sigma/types.py`,
 * reduced to what an evaluator needs). Plain data: the matcher compiles them to closures.
 */

export const WILDCARD_MULTI = 0;
export const WILDCARD_SINGLE = 1;
export type Wildcard = typeof WILDCARD_MULTI | typeof WILDCARD_SINGLE;

/** A Sigma string: literal runs and wildcards, after the escape algorithm of SIGMA.md §3.3. */
export interface SigmaString {
  type: 'string';
  parts: Array<string | Wildcard>;
  /** `cased` modifier: compare case-sensitively. */
  cased: boolean;
  /** `expand` placeholders still to resolve (`%name%` → literal run marked as placeholder). */
  placeholders?: string[];
}

export interface SigmaRegex {
  type: 'regex';
  pattern: string;
  flags: { i: boolean; m: boolean; s: boolean };
}

export interface SigmaNumber {
  type: 'number';
  value: number;
  /** The number as written in YAML (`00000429`), used when compared as text. */
  text: string;
}

export interface SigmaBoolean {
  type: 'boolean';
  value: boolean;
}

export interface SigmaNull {
  type: 'null';
}

export interface SigmaCidr {
  type: 'cidr';
  text: string;
  version: 4 | 6;
  /** Network address as a bigint and prefix length. */
  network: bigint;
  prefix: number;
}

export interface SigmaFieldRef {
  type: 'fieldref';
  field: string;
  startsWith: boolean;
  endsWith: boolean;
}

export interface SigmaExists {
  type: 'exists';
  value: boolean;
}

export type CompareOp = 'gt' | 'gte' | 'lt' | 'lte';

export interface SigmaCompare {
  type: 'compare';
  op: CompareOp;
  value: number;
}

export type TimePart = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** A time-part extraction; compared for equality with `value`, or with `compare` when chained. */
export interface SigmaTimePart {
  type: 'timepart';
  part: TimePart;
  value: number;
  op?: CompareOp;
}

/** Values produced by one expanding modifier (windash, base64offset, expand): always OR-linked. */
export interface SigmaExpansion {
  type: 'expansion';
  values: SigmaValue[];
}

export type SigmaValue =
  | SigmaString
  | SigmaRegex
  | SigmaNumber
  | SigmaBoolean
  | SigmaNull
  | SigmaCidr
  | SigmaFieldRef
  | SigmaExists
  | SigmaCompare
  | SigmaTimePart
  | SigmaExpansion;

/**
 * Parse rule text into a SigmaString with the exact pySigma escape algorithm (SIGMA.md §3.3):
 * only `*`, `?` and `\` can be escaped; `\x` keeps its backslash; a trailing `\` is literal.
 */
export function parseSigmaString(text: string): SigmaString {
  const parts: Array<string | Wildcard> = [];
  let acc = '';
  let escaped = false;
  for (const c of text) {
    if (escaped) {
      acc += c === '*' || c === '?' || c === '\\' ? c : '\\' + c;
      escaped = false;
    } else if (c === '\\') {
      escaped = true;
    } else if (c === '*' || c === '?') {
      if (acc) parts.push(acc);
      acc = '';
      parts.push(c === '*' ? WILDCARD_MULTI : WILDCARD_SINGLE);
    } else {
      acc += c;
    }
  }
  if (escaped) acc += '\\';
  if (acc) parts.push(acc);
  return { type: 'string', parts, cased: false };
}

/** A SigmaString made of one literal run (used by encoders, which produce plain text). */
export function literalString(text: string, cased = false): SigmaString {
  return { type: 'string', parts: text === '' ? [] : [text], cased };
}

export function hasWildcards(value: SigmaString): boolean {
  return value.parts.some((p) => typeof p !== 'string');
}

/** The plain text of a wildcard-free SigmaString. */
export function plainText(value: SigmaString): string {
  return value.parts.filter((p): p is string => typeof p === 'string').join('');
}
