/**
 * Rule regexes (`re` modifier) run on RE2 semantics (the re2js library: a linear-time engine, so
 * no rule can cause catastrophic backtracking). A pattern RE2 cannot express (look-around,
 * back-references) is a located load error rather than a risk of hanging the stream.
 */
import { RE2JS } from 're2js';
import type { SigmaRegex } from '../sigma/values.js';

export type RegexTest = (text: string) => boolean;

export function compileRegex(value: SigmaRegex): RegexTest | { error: string } {
  let flags = 0;
  if (value.flags.i) flags |= RE2JS.CASE_INSENSITIVE;
  if (value.flags.m) flags |= RE2JS.MULTILINE;
  if (value.flags.s) flags |= RE2JS.DOTALL;
  try {
    const regex = RE2JS.compile(value.pattern, flags);
    return (text) => regex.test(text);
  } catch (err) {
    // A hostile pattern can be megabytes: name it by its start and size, never whole.
    const shown = value.pattern.length > 200 ? `${value.pattern.slice(0, 200)}… (${value.pattern.length} characters)` : value.pattern;
    const reason = (err as Error).message.split(value.pattern).join('…');
    return { error: `regex /${shown}/ cannot run on the linear-time engine: ${reason}` };
  }
}
