/**
 * The cheap literal pass before full evaluation (DESIGN.md: pay only for relevant rules). For one
 * set of candidate rules it indexes the necessary literals of every rule (a conjunction of
 * clauses, see needles.ts) by field; per event each indexed field is scanned once, and a rule is
 * evaluated in full only when every one of its clauses had a hit (or it has none).
 *
 * The invariant (test/match/prefilter.test.ts): the prefilter may over-approximate, never drop a
 * rule that full evaluation would match.
 *
 * Bytes scanned once, nothing allocated per field: only the fields some candidate names are read;
 * substring needles are searched in the value as it is, Latin-1-folded (needle-set.ts), and a
 * lower-case copy is made only for a value with characters beyond Latin-1 or one whose length
 * fits an exact (equality) literal. Keyword literals (any field) are searched in each string of the
 * event, last, and only while a rule that needs them can still be selected.
 *
 * Values repeat (the same Image, Hashes, ParentCommandLine on thousands of events): per field, the
 * clauses a value hit are remembered for recent values, so a repeated value costs one hash lookup
 * instead of a scan. A field whose values rarely repeat stops remembering.
 */
import { asText, type EventView } from './event-access.js';
import { NeedleSet } from './needle-set.js';
import { ANY_FIELD, NON_ASCII, type Conjunction } from './needles.js';

interface FieldIndex {
  field: string;
  /** Substring needles (lower case) → the clauses they satisfy. */
  needles: NeedleSet<number[]>;
  /** Whole lower-case values (equality and numbers) → clauses. */
  exact: Map<string, number[]>;
  /** Lengths of the exact values: a value of another length is not looked up (nor lower-cased). */
  exactLengths: Set<number>;
  /** Clauses whose literal is "some non-ASCII character" in this field (emoji, homoglyph rules). */
  nonAscii: number[];
  /** Recent values → the clause lists they hit; undefined once the field's values proved not to repeat. */
  memo: ValueMemo | undefined;
}

interface ValueMemo {
  /** Value → the distinct clauses it hit. */
  hits: Map<string, number[]>;
  /** Lookups and hits since the map was last cleared. */
  lookups: number;
  found: number;
}

/** Values remembered per field before the memo is cleared (and its usefulness judged). */
const MEMO_ENTRIES = 256;
/** Smaller needle sets answer from their one-regex check about as fast as a lookup. */
const MEMO_MIN_NEEDLES = 32;
/** Longer values are scanned every time: they rarely repeat, and would hold memory. */
const MEMO_MAX_LENGTH = 1024;
/** A memo that found fewer than this share of its lookups when it filled is dropped for good. */
const MEMO_MIN_HIT_RATE = 0.25;
const NO_CLAUSES: number[] = [];

const NON_ASCII_CHAR = /[^\x00-\x7f]/;
/** The one character whose `toLowerCase` is longer than itself (İ → i̇): it can make a value fit an exact length. */
const LENGTHENS_WHEN_LOWERED = '\u0130';

export class Prefilter {
  private readonly fields: FieldIndex[] = [];
  /** Keyword needles (ANY_FIELD), scanned after the named fields. */
  private readonly keywords: FieldIndex | undefined;
  /** Rules with keyword clauses, and how many of their clauses are keyword clauses. */
  private readonly keywordRules: number[] = [];
  private readonly keywordClauses: Int32Array;
  /** Rules with no clause: always evaluated. */
  private readonly always: number[] = [];
  /** Per clause: the rule it belongs to; per rule: how many clauses it needs. */
  private readonly clauseRule: Int32Array;
  private readonly needed: Int32Array;
  /** Generation stamps (nothing is cleared per event) and per-rule hit counts. */
  private readonly clauseMark: Uint32Array;
  private readonly ruleMark: Uint32Array;
  private readonly ruleHits: Int32Array;
  private generation = 0;
  /** This event's candidates (rule positions), reused from event to event. */
  private readonly selected: number[] = [];
  /** The clause lists one value hit, collected to be remembered (reused from value to value). */
  private readonly found: number[][] = [];
  private readonly collect = (clauses: number[]): void => {
    this.found.push(clauses);
  };
  /** Marks a list of clauses as hit for the current generation (bound once, not per event). */
  private readonly mark = (clauses: number[]): void => {
    const { clauseMark, clauseRule, ruleMark, ruleHits, needed, selected } = this;
    const gen = this.generation;
    for (let i = 0; i < clauses.length; i++) {
      const c = clauses[i];
      if (clauseMark[c] === gen) continue;
      clauseMark[c] = gen;
      const r = clauseRule[c];
      const hits = ruleMark[r] === gen ? ruleHits[r] + 1 : 1;
      ruleMark[r] = gen;
      ruleHits[r] = hits;
      if (hits === needed[r]) selected.push(r);
    }
  };

  constructor(rules: Conjunction[]) {
    const clauseRule: number[] = [];
    this.needed = new Int32Array(rules.length);
    this.keywordClauses = new Int32Array(rules.length);
    const byField = new Map<string, { needles: Map<string, number[]>; exact: Map<string, number[]>; nonAscii: number[] }>();
    rules.forEach((conjunction, rule) => {
      if (conjunction.length === 0) {
        this.always.push(rule);
        return;
      }
      this.needed[rule] = conjunction.length;
      for (const clause of conjunction) {
        const id = clauseRule.push(rule) - 1;
        if (clause.some((needle) => needle.field === ANY_FIELD)) this.keywordClauses[rule]++;
        for (const needle of clause) {
          let entry = byField.get(needle.field);
          if (!entry) byField.set(needle.field, (entry = { needles: new Map(), exact: new Map(), nonAscii: [] }));
          if (needle.text === NON_ASCII) {
            entry.nonAscii.push(id);
            continue;
          }
          const table = needle.exact ? entry.exact : entry.needles;
          const ids = table.get(needle.text);
          if (!ids) table.set(needle.text, [id]);
          else if (ids[ids.length - 1] !== id) ids.push(id);
        }
      }
      if (this.keywordClauses[rule] > 0) this.keywordRules.push(rule);
    });
    this.clauseRule = Int32Array.from(clauseRule);
    this.clauseMark = new Uint32Array(clauseRule.length);
    this.ruleMark = new Uint32Array(rules.length);
    this.ruleHits = new Int32Array(rules.length);
    for (const [field, entry] of byField) {
      const index: FieldIndex = {
        field,
        needles: new NeedleSet([...entry.needles]),
        exact: entry.exact,
        exactLengths: new Set([...entry.exact.keys()].map((text) => text.length)),
        nonAscii: entry.nonAscii,
        // Keyword literals are searched in every string of the event: too many distinct values to remember.
        memo: field !== ANY_FIELD && entry.needles.size >= MEMO_MIN_NEEDLES ? { hits: new Map(), lookups: 0, found: 0 } : undefined,
      };
      if (field === ANY_FIELD) this.keywords = index;
      else this.fields.push(index);
    }
  }

  /**
   * Positions of the rules this event must be evaluated against, ascending (load order). The
   * array is reused by the next call.
   */
  run(view: EventView): readonly number[] {
    this.generation++;
    const selected = this.selected;
    selected.length = 0;
    for (const r of this.always) selected.push(r);
    for (const index of this.fields) {
      const value = view.get(index.field);
      if (Array.isArray(value)) {
        for (const element of value) this.scan(index, asText(element), view);
      } else this.scan(index, asText(value), view);
    }
    if (this.keywords && this.keywordsCanSelect()) {
      const strings = view.allStrings();
      for (let i = 0; i < strings.length; i++) this.scan(this.keywords, strings[i], view);
    }
    return selected.sort((a, b) => a - b);
  }

  /** Whether some rule with keyword clauses has all its other clauses hit already. */
  private keywordsCanSelect(): boolean {
    const { ruleMark, ruleHits, needed, keywordClauses, generation } = this;
    for (const r of this.keywordRules) {
      const hits = ruleMark[r] === generation ? ruleHits[r] : 0;
      if (hits + keywordClauses[r] >= needed[r]) return true;
    }
    return false;
  }

  private scan(index: FieldIndex, text: string | undefined, view: EventView): void {
    if (text === undefined) return;
    const memo = index.memo;
    if (memo === undefined || text.length > MEMO_MAX_LENGTH) {
      this.scanValue(index, text, view, this.mark);
      return;
    }
    memo.lookups++;
    const known = memo.hits.get(text);
    if (known !== undefined) {
      memo.found++;
      if (known.length > 0) this.mark(known);
      return;
    }
    const hit = this.found;
    hit.length = 0;
    this.scanValue(index, text, view, this.collect);
    for (let i = 0; i < hit.length; i++) this.mark(hit[i]);
    if (memo.hits.size >= MEMO_ENTRIES) {
      if (memo.found < memo.lookups * MEMO_MIN_HIT_RATE) {
        index.memo = undefined;
        return;
      }
      memo.hits.clear();
      memo.lookups = memo.found = 0;
    }
    memo.hits.set(text, hit.length === 0 ? NO_CLAUSES : [...new Set(hit.flat())]);
  }

  /** Every clause list `text` hits in this field, to `onHit`. */
  private scanValue(index: FieldIndex, text: string, view: EventView, onHit: (clauses: number[]) => void): void {
    if (index.needles.scanFolded(text, onHit) === undefined) index.needles.scan(view.lowered(text), onHit);
    if (index.exactLengths.has(text.length) || (index.exact.size > 0 && text.includes(LENGTHENS_WHEN_LOWERED))) {
      const exact = index.exact.get(view.lowered(text));
      if (exact) onHit(exact);
    }
    if (index.nonAscii.length > 0 && NON_ASCII_CHAR.test(text)) onHit(index.nonAscii);
  }
}
