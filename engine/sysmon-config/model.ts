/**
 * A parsed Sysmon configuration: plain data, with the location of every element. The parser
 * (parse.ts) builds it, the compiler (compile.ts) turns it into predicates, `dump.ts` prints it.
 */
import type { Location } from '../diagnostics.js';
import type { FILTER_CONDITIONS } from './event-types.js';

export type ConditionName = (typeof FILTER_CONDITIONS)[number];
export type Relation = 'and' | 'or';
export type OnMatch = 'include' | 'exclude';

/** `<Image condition="end with" name="...">\cmd.exe</Image>`: one filter on one field. */
export interface FieldCondition {
  kind: 'field';
  field: string;
  condition: ConditionName;
  /** The text as Sysmon reads it (entities decoded, not trimmed). */
  value: string;
  /**
   * The name Sysmon reports when this condition matches: its own `name`, else the enclosing
   * `<Rule name>`, else the enclosing `<RuleGroup name>` (undefined when all are empty).
   */
  name: string | undefined;
  where: Location;
}

/**
 * `<Rule groupRelation="and" name="...">`: conditions combined among themselves (a compound rule).
 * An empty one is kept (Sysmon numbers it) but takes no part in matching.
 */
export interface CompoundRule {
  kind: 'rule';
  relation: Relation;
  name: string | undefined;
  conditions: FieldCondition[];
  where: Location;
}

export type BlockEntry = FieldCondition | CompoundRule;

/** One event-type element (`<ProcessCreate onmatch="include">`) with its entries. */
export interface FilterBlock {
  /** The element name, a rule tag: `ProcessCreate`, `RegistryEvent`, ... */
  tag: string;
  /**
   * The event type Sysmon built this block for: for tags shared by several types (RegistryEvent,
   * PipeEvent, WmiEvent) the first of them whose field list has every field the block names.
   */
  eventId: number;
  onmatch: OnMatch;
  /** How the top-level entries combine: the RuleGroup's groupRelation, else the schema default. */
  relation: Relation;
  groupName: string | undefined;
  entries: BlockEntry[];
  where: Location;
}

/** A top-level setting such as `<HashAlgorithms>md5,sha256</HashAlgorithms>`. */
export interface ConfigOption {
  name: string;
  value: string;
  where: Location;
}

export interface SysmonConfig {
  file: string;
  /** The `schemaversion` attribute as written. */
  schemaVersion: string;
  /** As Sysmon normalises it: rounded to two decimals (`4.5` is 4.50). */
  schemaVersionNumber: number;
  options: ConfigOption[];
  /** Every filter block in document order. */
  blocks: FilterBlock[];
}
