/** The rule-selection and event-filter flags of `run` (and of any verb that reads events), turned into library options. */
import { UsageError } from './args.js';
import { isLevel, LEVELS, SELECTION_CRITERIA, parseEventIds, parseTimeBound, type EventFilterOptions, type RuleSelection } from '../index.js';

export const filterOptions = {
  'min-level': { type: 'string' },
  level: { type: 'string', multiple: true },
  status: { type: 'string', multiple: true },
  tag: { type: 'string', multiple: true },
  tactic: { type: 'string', multiple: true },
  technique: { type: 'string', multiple: true },
  rule: { type: 'string', multiple: true },
  'exclude-rule': { type: 'string', multiple: true },
  eventid: { type: 'string', multiple: true },
  computer: { type: 'string', multiple: true },
  since: { type: 'string' },
  until: { type: 'string' },
} as const;

export const filterOptionsUsage = `rule selection (at load; lists may repeat the flag or use commas):
      --min-level LEVEL   rules at or above LEVEL (${LEVELS.join(', ')})
      --level LIST        rules of exactly these levels
      --status LIST       rules of these statuses (default: all but deprecated, unsupported)
      --tag LIST          rules with any of these tags (attack.t1059, cve.2021-44228, ...)
      --tactic LIST       rules tagged with these ATT&CK tactics (execution, persistence, ...)
      --technique LIST    rules tagged with these techniques (T1059 includes T1059.001)
      --rule PATTERN      only rules matching: id, name, title or a glob on the path (repeatable)
      --exclude-rule PAT  leave out rules matching PAT (same forms)
event filters (before evaluation):
      --eventid LIST      events with these EventIDs
      --computer LIST     events from these hosts (case-insensitive; * globs)
      --since TIME        events at or after TIME: ISO 8601 (UTC unless zoned) or a duration ago (2d, 90m)
      --until TIME        events before TIME (same forms)`;

type FilterFlags = { [K in keyof typeof filterOptions]?: (typeof filterOptions)[K] extends { multiple: true } ? string[] : string };

const list = (values: string[] | undefined) => values?.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');

function timeBound(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseTimeBound(text);
  if (ms === undefined) throw new UsageError(`--${flag}: '${text}' is neither an ISO 8601 time nor a duration`, 'e.g. 2024-05-01T10:00:00Z or 2d');
  return ms;
}

export function selectionFromFlags(flags: FilterFlags): RuleSelection {
  const minLevel = flags['min-level']?.toLowerCase();
  if (minLevel !== undefined && !isLevel(minLevel)) throw new UsageError(`--min-level: '${flags['min-level']}' is not a level`, `one of ${LEVELS.join(', ')}`);
  const levels = list(flags.level);
  const unknown = levels?.find((l) => !isLevel(l.toLowerCase()));
  if (unknown !== undefined) throw new UsageError(`--level: '${unknown}' is not a level`, `one of ${LEVELS.join(', ')}`);
  return {
    minLevel,
    levels,
    statuses: list(flags.status),
    tags: list(flags.tag),
    tactics: list(flags.tactic),
    techniques: list(flags.technique),
    include: flags.rule,
    exclude: flags['exclude-rule'],
  };
}

export function eventFilterFromFlags(flags: FilterFlags): EventFilterOptions {
  const ids = flags.eventid === undefined ? undefined : parseEventIds(flags.eventid);
  if (ids?.bad !== undefined) throw new UsageError(`--eventid: '${ids.bad}' is not an EventID`, 'a number, e.g. --eventid 1,3');
  return { eventIds: ids?.ids, computers: list(flags.computer), sinceMs: timeBound('since', flags.since), untilMs: timeBound('until', flags.until) };
}

/** Summary order: rule criteria as they are tried, then the event filters. */
const LEFT_OUT_ORDER: readonly string[] = [...SELECTION_CRITERIA, 'eventid', 'computer', 'since', 'until'];

/** One summary line part per filter that left something out: `status 12, min-level 300`. */
export function leftOutText(counts: Partial<Record<string, number>>): string {
  return Object.entries(counts)
    .filter(([, n]) => (n ?? 0) > 0)
    .sort(([a], [b]) => LEFT_OUT_ORDER.indexOf(a) - LEFT_OUT_ORDER.indexOf(b))
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');
}
