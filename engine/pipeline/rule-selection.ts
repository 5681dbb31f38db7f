/**
 * Rule selection at load (`run --min-level --level --status --tag --tactic --technique --rule
 * --exclude-rule`): which detection, correlation and sequence rules a run evaluates. Selection
 * happens before compiling, so a rule left out costs nothing per event. Each left-out rule is counted
 * under the first criterion that rejected it, so the summary can say what each filter did.
 */

import { levelRank, type Level } from '../sigma/levels.js';

/** What the selection reads of a rule: the metadata detection rules, correlations and sequences share. */
export interface SelectableRule {
  id?: string;
  name?: string;
  title: string;
  level?: string;
  status?: string;
  tags: readonly string[];
  /** Rule file path as loaded. */
  file: string;
}


/** Statuses a run leaves out unless `--status` names them (Sigma: not meant for production). */
export const DEFAULT_EXCLUDED_STATUSES: readonly string[] = ['deprecated', 'unsupported'];

export interface RuleSelection {
  /** Keep rules at or above this level (rules without a level are left out). */
  minLevel?: Level;
  /** Keep rules whose level is one of these. */
  levels?: readonly string[];
  /**
   * Keep rules whose status is one of these (a rule without a status then is left out). Without a
   * list, every rule is kept except those with one of DEFAULT_EXCLUDED_STATUSES.
   */
  statuses?: readonly string[];
  /** Keep rules carrying any of these tags (`attack.t1059`, `cve.2021-44228`, ...; case-insensitive). */
  tags?: readonly string[];
  /** Keep rules tagged with any of these ATT&CK tactics (`execution` or `attack.execution`). */
  tactics?: readonly string[];
  /** Keep rules tagged with any of these techniques (`T1059` also keeps its sub-techniques). */
  techniques?: readonly string[];
  /** Keep only rules matching one of these: id, name, title (case-insensitive) or a glob on the path. */
  include?: readonly string[];
  /** Leave out rules matching any of these (same forms as `include`). */
  exclude?: readonly string[];
}

/** The criteria, in the order they are tried; a left-out rule is counted under the first that failed. */
export const SELECTION_CRITERIA = ['status', 'min-level', 'level', 'tag', 'tactic', 'technique', 'rule', 'exclude-rule'] as const;
export type SelectionCriterion = (typeof SELECTION_CRITERIA)[number];

export interface SelectionResult<R> {
  kept: R[];
  /** Rules left out, by the criterion that rejected them first. */
  leftOut: Partial<Record<SelectionCriterion, number>>;
}

const lower = (list: readonly string[] | undefined) => list?.map((s) => s.toLowerCase());

/** A glob on a path: `**` any depth, `*` within one segment, `?` one character. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      source += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^(?:.*/)?${source}$`, 'i');
}

/** One `--rule` / `--exclude-rule` pattern: an id, name, title (exact, case-insensitive) or a path glob. */
function rulePattern(pattern: string): (rule: SelectableRule) => boolean {
  const text = pattern.toLowerCase();
  const glob = /[*?/]/.test(pattern) ? globToRegExp(pattern) : undefined;
  return (rule) =>
    rule.id?.toLowerCase() === text ||
    rule.name?.toLowerCase() === text ||
    rule.title.toLowerCase() === text ||
    (glob !== undefined && glob.test(rule.file.replaceAll('\\', '/')));
}

/** A predicate per criterion that is set; each returns true when the rule passes it. */
function criteria(selection: RuleSelection): Array<[SelectionCriterion, (rule: SelectableRule) => boolean]> {
  const out: Array<[SelectionCriterion, (rule: SelectableRule) => boolean]> = [];
  const statuses = lower(selection.statuses);
  out.push([
    'status',
    statuses
      ? (r) => statuses.includes((r.status ?? '').toLowerCase())
      : (r) => !DEFAULT_EXCLUDED_STATUSES.includes((r.status ?? '').toLowerCase()),
  ]);
  if (selection.minLevel) {
    const min = levelRank(selection.minLevel);
    out.push(['min-level', (r) => levelRank(r.level) >= min]);
  }
  const levels = lower(selection.levels);
  if (levels) out.push(['level', (r) => levels.includes((r.level ?? '').toLowerCase())]);
  const tags = lower(selection.tags);
  if (tags) out.push(['tag', (r) => r.tags.some((t) => tags.includes(t.toLowerCase()))]);
  const tactics = lower(selection.tactics)?.map((t) => (t.startsWith('attack.') ? t : `attack.${t}`).replaceAll(' ', '-').replaceAll('_', '-'));
  if (tactics) out.push(['tactic', (r) => r.tags.some((t) => tactics.includes(t.toLowerCase().replaceAll('_', '-')))]);
  const techniques = lower(selection.techniques)?.map((t) => (t.startsWith('attack.') ? t : `attack.${t}`));
  if (techniques) {
    // T1059 selects T1059.001 too; T1059.001 selects only itself.
    out.push(['technique', (r) => r.tags.some((tag) => techniques.some((t) => tag.toLowerCase() === t || tag.toLowerCase().startsWith(`${t}.`)))]);
  }
  if (selection.include && selection.include.length > 0) {
    const include = selection.include.map(rulePattern);
    out.push(['rule', (r) => include.some((p) => p(r))]);
  }
  if (selection.exclude && selection.exclude.length > 0) {
    const exclude = selection.exclude.map(rulePattern);
    out.push(['exclude-rule', (r) => !exclude.some((p) => p(r))]);
  }
  return out;
}

/** A predicate for one rule: the first criterion it fails, or undefined when it is selected. */
export function ruleSelector(selection: RuleSelection): (rule: SelectableRule) => SelectionCriterion | undefined {
  const checks = criteria(selection);
  return (rule) => {
    for (const [name, passes] of checks) if (!passes(rule)) return name;
    return undefined;
  };
}

/** Split rules into kept and left out (counted by criterion). */
export function selectRules<R extends SelectableRule>(rules: readonly R[], selection: RuleSelection): SelectionResult<R> {
  const failed = ruleSelector(selection);
  const result: SelectionResult<R> = { kept: [], leftOut: {} };
  for (const rule of rules) {
    const why = failed(rule);
    if (why === undefined) result.kept.push(rule);
    else result.leftOut[why] = (result.leftOut[why] ?? 0) + 1;
  }
  return result;
}
