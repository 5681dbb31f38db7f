/**
 * Compiled string predicates for Sigma strings. The common shapes (equals, prefix, suffix,
 * contains, `*`-only globs) are plain string operations on lower-cased text; only patterns with
 * `?` become a regular expression (linear: no nested quantifiers are generated).
 */
import { WILDCARD_MULTI, WILDCARD_SINGLE, type SigmaString } from '../sigma/values.js';

/** Test on text already lower-cased (unless the pattern is cased). */
export type TextTest = (text: string) => boolean;

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** A `*` glob: anchored `first`/`last` when the pattern does not start/end with `*`, `middle` in order. */
function globTest(first: string, middle: string[], last: string, anchoredStart: boolean, anchoredEnd: boolean): TextTest {
  const minLength = (anchoredStart ? first.length : 0) + middle.reduce((n, s) => n + s.length, 0) + (anchoredEnd ? last.length : 0);
  return (text) => {
    if (text.length < minLength) return false;
    let from = 0;
    let to = text.length;
    if (anchoredStart) {
      if (!text.startsWith(first)) return false;
      from = first.length;
    }
    if (anchoredEnd) {
      if (!text.endsWith(last)) return false;
      to = text.length - last.length;
      if (to < from) return false;
    }
    // Leftmost placement of each middle segment is optimal for `*`-only globs.
    for (const segment of middle) {
      const at = text.indexOf(segment, from);
      if (at === -1 || at + segment.length > to) return false;
      from = at + segment.length;
    }
    return true;
  };
}

/**
 * A `?` pattern as a V8 regex, compiled now: V8 compiles on first use and refuses sources of about
 * 32,700 characters, which must be this rule's load error, not a failure at the first event.
 */
function wildcardRegex(parts: SigmaString['parts']): TextTest | { error: string } {
  const source = parts.map((p) => (p === WILDCARD_MULTI ? '.*' : p === WILDCARD_SINGLE ? '.' : escapeRegex(p))).join('');
  const regex = new RegExp(`^${source}$`, 's');
  try {
    regex.test('');
  } catch {
    // The message would repeat the whole pattern: give its size instead.
    return { error: `wildcard pattern of ${source.length} characters is too large for the regex engine` };
  }
  return (text) => regex.test(text);
}

export function compileSigmaString(value: SigmaString): TextTest | { error: string } {
  const parts = value.cased ? value.parts : value.parts.map((p) => (typeof p === 'string' ? p.toLowerCase() : p));
  if (parts.includes(WILDCARD_SINGLE)) return wildcardRegex(parts);
  // Only `*` wildcards (or none): split into literal segments.
  const segments: string[] = [];
  let current = '';
  for (const p of parts) {
    if (p === WILDCARD_MULTI) {
      segments.push(current);
      current = '';
    } else current += p as string;
  }
  segments.push(current);
  if (segments.length === 1) {
    const literal = segments[0];
    return (text) => text === literal;
  }
  const first = segments[0];
  const last = segments[segments.length - 1];
  const anchoredStart = first !== '';
  const anchoredEnd = last !== '';
  const middle = segments.slice(1, -1).filter((s) => s !== '');
  if (middle.length === 0) {
    if (anchoredStart && !anchoredEnd) return (text) => text.startsWith(first);
    if (!anchoredStart && anchoredEnd) return (text) => text.endsWith(last);
    if (!anchoredStart && !anchoredEnd) return () => true;
  } else if (middle.length === 1 && !anchoredStart && !anchoredEnd) {
    const needle = middle[0];
    return (text) => text.includes(needle);
  }
  return globTest(first, middle, last, anchoredStart, anchoredEnd);
}
