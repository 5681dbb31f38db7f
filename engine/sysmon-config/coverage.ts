/**
 * What a config logs, per event type, at a glance: which blocks filter the type, how many
 * conditions can see its fields, and what that means for an event no condition matches.
 */
import type { CompiledBlock, CompiledCheck, CompiledConfig } from './compile.js';
import { SYSMON_EVENT_TYPES } from './event-types.js';

export interface EventTypeCoverage {
  id: number;
  tag: string;
  includeBlocks: number;
  excludeBlocks: number;
  /** Conditions that can match this type (a shared tag's conditions on fields the type lacks do not count). */
  conditions: number;
  /** `all`, `none`, `all-but-excluded`, `only-included` (minus excluded where both exist). */
  logs: 'all' | 'none' | 'all-but-excluded' | 'only-included';
}

function checksOf(block: CompiledBlock): CompiledCheck[] {
  return block.entries.flatMap((e) => (e.kind === 'field' ? [e.check] : e.checks));
}

export function configCoverage(compiled: CompiledConfig): EventTypeCoverage[] {
  const out: EventTypeCoverage[] = [];
  for (const type of SYSMON_EVENT_TYPES) {
    if (type.ruleTag === null) continue;
    const blocks = compiled.blocksByEventId.get(type.id) ?? [];
    const live = (b: CompiledBlock) => checksOf(b).some((c) => c.applies[type.id]);
    const include = blocks.filter((b) => b.block.onmatch === 'include');
    const conditions = blocks.flatMap(checksOf).filter((c) => c.applies[type.id]).length;
    let logs: EventTypeCoverage['logs'];
    if (blocks.length === 0) logs = type.ruleDefault === 'include' ? 'all' : 'none';
    else if (include.length > 0) logs = include.some(live) ? 'only-included' : 'none';
    else if (blocks.length > 1) logs = 'none';
    else logs = live(blocks[0]) ? 'all-but-excluded' : 'all';
    out.push({ id: type.id, tag: type.ruleTag, includeBlocks: include.length, excludeBlocks: blocks.length - include.length, conditions, logs });
  }
  return out;
}
