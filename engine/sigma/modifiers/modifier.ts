/**
 * The one shape every Sigma value modifier has (ajv-style: one definition per keyword, one table).
 * A modifier turns a value into another value, or returns an error message (the caller adds the
 * rule location). Values produced by expanding modifiers stay OR-linked (SigmaExpansion).
 */
import type { SigmaValue } from '../values.js';

/** A value as written in YAML, before any modifier gave it a type. */
export interface RawValue {
  type: 'raw';
  value: string | number | boolean | null;
  /** Source text as written (`00000429`, `yes`). */
  text: string;
}

/** UTF-8/UTF-16 bytes produced by encoding modifiers, waiting for base64 or the end of the chain. */
export interface EncodedBytes {
  type: 'bytes';
  bytes: Buffer;
}

export type ChainValue = SigmaValue | RawValue | EncodedBytes;

export interface ModifierContext {
  /** Values for `expand` placeholders (`%Workstations%` → list). */
  placeholders: Record<string, string[]>;
  /** Placeholder names `expand` met without configured values (reported as warnings). */
  unresolved: Set<string>;
}

export type ModifierResult = ChainValue | { error: string };

export interface Modifier {
  /** `raw`: needs the value as written (re, cidr, exists, ...) and so must come first in the chain. */
  input: 'raw' | 'typed';
  apply(value: ChainValue, context: ModifierContext): ModifierResult;
}

/** `all` and `neq` change how the item's values link, not the values: flags on the item. */
export type ItemFlag = 'all' | 'neq';

export function fail(error: string): { error: string } {
  return { error };
}
