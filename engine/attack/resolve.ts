/**
 * A rule's tags (and the event's Sysmon RuleName) → the AttackInfo a hit carries: techniques and
 * tactics, and the groups and software a rule is tagged with. A RuleName names techniques by id,
 * or by their bare ATT&CK name (sysmon-modular writes `Windows Management Instrumentation`).
 *
 * Merging tag and RuleName techniques: one entry per resolved technique id (see addTechnique). When
 * both the rule's tags and the event's RuleName name the same technique, the entry keeps
 * `source: 'tag'` and lists `sources: ['tag', 'rulename']`, so neither origin is hidden and no id
 * appears twice.
 *
 * The hot path calls this once per hit: results are memoized per distinct (tags, RuleName) and are
 * frozen, shared by every hit with the same key. Consumers must copy before changing them.
 */
import type { NormalizedEvent } from '../event.js';
import type { AttackInfo, TacticRef, TechniqueRef } from '../hit.js';
import { onCatalogChange } from './catalog.js';
import { BoundedCache } from './bounded-cache.js';
import { parseAttackTag } from './tags.js';
import { parseRuleName } from './rulename.js';
import { resolveObject, resolveTechnique, tacticByShortname, techniqueIdByName } from './technique.js';
import { addTechnique, attackInfo, type AttackObjects } from './merge.js';

const memo = new BoundedCache<AttackInfo>(50_000);
/**
 * A rule passes the same tags array for each of its hits: look that array up by identity first, so
 * the hot path does not even join the tags. Tag arrays are taken to be immutable once passed here.
 */
let byArray = new WeakMap<readonly string[], BoundedCache<AttackInfo>>();
onCatalogChange(() => {
  memo.clear();
  byArray = new WeakMap();
});

/** Sysmon writes `-` when the matching config rule has no name. */
function usableRuleName(ruleName: string | undefined): string | undefined {
  return ruleName && ruleName !== '-' ? ruleName : undefined;
}

/** RuleName techniques: the ids it writes, else the technique it names (`Windows Management Instrumentation`). */
function ruleNameTechniques(ruleName: string): TechniqueRef[] {
  const found = parseRuleName(ruleName);
  if (found.length > 0) return found.map((f) => resolveTechnique(f.id, 'rulename', f.name));
  const id = techniqueIdByName(ruleName);
  return id ? [resolveTechnique(id, 'rulename')] : [];
}

function compute(tags: readonly string[], ruleName: string | undefined): AttackInfo {
  const techniques = new Map<string, TechniqueRef>();
  const tactics = new Map<string, TacticRef>();
  const objects: AttackObjects = { groups: new Map(), software: new Map() };
  for (const tag of tags) {
    const parsed = parseAttackTag(tag);
    if (parsed?.kind === 'technique') addTechnique(techniques, resolveTechnique(parsed.id, 'tag'));
    else if (parsed?.kind === 'tactic') {
      const tactic = tacticByShortname(parsed.shortname);
      if (tactic) tactics.set(parsed.shortname, tactic);
    } else if (parsed?.kind === 'group' || parsed?.kind === 'software') {
      objects[parsed.kind === 'group' ? 'groups' : 'software'].set(parsed.id, resolveObject(parsed.id));
    }
  }
  if (ruleName) for (const ref of ruleNameTechniques(ruleName)) addTechnique(techniques, ref);
  return attackInfo(techniques.values(), tactics.values(), objects);
}

/** ATT&CK techniques and tactics of a hit, resolved offline from the rule's tags and the event's RuleName. */
export function resolveAttack(tags: readonly string[], ruleName?: string): AttackInfo {
  const name = usableRuleName(ruleName) ?? '';
  let perArray = byArray.get(tags);
  const known = perArray?.get(name);
  if (known) return known;
  if (!perArray) byArray.set(tags, (perArray = new BoundedCache(1_000)));
  const key = `${tags.join('\n')}\n\u0000${name}`;
  return perArray.set(name, memo.get(key) ?? memo.set(key, compute(tags, name || undefined)));
}

/** resolveAttack for a hit on this event: the rule's tags plus the event's Sysmon `RuleName`, when it has one. */
export function resolveAttackForEvent(tags: readonly string[], event: NormalizedEvent | undefined): AttackInfo {
  const ruleName = event?.RuleName;
  return resolveAttack(tags, typeof ruleName === 'string' ? ruleName : undefined);
}
