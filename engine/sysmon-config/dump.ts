/**
 * A parsed config printed the way Sysmon prints the rules it loaded (`sysmon -c`, SysmonCommon
 * xml.cpp), so a parse can be compared line for line with the real binary's own dump (the
 * SysmonForLinux rulestest baselines). Blocks appear by event type, then in document order.
 */
import { RULE_TAGS, eventTypesForTag } from './event-types.js';
import type { BlockEntry, FieldCondition, FilterBlock, SysmonConfig } from './model.js';

/** Sysmon prints at most this much of a compound rule's name. */
const COMPOUND_NAME_WIDTH = 32;

const capitalized = (relation: string) => relation[0].toUpperCase() + relation.slice(1);

function fieldLine(condition: FieldCondition, indent: string): string {
  return `\t${indent}${condition.field.padEnd(30)} filter: ${condition.condition.padEnd(12)} value: '${condition.value}'`;
}

function fieldsIn(entry: BlockEntry): FieldCondition[] {
  return entry.kind === 'field' ? [entry] : entry.conditions;
}

/**
 * Sysmon numbers every <Rule> as it builds blocks, including on the attempts it abandons when a
 * shared tag (RegistryEvent, ...) is tried against a sibling type that lacks one of the fields;
 * an unnamed compound rule is printed by that number.
 */
function abandonedAttempts(block: FilterBlock): number {
  let count = 0;
  for (const type of eventTypesForTag(block.tag)) {
    if (type.id === block.eventId) break;
    for (const entry of block.entries) {
      if (entry.kind === 'rule') count++;
      if (fieldsIn(entry).some((f) => !type.fields.includes(f.field))) break;
    }
  }
  return count;
}

export function dumpSysmonConfig(config: SysmonConfig): string {
  const lines = [`Rule configuration (version ${config.schemaVersionNumber.toFixed(2)}):`];
  let ruleNumber = 0;
  for (const tag of RULE_TAGS) {
    for (const block of config.blocks.filter((b) => b.tag === tag)) {
      ruleNumber += abandonedAttempts(block);
      lines.push(` - ${block.tag.padEnd(34)} onmatch: ${block.onmatch.padEnd(9)} combine rules using '${capitalized(block.relation)}'`);
      for (const entry of block.entries) {
        if (entry.kind === 'field') {
          lines.push(fieldLine(entry, ''));
          continue;
        }
        ruleNumber++;
        if (entry.conditions.length === 0) continue;
        const label = entry.name !== undefined ? entry.name.slice(0, COMPOUND_NAME_WIDTH) : String(ruleNumber).padStart(4, '0');
        lines.push(`\tCompound Rule ${label}   combine using ${capitalized(entry.relation)}`);
        for (const condition of entry.conditions) lines.push(fieldLine(condition, '    '));
      }
    }
  }
  return lines.join('\n');
}
