/**
 * One Sigma value → a predicate over one event value. Case-insensitive text comparison uses the
 * event view's lower-case cache; nothing here allocates per event beyond that cache.
 */
import type { CompareOp, SigmaValue, TimePart } from '../sigma/values.js';
import { asText, type EventView } from './event-access.js';
import { compileRegex } from './regex-engine.js';
import { compileSigmaString } from './string-match.js';

export type ValueTest = (value: unknown, view: EventView) => boolean;

const COMPARE: Record<CompareOp, (a: number, b: number) => boolean> = {
  gt: (a, b) => a > b,
  gte: (a, b) => a >= b,
  lt: (a, b) => a < b,
  lte: (a, b) => a <= b,
};

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isNaN(n) ? undefined : n;
}

/** ISO 8601 or Sysmon's `YYYY-MM-DD HH:MM:SS.mmm`, read as UTC (SIGMA.md §4 DECISION). */
function toDate(value: unknown): Date | undefined {
  const text = asText(value);
  if (text === undefined) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2} \d/.test(text) ? text.replace(' ', 'T') + (/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? '' : 'Z') : text;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

function isoWeek(date: Date): number {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

const TIME_PARTS: Record<TimePart, (d: Date) => number> = {
  minute: (d) => d.getUTCMinutes(),
  hour: (d) => d.getUTCHours(),
  day: (d) => d.getUTCDate(),
  week: isoWeek,
  month: (d) => d.getUTCMonth() + 1,
  year: (d) => d.getUTCFullYear(),
};

export function compileValue(value: SigmaValue): ValueTest | { error: string } {
  switch (value.type) {
    case 'string': {
      const test = compileSigmaString(value);
      if (typeof test !== 'function') return test;
      if (value.cased) return (v) => { const t = asText(v); return t !== undefined && test(t); };
      return (v, view) => { const t = asText(v); return t !== undefined && test(view.lowered(t)); };
    }
    case 'number': {
      const texts = new Set([value.text.toLowerCase(), String(value.value)]);
      return (v, view) => (typeof v === 'number' ? v === value.value : typeof v === 'string' && texts.has(view.lowered(v)));
    }
    case 'boolean': {
      const text = String(value.value);
      return (v, view) => (typeof v === 'boolean' ? v === value.value : typeof v === 'string' && view.lowered(v) === text);
    }
    case 'null':
      // "No value" (SIGMA.md §3.2): Sysmon writes it as an empty data element, which readers turn into "".
      return (v) => v === undefined || v === null || v === '';
    case 'exists':
      return (v) => (v !== undefined) === value.value;
    case 'regex': {
      const test = compileRegex(value);
      if ('error' in test) return test;
      return (v) => { const t = asText(v); return t !== undefined && test(t); };
    }
    case 'cidr': {
      const bits = value.version === 4 ? 32 : 128;
      const shift = BigInt(bits - value.prefix);
      const network = value.network >> shift;
      return (v, view) => {
        const t = asText(v);
        const ip = t === undefined ? undefined : view.ip(t);
        return ip !== undefined && ip.version === value.version && ip.value >> shift === network;
      };
    }
    case 'fieldref':
      return (v, view) => {
        const mine = asText(v);
        const other = asText(view.get(value.field));
        if (mine === undefined || other === undefined) return false;
        const a = view.lowered(mine);
        const b = view.lowered(other);
        if (value.startsWith && value.endsWith) return a.includes(b);
        if (value.startsWith) return a.startsWith(b);
        if (value.endsWith) return a.endsWith(b);
        return a === b;
      };
    case 'compare': {
      const op = COMPARE[value.op];
      return (v) => { const n = toNumber(v); return n !== undefined && op(n, value.value); };
    }
    case 'timepart': {
      const extract = TIME_PARTS[value.part];
      const op = value.op ? COMPARE[value.op] : (a: number, b: number) => a === b;
      return (v) => { const d = toDate(v); return d !== undefined && op(extract(d), value.value); };
    }
    case 'expansion': {
      const tests: ValueTest[] = [];
      for (const member of value.values) {
        const test = compileValue(member);
        if ('error' in test) return test;
        tests.push(test);
      }
      return (v, view) => {
        for (let i = 0; i < tests.length; i++) if (tests[i](v, view)) return true;
        return false;
      };
    }
  }
}
