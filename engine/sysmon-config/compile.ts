/**
 * SysmonConfig → per event id, the blocks to try in Sysmon's order, with every condition compiled
 * once. Order (SysmonCommon rules.c, `BackwardFillEventList`): all `onmatch="exclude"` blocks
 * before all `onmatch="include"` blocks, each group in reverse document order; the first block
 * that matches decides.
 */
import type { Location } from '../diagnostics.js';
import { compileCondition, type ConditionTest } from './conditions.js';
import { SYSMON_EVENT_TYPES, eventTypeById, type SysmonEventType } from './event-types.js';
import type { FieldCondition, FilterBlock, Relation, SysmonConfig } from './model.js';

export interface CompiledCheck {
  field: string;
  /** Position of the field in the block's event type: how Sysmon finds it in a sibling type. */
  index: number;
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
}

function compileCheck(condition: FieldCondition, type: SysmonEventType): CompiledCheck {
  return { field: condition.field, index: type.fields.indexOf(condition.field), test: compileCondition(condition.condition, condition.value), name: condition.name, where: condition.where };
}

function compileBlock(block: FilterBlock): CompiledBlock {
  const type = eventTypeById(block.eventId) as SysmonEventType;
  // An empty <Rule> puts no filter in Sysmon's rule blob, so it does not exist for matching.
  const live = block.entries.filter((e) => e.kind === 'field' || e.conditions.length > 0);
  const entries: CompiledEntry[] = live.map((entry, i) => {
    if (entry.kind === 'rule') return { kind: 'rule', relation: entry.relation, checks: entry.conditions.map((c) => compileCheck(c, type)) };
    // In an AND block a failed field is not final while a later top-level entry tests the same field.
    const laterSameField = live.slice(i + 1).some((e) => e.kind === 'field' && e.field === entry.field);
    return { kind: 'field', check: compileCheck(entry, type), laterSameField };
  });
  return { block, type, entries };
}

export function compileSysmonConfig(config: SysmonConfig): CompiledConfig {
  const compiled = config.blocks.map(compileBlock);
  const ordered = [
    ...compiled.filter((b) => b.block.onmatch === 'exclude').reverse(),
    ...compiled.filter((b) => b.block.onmatch === 'include').reverse(),
  ];
  const blocksByEventId = new Map<number, CompiledBlock[]>();
  for (const type of SYSMON_EVENT_TYPES) {
    const blocks = ordered.filter((b) => b.block.tag === type.ruleTag);
    if (blocks.length > 0) blocksByEventId.set(type.id, blocks);
  }
  return { config, blocksByEventId };
}
