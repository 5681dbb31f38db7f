/**
 * The longest literal run a regex must contain wherever it matches, when one can be read off
 * safely: only top-level text (no alternation at depth 0), skipping groups and classes, and never
 * a character a quantifier can make optional. Used by the prefilter; `undefined` when unsure.
 */

const ESCAPE_CLASSES = new Set(['d', 'D', 'w', 'W', 's', 'S', 'b', 'B', 'A', 'z', 'Z', 'p', 'P', 'Q', 'E', 'x', 'u', 'n', 'r', 't', 'f', 'v', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'k', 'c']);

/** Index just past the group or class starting at `i` (pattern[i] is '(' or '['), or -1. */
function skipBracket(pattern: string, i: number): number {
  if (pattern[i] === '[') {
    let j = i + 1;
    if (pattern[j] === '^') j++;
    if (pattern[j] === ']') j++;
    for (; j < pattern.length; j++) {
      if (pattern[j] === '\\') j++;
      else if (pattern[j] === ']') return j + 1;
    }
    return -1;
  }
  let depth = 0;
  for (let j = i; j < pattern.length; j++) {
    const c = pattern[j];
    if (c === '\\') j++;
    else if (c === '[') {
      const end = skipBracket(pattern, j);
      if (end < 0) return -1;
      j = end - 1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j + 1;
  }
  return -1;
}

export function requiredRegexLiteral(pattern: string): string | undefined {
  const runs: string[] = [];
  let run = '';
  const end = () => {
    if (run) runs.push(run);
    run = '';
  };
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i];
    let literal: string | undefined;
    let next = i + 1;
    if (c === '|') return undefined;
    if (c === '(' || c === '[') {
      next = skipBracket(pattern, i);
      if (next < 0) return undefined;
    } else if (c === '\\') {
      const e = pattern[i + 1];
      if (e === undefined) return undefined;
      next = i + 2;
      if (!ESCAPE_CLASSES.has(e)) literal = e;
    } else if (!'.^$*+?{})'.includes(c)) {
      literal = c;
    }
    // A quantifier that allows zero repetitions makes the preceding atom optional.
    const q = pattern[next];
    const optional = q === '?' || q === '*' || (q === '{' && /^\{0*(,|\})/.test(pattern.slice(next)));
    const repeated = optional || q === '+' || q === '{';
    if (literal !== undefined && !optional) {
      run += literal;
      if (repeated) end();
    } else end();
    i = next;
    if (repeated) {
      // Skip the quantifier itself (and a lazy/possessive suffix).
      if (q === '{') {
        const close = pattern.indexOf('}', i);
        if (close < 0) return undefined;
        i = close + 1;
      } else i++;
      if (pattern[i] === '?' || pattern[i] === '+') i++;
    }
  }
  end();
  return runs.reduce<string | undefined>((best, r) => (r.length > (best?.length ?? 0) ? r : best), undefined);
}
