/**
 * Group and join keys: the values of a list of fields read from a hit, joined into one string.
 * A detection hit is read from its event; an inner correlation hit from its group values (chaining).
 */
import { ownField } from '../event.js';
import type { Hit } from '../hit.js';
import type { CorrelationRule } from '../sigma/correlation/model.js';

const SEPARATOR = '\u001f';

export function fieldValue(hit: Hit, field: string): string | undefined {
  const value = ownField(hit.kind === 'detection' ? hit.event : hit.correlation.group, field);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The key of `hit` over `fields`; '' for no fields (one global group); undefined when a field is missing. */
export function keyOf(hit: Hit, fields: readonly string[]): string | undefined {
  if (fields.length === 1) return fieldValue(hit, fields[0]);
  let key = '';
  for (let i = 0; i < fields.length; i++) {
    const value = fieldValue(hit, fields[i]);
    if (value === undefined) return undefined;
    key = i === 0 ? value : key + SEPARATOR + value;
  }
  return key;
}

/** The group-by fields a correlation reads from the hits of each reference (aliases applied), aligned with `rule.rules`. */
export function groupFieldsOf(rule: Pick<CorrelationRule, 'rules' | 'groupBy' | 'aliases'>): string[][] {
  return rule.rules.map((ref) => rule.groupBy.map((field) => rule.aliases[field]?.[ref] ?? field));
}

/** The key's values by field name, for the hit's `group`. */
export function keyValues(key: string, fields: readonly string[]): Record<string, string> {
  if (fields.length === 1) return { [fields[0]]: key };
  const values = key.split(SEPARATOR);
  return Object.fromEntries(fields.map((field, i) => [field, values[i]]));
}

/** Sysmon process GUID fields: the state keyed by them ends with the process (ProcessTerminate). */
const isGuidField = (field: string): boolean => field.endsWith('ProcessGuid');

/**
 * Finds the states whose key holds a given ProcessGuid. A one-field key is its own index; keys of
 * several fields with a GUID among them are indexed on the side (only those stores pay for it).
 */
export class GuidIndex {
  private readonly slots: number[];
  private readonly single: boolean;
  private readonly index = new Map<string, Set<string>>();

  /** `fieldSets`: every list of key fields the store reads (per referenced rule or per step). */
  constructor(fieldSets: ReadonlyArray<readonly string[]>) {
    const width = fieldSets[0]?.length ?? 0;
    this.slots = [];
    for (let i = 0; i < width; i++) if (fieldSets.some((fields) => isGuidField(fields[i]))) this.slots.push(i);
    this.single = width === 1;
  }

  get active(): boolean {
    return this.slots.length > 0;
  }

  add(key: string): void {
    if (this.single || !this.active) return;
    for (const guid of this.guidsOf(key)) {
      let keys = this.index.get(guid);
      if (!keys) this.index.set(guid, (keys = new Set()));
      keys.add(key);
    }
  }

  remove(key: string): void {
    if (this.single || !this.active) return;
    for (const guid of this.guidsOf(key)) {
      const keys = this.index.get(guid);
      keys?.delete(key);
      if (keys?.size === 0) this.index.delete(guid);
    }
  }

  keysFor(guid: string): string[] {
    if (!this.active) return [];
    if (this.single) return [guid];
    return [...(this.index.get(guid) ?? [])];
  }

  private guidsOf(key: string): string[] {
    const values = key.split(SEPARATOR);
    return this.slots.map((slot) => values[slot]);
  }
}
