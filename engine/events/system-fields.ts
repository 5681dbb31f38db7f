/**
 * One name per field whatever the reader (issue 12.5, docs/inputs.md "Field names"): System
 * attributes spelled as Windows spells them, and what happens when an EventData (or UserData)
 * field has the name of a System field, as Sysmon event 4's `Version` does. Both values are kept.
 */

/** Attribute spellings of other writers → Windows' (Sysmon for Linux writes `<Security UserId=…>`). */
const ATTRIBUTE_SPELLINGS = new Map([['UserId', 'UserID']]);

export function systemAttributeName(attribute: string): string {
  return ATTRIBUTE_SPELLINGS.get(attribute) ?? attribute;
}

/** Flattened System field names that an event's own data may also use. */
export const SYSTEM_FIELD_NAMES: ReadonlySet<string> = new Set([
  'EventID', 'Version', 'Level', 'Task', 'Opcode', 'Keywords', 'EventRecordID', 'Channel', 'Computer', '@timestamp',
]);

/** System fields the pipeline itself reads (routing, partitioning, event time): they keep their name. */
const PINNED = new Set(['EventID', 'Channel', 'Computer', '@timestamp']);

/**
 * The two names of a clash on `name`: usually the data field keeps it (rules on Sysmon's own
 * fields mean the data) and System's becomes `System_<name>`; a field the pipeline reads stays
 * System's and the data one becomes `EventData_<name>`.
 */
export function clashNames(name: string): { system: string; data: string } {
  return PINNED.has(name) ? { system: name, data: `EventData_${name}` } : { system: `System_${name}`, data: name };
}
