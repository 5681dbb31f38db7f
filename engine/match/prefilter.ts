/**
 * The cheap literal pass before full evaluation (DESIGN.md: pay only for relevant rules). For one
 * set of candidate rules it indexes every necessary literal by field; per event each indexed field
 * is scanned once, and only rules with a hit, or without any necessary literal, are evaluated.
 */
import { asText, type EventView } from './event-access.js';
import { NeedleSet } from './needle-set.js';
import { ANY_FIELD, NON_ASCII, type Clause } from './needles.js';

interface FieldIndex {
  field: string;
  needles: NeedleSet<number[]>;
  /** Whole lower-case values (equality and numbers) → rules. */
  exact: Map<string, number[]>;
  /** Rules whose literal is "some non-ASCII character" in this field (emoji, homoglyph rules). */
  nonAscii: number[];
}

const NON_ASCII_CHAR = /[^\x00-\x7f]/;

export class Prefilter {
  private readonly fields: FieldIndex[] = [];
  /** Rules with no necessary literal: always evaluated. */
  private readonly always: number[] = [];
  private readonly marks: Uint32Array;
  private generation = 0;

  constructor(clauses: Clause[]) {
    this.marks = new Uint32Array(clauses.length);
    const byField = new Map<string, { needles: Map<string, number[]>; exact: Map<string, number[]>; nonAscii: number[] }>();
    clauses.forEach((clause, rule) => {
      if (!clause) {
        this.always.push(rule);
        return;
      }
      for (const needle of clause) {
        let entry = byField.get(needle.field);
        if (!entry) byField.set(needle.field, (entry = { needles: new Map(), exact: new Map(), nonAscii: [] }));
        if (needle.text === NON_ASCII) {
          entry.nonAscii.push(rule);
          continue;
        }
        const table = needle.exact ? entry.exact : entry.needles;
        const rules = table.get(needle.text);
        if (!rules) table.set(needle.text, [rule]);
        else if (rules[rules.length - 1] !== rule) rules.push(rule);
      }
    });
    for (const [field, entry] of byField) {
      this.fields.push({ field, needles: new NeedleSet([...entry.needles]), exact: entry.exact, nonAscii: entry.nonAscii });
    }
  }

  /** Marks this event's candidate rules; returns the stamp `isCandidate` checks (no clearing per event). */
  run(view: EventView): number {
    const gen = ++this.generation;
    const marks = this.marks;
    const mark = (rules: number[]) => {
      for (let i = 0; i < rules.length; i++) marks[rules[i]] = gen;
    };
    mark(this.always);
    for (const index of this.fields) {
      const value = index.field === ANY_FIELD ? view.joinedStrings() : view.get(index.field);
      if (Array.isArray(value)) {
        for (const element of value) this.scan(index, asText(element), view, mark);
      } else this.scan(index, asText(value), view, mark);
    }
    return gen;
  }

  private scan(index: FieldIndex, text: string | undefined, view: EventView, mark: (rules: number[]) => void): void {
    if (text === undefined) return;
    const lower = view.lowered(text);
    const exact = index.exact.get(lower);
    if (exact) mark(exact);
    index.needles.scan(lower, mark);
    if (index.nonAscii.length > 0 && NON_ASCII_CHAR.test(lower)) mark(index.nonAscii);
  }

  isCandidate(rule: number, gen: number): boolean {
    return this.marks[rule] === gen;
  }
}
