/**
 * Which correlations and sequences are host-local: every group they can form holds events of one
 * host only, so a consumer that sees all events of a host (a worker of `run --workers N`, a NATS
 * consumer of a partition: partition.ts shards by Computer) can evaluate them alone. The others
 * (grouped by User, by nothing, ...) need the base hits of every host re-keyed by their group.
 *
 * A key is host-local when one of its positions is, for every rule it reads, a host-local field:
 * the host itself (`Computer`) or an identifier minted on one host and unique across hosts
 * (Sysmon's process and logon GUIDs). A per-host counter such as `LogonId` or `ProcessId` is not:
 * the same value occurs on many hosts, and one group must join them. A rule over correlation hits
 * (chaining) is host-local only if the rules it reads are too.
 */
import type { ResolvedCorrelationRule } from '../sigma/correlation/model.js';
import { hitKeys } from '../sigma/correlation/model.js';
import type { ResolvedSequenceRule } from '../sigma/sequence/model.js';

export type Locality = 'host' | 'global';

type CorrelationOrSequence = ResolvedCorrelationRule | ResolvedSequenceRule;

/** The host field, and the GUID fields (compared without case: Sysmon spells `SourceProcessGUID`). */
export function isHostLocalField(field: string): boolean {
  const lower = field.toLowerCase();
  return lower === 'computer' || lower.endsWith('processguid') || lower === 'logonguid';
}

/**
 * Whether a key read as `fieldsPerSource[i]` from source i (positionally aligned, as group-by
 * aliases and sequence `by` lists are) has a position that is host-local for every source.
 */
export function isHostLocalKey(fieldsPerSource: ReadonlyArray<readonly string[]>): boolean {
  const width = fieldsPerSource[0]?.length ?? 0;
  for (let i = 0; i < width; i++) if (fieldsPerSource.every((fields) => fields[i] !== undefined && isHostLocalField(fields[i]))) return true;
  return false;
}

/** The key fields of each rule a correlation or sequence reads, and the hit keys of those rules. */
function keySources(rule: CorrelationOrSequence): { fields: string[][]; targets: string[] } {
  if (rule.kind === 'correlation') {
    const viaAlias = (field: string, ref: string) => rule.aliases[field]?.[ref] ?? field;
    return { fields: rule.rules.map((ref) => rule.groupBy.map((field) => viaAlias(field, ref))), targets: rule.targets };
  }
  const sources = [...rule.steps, ...(rule.until ? [rule.until] : [])];
  return { fields: sources.map((s) => s.by), targets: sources.map((s) => s.target) };
}

/** The locality of every correlation and sequence of a set, by rule. */
export function classifyLocality(set: { correlations: readonly ResolvedCorrelationRule[]; sequences: readonly ResolvedSequenceRule[] }): Map<CorrelationOrSequence, Locality> {
  const rules: CorrelationOrSequence[] = [...set.correlations, ...set.sequences];
  const byKey = new Map<string, CorrelationOrSequence>();
  for (const rule of rules) for (const key of hitKeys(rule)) byKey.set(key, rule);
  const result = new Map<CorrelationOrSequence, Locality>();
  // References are acyclic (resolve.ts drops cycles); `visiting` guards anyway.
  const visiting = new Set<CorrelationOrSequence>();
  const classify = (rule: CorrelationOrSequence): Locality => {
    const known = result.get(rule);
    if (known) return known;
    if (visiting.has(rule)) return 'global';
    visiting.add(rule);
    const { fields, targets } = keySources(rule);
    const innerLocal = targets.every((target) => {
      const inner = byKey.get(target);
      return inner === undefined || classify(inner) === 'host';
    });
    const locality: Locality = innerLocal && isHostLocalKey(fields) ? 'host' : 'global';
    visiting.delete(rule);
    result.set(rule, locality);
    return locality;
  };
  for (const rule of rules) classify(rule);
  return result;
}
