/**
 * Would Sysmon log this event under this config, and with which RuleName? A faithful model of
 * SysmonCommon rules.c (`FilterEventRules`, `MatchFilterGroup`, `CombineGroupDone`):
 * - event types without a rule tag (4, 16, 255) are always logged;
 * - a type with no block uses its default (only ProcessCreate and ProcessTerminate log);
 * - blocks are tried in CompiledConfig order and the first that matches decides (its onmatch);
 *   when none matches, a lone block gives the opposite of its onmatch, several blocks exclude;
 * - in a block, AND stops at the first failing entry, OR at the first matching one; in an AND
 *   block, top-level conditions on the same field are OR-ed (a matched field is not re-tested and
 *   a failed one is final only when no later top-level condition tests that field);
 * - a condition on a field the event's type does not have at that position never matches (how
 *   RegistryEvent/PipeEvent/WmiEvent blocks apply to their sibling types);
 * - RuleName is the name of the last matching condition that has one (own, Rule's or RuleGroup's),
 *   carried across blocks of the same event as Sysmon does, and empty on a default verdict.
 */
import type { Location } from '../diagnostics.js';
import { ownField, type NormalizedEvent } from '../event.js';
import type { CompiledBlock, CompiledCheck, CompiledConfig, CompiledEntry } from './compile.js';
import { fold } from './conditions.js';
import { SYSMON_CHANNELS, eventTypeById } from './event-types.js';
import type { OnMatch, Relation } from './model.js';

export type VerdictReason =
  /** A block matched: `block` says which. */
  | 'matched'
  /** No block matched, or the type has none: the default applied. */
  | 'default'
  /** Event types 4, 16 and 255, which no config can filter. */
  | 'unfiltered'
  /** Not a Sysmon event (another channel): the config has no say. */
  | 'not-sysmon'
  /** A Sysmon channel event whose EventID is no known Sysmon type. */
  | 'unknown-type';

export interface Verdict {
  /** `include`: Sysmon logs the event; `exclude`: it drops it. */
  decision: OnMatch;
  /** The RuleName Sysmon writes; undefined when it writes none (`-`). */
  ruleName: string | undefined;
  reason: VerdictReason;
  /** The deciding block's location when `reason` is `matched`. */
  block?: Location;
  /** The last condition that matched in the deciding block (the one that completed the match). */
  condition?: Location;
}

/** Marks a cache slot whose field has not been read from the event yet. */
const UNREAD = Symbol('unread');

/**
 * Per-event state: the RuleName register, the folded field values (each field read and folded
 * once, by slot), and which fields matched in the block being evaluated (stamped per block).
 */
interface EventState {
  event: NormalizedEvent;
  typeId: number;
  ruleName: string | undefined;
  lastMatch: Location | undefined;
  values: Array<string | undefined | typeof UNREAD>;
  matchedIn: Int32Array;
  blockStamp: number;
}

function fieldValue(state: EventState, check: CompiledCheck): string | undefined {
  const cached = state.values[check.slot];
  if (cached !== UNREAD) return cached;
  const raw = ownField(state.event, check.field);
  // A field missing from the input is treated as one no condition matches (see README).
  const value = raw === undefined || raw === null ? undefined : fold(typeof raw === 'string' ? raw : String(raw));
  state.values[check.slot] = value;
  return value;
}

function test(state: EventState, check: CompiledCheck): boolean {
  if (!check.applies[state.typeId]) return false;
  const value = fieldValue(state, check);
  if (value === undefined || !check.test(value)) return false;
  if (check.name !== undefined) state.ruleName = check.name;
  state.lastMatch = check.where;
  return true;
}

function matchRule(state: EventState, relation: Relation, checks: CompiledCheck[]): boolean {
  for (const check of checks) {
    const matched = test(state, check);
    if (relation === 'or' && matched) return true;
    if (relation === 'and' && !matched) return false;
  }
  return relation === 'and';
}

function matchEntries(state: EventState, relation: Relation, entries: CompiledEntry[]): boolean {
  // Fields that matched in this block are not tested again (Sysmon's per-group field bitmask).
  const stamp = ++state.blockStamp;
  for (const entry of entries) {
    let matched: boolean;
    if (entry.kind === 'rule') {
      matched = matchRule(state, entry.relation, entry.checks);
    } else {
      if (state.matchedIn[entry.check.slot] === stamp) continue;
      matched = test(state, entry.check);
      if (matched) state.matchedIn[entry.check.slot] = stamp;
      else if (relation === 'and' && entry.laterSameField) continue;
    }
    if (relation === 'or' && matched) return true;
    if (relation === 'and' && !matched) return false;
  }
  return relation === 'and';
}

function matchBlock(state: EventState, block: CompiledBlock): boolean {
  // A block without conditions matches nothing.
  if (block.entries.length === 0) return false;
  return matchEntries(state, block.block.relation, block.entries);
}

function isSysmonEvent(event: NormalizedEvent): boolean {
  const channel = event.Channel;
  return typeof channel !== 'string' || SYSMON_CHANNELS.includes(channel);
}

export function evaluateEvent(compiled: CompiledConfig, event: NormalizedEvent): Verdict {
  if (!isSysmonEvent(event)) return { decision: 'include', ruleName: undefined, reason: 'not-sysmon' };
  const type = typeof event.EventID === 'number' ? eventTypeById(event.EventID) : undefined;
  if (!type) return { decision: 'include', ruleName: undefined, reason: 'unknown-type' };
  if (type.ruleDefault === null) return { decision: 'include', ruleName: undefined, reason: 'unfiltered' };
  const blocks = compiled.blocksByEventId.get(type.id);
  if (!blocks) return { decision: type.ruleDefault, ruleName: undefined, reason: 'default' };
  const state: EventState = {
    event, typeId: type.id, ruleName: undefined, lastMatch: undefined,
    values: new Array(compiled.slotCount).fill(UNREAD), matchedIn: new Int32Array(compiled.slotCount), blockStamp: 0,
  };
  for (const block of blocks) {
    if (matchBlock(state, block)) return { decision: block.block.onmatch, ruleName: state.ruleName, reason: 'matched', block: block.block.where, condition: state.lastMatch };
  }
  const decision: OnMatch = blocks.length === 1 ? (blocks[0].block.onmatch === 'include' ? 'exclude' : 'include') : 'exclude';
  return { decision, ruleName: undefined, reason: 'default' };
}
