/**
 * Where a correlation or sequence can be evaluated when events are partitioned by host
 * (partition.ts): a worker sees every event of its hosts and none of the others, so a rule whose
 * groups never span hosts is evaluated by the worker of the host ("host"); one grouped by a field
 * that spans hosts (User, DestinationIp, no group-by at all) needs its member hits re-keyed by the
 * group key onto the partition that owns the key ("rekeyed", pipeline/rekey.ts). What the
 * re-keying stage cannot do is "unsupported": it is evaluated per worker, over its hosts only.
 *
 * The one rule, for `run --workers`, NATS workers and `lint`: a key is host-local when, at some
 * position, every member rule's key field is `Computer` (the partition key) or a value unique to
 * one host: a Sysmon process GUID (`ProcessGuid`, `ParentProcessGuid`, `SourceProcessGUID`, ...)
 * or a `LogonGuid`. `ProcessId` alone is not (ids repeat across hosts); with `Computer` beside it,
 * `Computer` makes the key host-local.
 */
import type { Location } from '../diagnostics.js';
import type { CorrelationSet } from '../sigma/correlation/load.js';
import { hitKeys, ruleKey, type ResolvedCorrelationRule } from '../sigma/correlation/model.js';
import type { ResolvedSequenceRule } from '../sigma/sequence/model.js';
import { groupFieldsOf } from './keys.js';

export type Locality = 'host' | 'rekeyed' | 'unsupported';

export interface LocalityVerdict {
  locality: Locality;
  /** Why, in a few words, for `lint` and the worker's log. */
  reason: string;
}

/** Sysmon spells GUID fields both ways: `ProcessGuid` (most events), `SourceProcessGUID` (ProcessAccess). */
const HOST_UNIQUE = /(ProcessGuid|LogonGuid)$/i;

/** A field whose value names one host: the partition key or an identifier unique to one host. */
export function isHostLocalField(field: string): boolean {
  return field === 'Computer' || HOST_UNIQUE.test(field);
}

/** True when at some key position every member's field is host-local. */
export function isHostLocalKey(fieldsPerMember: ReadonlyArray<readonly string[]>): boolean {
  const width = fieldsPerMember[0]?.length ?? 0;
  for (let i = 0; i < width; i++) if (fieldsPerMember.every((fields) => isHostLocalField(fields[i]))) return true;
  return false;
}

/** The key fields each member rule (by hit key) is read with; a target read at two slots lists both. */
export function keyFieldsByTarget(rule: ResolvedCorrelationRule | ResolvedSequenceRule): Map<string, string[][]> {
  const members: Array<[target: string, fields: string[]]> =
    rule.kind === 'correlation'
      ? groupFieldsOf(rule).map((fields, slot) => [rule.targets[slot], fields])
      : [...rule.steps, ...(rule.until ? [rule.until] : [])].map((step) => [step.target, step.by]);
  const byTarget = new Map<string, string[][]>();
  for (const [target, fields] of members) byTarget.set(target, [...(byTarget.get(target) ?? []), fields]);
  return byTarget;
}

type RuleSet = Pick<CorrelationSet, 'correlations' | 'sequences'>;

/** The verdict for every correlation and sequence of `set`, by ruleKey. */
export function classifyLocality(set: RuleSet): Map<string, LocalityVerdict> {
  const verdicts = new Map<string, LocalityVerdict>();
  const rules = [...set.correlations, ...set.sequences];
  // Correlation and sequence rules by hit key, to find chaining (a correlation over another's hits).
  const byHitKey = new Map<string, ResolvedCorrelationRule | ResolvedSequenceRule>();
  for (const rule of rules) for (const key of hitKeys(rule)) byHitKey.set(key, rule);
  const verdictOf = (rule: ResolvedCorrelationRule | ResolvedSequenceRule, seen: Set<string>): LocalityVerdict => {
    const key = ruleKey(rule);
    const known = verdicts.get(key);
    if (known) return known;
    if (seen.has(key)) return { locality: 'unsupported', reason: 'references itself' };
    seen.add(key);
    const byTarget = keyFieldsByTarget(rule);
    const inner = [...byTarget.keys()].flatMap((target) => (byHitKey.has(target) ? [verdictOf(byHitKey.get(target)!, seen)] : []));
    const verdict = decide(rule, byTarget, inner);
    verdicts.set(key, verdict);
    return verdict;
  };
  for (const rule of rules) verdictOf(rule, new Set());
  return verdicts;
}

function decide(
  rule: ResolvedCorrelationRule | ResolvedSequenceRule,
  byTarget: Map<string, string[][]>,
  inner: LocalityVerdict[],
): LocalityVerdict {
  const what = rule.kind === 'correlation' ? 'group-by' : 'join key (by)';
  const keyIsLocal = isHostLocalKey([...byTarget.values()].flat());
  if (keyIsLocal && inner.every((v) => v.locality === 'host')) return { locality: 'host', reason: `${what} is host-local` };
  if (inner.some((v) => v.locality !== 'host')) return { locality: 'unsupported', reason: 'chains over a correlation that is not host-local' };
  const fields = rule.kind === 'correlation' ? rule.groupBy : (rule.steps[0]?.by ?? []);
  const shown = fields.length === 0 ? 'no group-by (one global group)' : `${what} ${fields.join(', ')} is not host-local`;
  // A hit is sent once, to the owner of its key: a rule read with two different keys cannot be.
  for (const fieldLists of byTarget.values()) {
    if (fieldLists.some((fields) => fields.join('\0') !== fieldLists[0].join('\0'))) {
      return { locality: 'unsupported', reason: `${shown}, and a member rule is read with two different keys` };
    }
  }
  return { locality: 'rekeyed', reason: shown };
}

/** `set` split by where its rules are evaluated (rules with no verdict count as host-local). */
export function splitByLocality(set: RuleSet): Record<Locality, RuleSet> {
  const verdicts = classifyLocality(set);
  const of = (rule: ResolvedCorrelationRule | ResolvedSequenceRule): Locality => verdicts.get(ruleKey(rule))?.locality ?? 'host';
  const part = (locality: Locality): RuleSet => ({
    correlations: set.correlations.filter((c) => of(c) === locality),
    sequences: set.sequences.filter((s) => of(s) === locality),
  });
  return { host: part('host'), rekeyed: part('rekeyed'), unsupported: part('unsupported') };
}

/** What a partitioned worker evaluates itself: the host-local rules and those the re-keying stage cannot take. */
export function workerRules(set: RuleSet): RuleSet {
  const { host, unsupported } = splitByLocality(set);
  return { correlations: [...host.correlations, ...unsupported.correlations], sequences: [...host.sequences, ...unsupported.sequences] };
}

/** A correlation or sequence that partitioned workers cannot evaluate per host (for `lint`). */
export interface LocalityNote {
  where: Location;
  title: string;
  locality: Exclude<Locality, 'host'>;
  reason: string;
}

/** The rules of `set` that are not host-local, in load order. */
export function localityNotes(set: RuleSet): LocalityNote[] {
  const verdicts = classifyLocality(set);
  return [...set.correlations, ...set.sequences].flatMap((rule) => {
    const verdict = verdicts.get(ruleKey(rule));
    if (!verdict || verdict.locality === 'host') return [];
    return [{ where: rule.where, title: rule.title, locality: verdict.locality, reason: verdict.reason }];
  });
}
