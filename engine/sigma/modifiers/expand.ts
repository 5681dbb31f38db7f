/**
 * expand: `%name%` placeholders resolved from configured values (M13). Each placeholder becomes an
 * OR-linked expansion (cartesian over several placeholders); `\%` is a literal percent sign.
 */
import { asStringValue, mapValue } from './convert.js';
import { fail, type Modifier, type ModifierContext } from './modifier.js';
import { stringVariants } from './variants.js';

const PLACEHOLDER = /(?<!\\)%([^%]+)%/g;

/** Every text a literal run stands for once its placeholders are replaced by their values. */
function substitutions(literal: string, context: ModifierContext): string[] {
  let texts = [''];
  let last = 0;
  for (const match of literal.matchAll(PLACEHOLDER)) {
    const name = match[1];
    // Unconfigured placeholders resolve to no values (the item then matches nothing) and
    // the loader warns; rejecting would drop SigmaHQ rules that ship with site allow-lists.
    const values = context.placeholders[name] ?? [];
    if (!(name in context.placeholders)) context.unresolved.add(name);
    const before = literal.slice(last, match.index).replace(/\\%/g, '%');
    texts = texts.flatMap((t) => values.map((v) => t + before + v));
    last = match.index + match[0].length;
  }
  const tail = literal.slice(last).replace(/\\%/g, '%');
  return texts.map((t) => t + tail);
}

export const expand: Modifier = {
  input: 'typed',
  apply(value, context) {
    return mapValue(asStringValue(value), (v) =>
      v.type === 'string' ? stringVariants(v, (literal) => substitutions(literal, context)) : fail(`'expand' needs a string, not ${v.type}`),
    );
  },
};
