/**
 * Known false positives for benign-log mode, in SigmaHQ's known-FPs.csv form:
 * a header `RuleId;RuleName;MatchString`, then one row per allowed (rule, event) pair. A row allows a
 * hit when its RuleId is the hit's rule id (or `*`) and its MatchString occurs, case-insensitively, in
 * the JSON text of an event behind the hit. RuleName is for the reader only.
 */
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { PROVENANCE_KEY } from '../event.js';
import type { Hit } from '../hit.js';

export interface AllowEntry {
  ruleId: string;
  ruleName: string;
  matchString: string;
  line: number;
}

export function parseAllowList(file: string, text: string): { entries: AllowEntry[]; diagnostics: Diagnostic[] } {
  const entries: AllowEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '' || raw.startsWith('#')) return;
    const fields = raw.split(';');
    if (line === 1 && fields[0].trim().toLowerCase() === 'ruleid') return;
    if (fields.length < 3) {
      diagnostics.push(diagnostic('error', 'allow-list-row', 'expected RuleId;RuleName;MatchString', { file, line, col: 1 }));
      return;
    }
    // A MatchString may itself contain ';': everything after the second separator belongs to it.
    const [ruleId, ruleName, ...rest] = fields;
    const matchString = rest.join(';');
    if (matchString === '') {
      diagnostics.push(diagnostic('error', 'allow-list-row', 'empty MatchString would allow every hit of the rule', { file, line, col: ruleId.length + ruleName.length + 3 }));
      return;
    }
    entries.push({ ruleId: ruleId.trim(), ruleName: ruleName.trim(), matchString, line });
  });
  return { entries, diagnostics };
}

function eventTexts(hit: Hit): string[] {
  if (hit.kind === 'detection') {
    const { [PROVENANCE_KEY]: _source, ...event } = hit.event;
    return [JSON.stringify(event).toLowerCase()];
  }
  return hit.hits.flatMap(eventTexts);
}

/** The allow-list row that covers this hit, if any. */
export function allowedBy(entries: readonly AllowEntry[], hit: Hit): AllowEntry | undefined {
  const id = hit.rule.id?.toLowerCase();
  const candidates = entries.filter((e) => e.ruleId === '*' || e.ruleId.toLowerCase() === id);
  if (candidates.length === 0) return undefined;
  const texts = eventTexts(hit);
  return candidates.find((e) => {
    // Match against the JSON text, so a backslash in a path is written once in the CSV but twice in JSON.
    const needle = JSON.stringify(e.matchString).slice(1, -1).toLowerCase();
    return texts.some((t) => t.includes(needle));
  });
}
