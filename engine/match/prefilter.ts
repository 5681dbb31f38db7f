/**
 * The cheap literal pass before full evaluation (DESIGN.md: pay only for relevant rules). For one
 * set of candidate rules it indexes the necessary literals of every rule (a conjunction of
 * clauses, see needles.ts) by field; per event each indexed field is scanned once, and a rule is
 * evaluated in full only when every one of its clauses had a hit (or it has none).
 */
import { asText, type EventView } from './event-access.js';
import { NeedleSet } from './needle-set.js';
import { ANY_FIELD, NON_ASCII, type Conjunction } from './needles.js';

interface FieldIndex {
  field: string;
  /** Substring needles → the clauses they satisfy. */
  needles: NeedleSet<number[]>;
  /** Whole lower-case values (equality and numbers) → clauses. */
  exact: Map<string, number[]>;
  /** Clauses whose literal is "some non-ASCII character" in this field (emoji, homoglyph rules). */
  nonAscii: number[];
}

const NON_ASCII_CHAR = /[^\x00-\x7f]/;

export class Prefilter {
  private readonly fields: FieldIndex[] = [];
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

  constructor(rules: Conjunction[]) {
    const clauseRule: number[] = [];
    this.needed = new Int32Array(rules.length);
    const byField = new Map<string, { needles: Map<string, number[]>; exact: Map<string, number[]>; nonAscii: number[] }>();
    rules.forEach((conjunction, rule) => {
      if (conjunction.length === 0) {
        this.always.push(rule);
        return;
      }
      this.needed[rule] = conjunction.length;
      for (const clause of conjunction) {
        const id = clauseRule.push(rule) - 1;
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
    });
    this.clauseRule = Int32Array.from(clauseRule);
    this.clauseMark = new Uint32Array(clauseRule.length);
    this.ruleMark = new Uint32Array(rules.length);
    this.ruleHits = new Int32Array(rules.length);
    for (const [field, entry] of byField) {
      this.fields.push({ field, needles: new NeedleSet([...entry.needles]), exact: entry.exact, nonAscii: entry.nonAscii });
    }
  }

  /**
   * Positions of the rules this event must be evaluated against, ascending (load order). The
   * array is reused by the next call.
   */
  run(view: EventView): readonly number[] {
    const gen = ++this.generation;
    const { clauseMark, clauseRule, ruleMark, ruleHits, needed } = this;
    const selected = this.selected;
    selected.length = 0;
    for (const r of this.always) selected.push(r);
    const mark = (clauses: number[]) => {
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
    for (const index of this.fields) {
      const value = index.field === ANY_FIELD ? view.joinedStrings() : view.get(index.field);
      if (Array.isArray(value)) {
        for (const element of value) this.scan(index, asText(element), view, mark);
      } else this.scan(index, asText(value), view, mark);
    }
    return selected.sort((a, b) => a - b);
  }

  private scan(index: FieldIndex, text: string | undefined, view: EventView, mark: (clauses: number[]) => void): void {
    if (text === undefined) return;
    const lower = view.lowered(text);
    const exact = index.exact.get(lower);
    if (exact) mark(exact);
    index.needles.scan(lower, mark);
    if (index.nonAscii.length > 0 && NON_ASCII_CHAR.test(lower)) mark(index.nonAscii);
  }
}
