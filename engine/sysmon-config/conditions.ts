/**
 * The 16 filter conditions: one shared interface, one table. Each compiles a rule value once into
 * a test over a case-folded field value, with the exact behaviour of Sysmon's rule engine
 * (SysmonCommon rules.c, `MatchFilterOnSpecificRule`), quirks included:
 * - every comparison is case-insensitive (both sides lower-cased per UTF-16 unit);
 * - `contains` on an empty field value never matches, even for an empty rule value;
 * - `... any` / `... all` split the rule value on `;`; an empty item searches for the rest of the
 *   rule value (so a trailing `;` in `contains any` matches every non-empty value);
 * - `less than` / `more than` compare strings, not numbers;
 * - `image` compares only the part after the last `\` when the rule value has no `\`.
 */
import type { ConditionName } from './model.js';

/** Lower-case one UTF-16 unit at a time, so lengths never change (towlower semantics). */
export function fold(value: string): string {
  if (/^[\x00-\x7f]*$/.test(value)) return value.toLowerCase();
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const unit = value[i];
    const lower = unit.toLowerCase();
    out += lower.length === 1 ? lower : unit;
  }
  return out;
}

/** A compiled condition: takes the field value already folded with `fold`. */
export type ConditionTest = (foldedValue: string) => boolean;

export interface ConditionDef {
  compile(ruleValue: string): ConditionTest;
}

/** Sysmon's FindSubString: nothing is found in an empty string. */
function found(haystack: string, needle: string): boolean {
  return haystack.length > 0 && haystack.includes(needle);
}

/**
 * The `;`-separated items of a rule value as substring needles. An empty item makes Sysmon's
 * search run to the end of the rule text, so its needle is the rest of the value.
 */
function needles(folded: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (;;) {
    const end = folded.indexOf(';', start);
    const item = folded.slice(start, end === -1 ? undefined : end);
    out.push(item === '' ? folded.slice(start) : item);
    if (end === -1) return out;
    start = end + 1;
  }
}

/** `image` conditions come in long runs over the same value: remember the last split. */
let lastPath = '';
let lastName = '';

function fileNamePart(value: string): string {
  if (value !== lastPath) {
    const slash = value.lastIndexOf('\\');
    lastPath = value;
    lastName = slash === -1 ? value : value.slice(slash + 1);
  }
  return lastName;
}

const is: ConditionDef = { compile: (v) => { const r = fold(v); return (x) => x === r; } };
const contains: ConditionDef = { compile: (v) => { const r = fold(v); return (x) => found(x, r); } };
const containsAny: ConditionDef = { compile: (v) => { const items = needles(fold(v)); return (x) => items.some((n) => found(x, n)); } };
const containsAll: ConditionDef = { compile: (v) => { const items = needles(fold(v)); return (x) => items.every((n) => found(x, n)); } };
const beginWith: ConditionDef = { compile: (v) => { const r = fold(v); return (x) => x.startsWith(r); } };
const endWith: ConditionDef = { compile: (v) => { const r = fold(v); return (x) => x.endsWith(r); } };

function not(def: ConditionDef): ConditionDef {
  return { compile: (v) => { const test = def.compile(v); return (x) => !test(x); } };
}

export const CONDITION_TABLE: Record<ConditionName, ConditionDef> = {
  'is': is,
  'is not': not(is),
  'is any': {
    // Items compare whole values, so here an empty item is just the empty string.
    compile: (v) => { const items = new Set(fold(v).split(';')); return (x) => items.has(x); },
  },
  'contains': contains,
  'contains any': containsAny,
  'contains all': containsAll,
  'excludes': not(contains),
  'excludes any': not(containsAny),
  'excludes all': not(containsAll),
  'begin with': beginWith,
  'not begin with': not(beginWith),
  'end with': endWith,
  'not end with': not(endWith),
  'less than': { compile: (v) => { const r = fold(v); return (x) => x < r; } },
  'more than': { compile: (v) => { const r = fold(v); return (x) => x > r; } },
  'image': {
    compile: (v) => {
      const r = fold(v);
      const whole = r.includes('\\');
      return (x) => (whole ? x : fileNamePart(x)) === r;
    },
  },
};

export function compileCondition(name: ConditionName, ruleValue: string): ConditionTest {
  return CONDITION_TABLE[name].compile(ruleValue);
}
