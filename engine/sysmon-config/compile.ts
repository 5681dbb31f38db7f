/**
 * SysmonConfig → per event id, the blocks to try in Sysmon's order, with every condition compiled
 * once. Order (SysmonCommon rules.c, `BackwardFillEventList`): all `onmatch="exclude"` blocks
 * before all `onmatch="include"` blocks, each group in reverse document order; the first block
 * that matches decides.
 */
import type { Location } from '../diagnostics.js';
import { compileCondition, type ConditionTest } from './conditions.js';
import { SYSMON_EVENT_TYPES, eventTypeById, eventTypesForTag, type SysmonEventType } from './event-types.js';
import type { FieldCondition, FilterBlock, Relation, SysmonConfig } from './model.js';

export interface CompiledCheck {
  field: string;
  /** The field's slot in the per-event value cache (one slot per distinct field name of the config). */
  slot: number;
  /**
   * By event id: whether the condition can see this event type's field. Sysmon addresses a field
   * by its position in the block's type, so a sibling type (RegistryEvent 12/13/14, ...) qualifies
   * only when it has the same field at that position.
   */
  applies: readonly boolean[];
  test: ConditionTest;
  name: string | undefined;
  where: Location;
}

export type CompiledEntry =
  | { kind: 'field'; check: CompiledCheck; laterSameField: boolean }
  | { kind: 'rule'; relation: Relation; checks: CompiledCheck[] };

export interface CompiledBlock {
  block: FilterBlock;
  /** The type the block was built for (see FilterBlock.eventId). */
  type: SysmonEventType;
  entries: CompiledEntry[];
}

export interface CompiledConfig {
  config: SysmonConfig;
  /** Blocks per event id in evaluation order; ids whose tag has no block are absent. */
  blocksByEventId: ReadonlyMap<number, readonly CompiledBlock[]>;
  /** Number of distinct field names the conditions use (the size of the per-event cache). */
  slotCount: number;
}

/** Field name → cache slot, shared by all blocks of one config. */
type Slots = Map<string, number>;

function compileCheck(condition: FieldCondition, type: SysmonEventType, tag: string, slots: Slots): CompiledCheck {
  const index = type.fields.indexOf(condition.field);
  const applies: boolean[] = [];
  for (const sibling of eventTypesForTag(tag)) applies[sibling.id] = sibling.fields[index] === condition.field;
  let slot = slots.get(condition.field);
  if (slot === undefined) slots.set(condition.field, (slot = slots.size));
  return { field: condition.field, slot, applies, test: compileCondition(condition.condition, condition.value), name: condition.name, where: condition.where };
}

function compileBlock(block: FilterBlock, slots: Slots): CompiledBlock {
  const type = eventTypeById(block.eventId) as SysmonEventType;
  const check = (c: FieldCondition) => compileCheck(c, type, block.tag, slots);
  // An empty <Rule> puts no filter in Sysmon's rule blob, so it does not exist for matching.
  const live = block.entries.filter((e) => e.kind === 'field' || e.conditions.length > 0);
  const entries: CompiledEntry[] = live.map((entry, i) => {
    if (entry.kind === 'rule') return { kind: 'rule', relation: entry.relation, checks: entry.conditions.map(check) };
    // In an AND block a failed field is not final while a later top-level entry tests the same field.
    const laterSameField = live.slice(i + 1).some((e) => e.kind === 'field' && e.field === entry.field);
    return { kind: 'field', check: check(entry), laterSameField };
  });
  return { block, type, entries };
}

export function compileSysmonConfig(config: SysmonConfig): CompiledConfig {
  const slots: Slots = new Map();
  const compiled = config.blocks.map((block) => compileBlock(block, slots));
  const ordered = [
    ...compiled.filter((b) => b.block.onmatch === 'exclude').reverse(),
    ...compiled.filter((b) => b.block.onmatch === 'include').reverse(),
  ];
  const blocksByEventId = new Map<number, CompiledBlock[]>();
  for (const type of SYSMON_EVENT_TYPES) {
    const blocks = ordered.filter((b) => b.block.tag === type.ruleTag);
    if (blocks.length > 0) blocksByEventId.set(type.id, blocks);
  }
  return { config, blocksByEventId, slotCount: slots.size };
}
