/**
 * The Sigma rule model: plain data, kept apart from what consumes it (match/, correlate/), like
 * pySigma's rule classes. Produced by rule.ts (with detection.ts and condition.ts); compiled to closures by match/compile.ts.
 */
import type { Location } from '../diagnostics.js';
import type { KeyPath } from './document.js';
import type { SigmaValue } from './values.js';

export interface DetectionItem {
  /** Field name; undefined for a keyword (field-less) item. */
  field?: string;
  /** Modifier chain as written (`contains`, `all`, ...). */
  modifiers: string[];
  /** Values after modifiers; expansions stay OR-linked inside. */
  values: SigmaValue[];
  /** `all` links the values with AND. */
  linking: 'or' | 'and';
  /** `neq` negates the whole item. */
  negated: boolean;
  /** Key path of the item in its document (`rule.locate(path)` gives file:line:col). */
  path: KeyPath;
}

export type SearchNode =
  | { kind: 'and' | 'or'; children: SearchNode[] }
  | { kind: 'item'; item: DetectionItem };

export type ConditionNode =
  | { kind: 'and' | 'or'; operands: ConditionNode[] }
  | { kind: 'not'; operand: ConditionNode }
  | { kind: 'search'; name: string }
  | { kind: 'selector'; quantifier: 'any' | 'all'; pattern: string; names: string[] };

export interface Detection {
  searches: Record<string, SearchNode>;
  /** A condition list is OR-linked (SIGMA.md §5.1, C6). */
  conditions: ConditionNode[];
  /** Condition text(s) as written, for explain and error messages. */
  conditionText: string[];
}

export interface Logsource {
  category?: string;
  product?: string;
  service?: string;
  definition?: string;
}

export interface SigmaRule {
  kind: 'rule';
  file: string;
  /** Document index inside the file. */
  index: number;
  id?: string;
  name?: string;
  title: string;
  status?: string;
  level?: string;
  author?: string;
  description?: string;
  tags: string[];
  logsource: Logsource;
  detection: Detection;
  /** The whole document as loaded (custom fields kept). */
  data: Record<string, unknown>;
  /** Position of a key path in the rule file (computed lazily: only diagnostics need it). */
  locate(path: KeyPath): Location;
}
