/** The modifier table: every name Sigma (and pySigma) accepts, one entry each. */
import { cased } from './cased.js';
import { cidr } from './cidr.js';
import { gt, gte, lt, lte } from './compare.js';
import { base64, base64offset, utf16, utf16be_, wide } from './encoding.js';
import { exists } from './exists.js';
import { expand } from './expand.js';
import { fieldref } from './fieldref.js';
import type { ItemFlag, Modifier } from './modifier.js';
import { dotall, ignorecase, multiline, re } from './regex.js';
import { contains, endswith, startswith } from './substring.js';
import { day, hour, minute, month, week, year } from './timepart.js';
import { windash } from './windash.js';

export const valueModifiers: Record<string, Modifier> = {
  contains, startswith, endswith,
  base64, base64offset, wide, utf16le: wide, utf16be: utf16be_, utf16,
  windash, re, i: ignorecase, ignorecase, m: multiline, multiline, s: dotall, dotall,
  cased, cidr, exists, fieldref, expand,
  gt, gte, lt, lte,
  minute, hour, day, week, month, year,
};

export const itemFlags: ReadonlySet<ItemFlag> = new Set<ItemFlag>(['all', 'neq']);

export type { Modifier, ItemFlag, ModifierContext, ChainValue, RawValue } from './modifier.js';
