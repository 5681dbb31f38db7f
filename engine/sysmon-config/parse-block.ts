/**
 * One event-type element of `<EventFiltering>` → a FilterBlock, checked as Sysmon checks it when
 * it loads a config (xml.cpp in SysmonCommon): known fields, known conditions, rule names of at
 * most 255 characters, onmatch (or the old `default`) present. Problems are located diagnostics.
 */
import { diagnostic, type Diagnostic, type Location } from '../diagnostics.js';
import { DEFAULT_CONDITION, FILTER_CONDITIONS, eventTypesForTag } from './event-types.js';
import type { BlockEntry, ConditionName, FieldCondition, FilterBlock, OnMatch, Relation } from './model.js';
import { childElements, firstTextRun, type ConfigXmlElement } from './xml-tree.js';

/** Sysmon's RULE_FILTER.Name holds 255 characters and a terminator. */
const MAX_RULE_NAME = 255;

export interface BlockContext {
  file: string;
  /** Relation of entries directly under the event element (from the RuleGroup or the schema). */
  relation: Relation;
  groupName: string | undefined;
  diagnostics: Diagnostic[];
}

export function at(file: string, element: ConfigXmlElement): Location {
  return { file, line: element.line, col: element.col };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** `groupRelation`: "or" (any case) is OR, any other non-empty value AND, absent/empty `fallback`. */
export function parseRelation(value: string | undefined, fallback: Relation): Relation {
  if (value === undefined || value === '') return fallback;
  return value.toLowerCase() === 'or' ? 'or' : 'and';
}

function parseOnMatch(element: ConfigXmlElement, ctx: BlockContext, typeDefault: OnMatch): OnMatch | undefined {
  const { onmatch, default: dflt } = element.attributes;
  const where = at(ctx.file, element);
  if (onmatch !== undefined && dflt !== undefined) {
    ctx.diagnostics.push(diagnostic('error', 'config-onmatch', `<${element.name}> has both onmatch and default; Sysmon accepts only one`, where));
    return undefined;
  }
  if (onmatch === undefined && dflt === undefined) {
    ctx.diagnostics.push(diagnostic('error', 'config-onmatch', `<${element.name}> needs an onmatch attribute ("include" or "exclude")`, where));
    return undefined;
  }
  const raw = (onmatch ?? dflt ?? '').toLowerCase();
  if (raw === 'include' || raw === 'exclude') {
    // The pre-4.x `default="include"` means: log unless a rule matches, i.e. onmatch="exclude".
    if (onmatch !== undefined) return raw;
    return raw === 'include' ? 'exclude' : 'include';
  }
  // Sysmon falls back to the type's own default for a value it does not know.
  const fallback: OnMatch = typeDefault === 'include' ? 'exclude' : 'include';
  ctx.diagnostics.push(diagnostic('warning', 'config-onmatch', `unknown ${onmatch !== undefined ? 'onmatch' : 'default'} value '${onmatch ?? dflt}'; Sysmon then uses the event type's default, which acts as onmatch="${fallback}"`, where));
  return fallback;
}

/** The element's own `name`, else the inherited one; an over-long name is reported where it is written. */
export function ruleName(element: ConfigXmlElement, inherited: string | undefined, file: string, diagnostics: Diagnostic[]): string | undefined {
  const own = nonEmpty(element.attributes.name);
  if (own !== undefined && own.length > MAX_RULE_NAME) {
    diagnostics.push(diagnostic('error', 'config-rule-name', `rule name of ${own.length} characters; Sysmon allows at most ${MAX_RULE_NAME}`, at(file, element)));
  }
  return own ?? inherited;
}

const CONDITIONS = new Map<string, ConditionName>(FILTER_CONDITIONS.map((c) => [c, c]));

function parseField(element: ConfigXmlElement, inheritedName: string | undefined, ctx: BlockContext): FieldCondition | undefined {
  const rawCondition = element.attributes.condition ?? DEFAULT_CONDITION;
  const condition = CONDITIONS.get(rawCondition.toLowerCase());
  if (condition === undefined) {
    ctx.diagnostics.push(diagnostic('error', 'config-condition', `unknown condition '${rawCondition}' on <${element.name}>; expected one of: ${FILTER_CONDITIONS.join(', ')}`, at(ctx.file, element)));
    return undefined;
  }
  return { kind: 'field', field: element.name, condition, value: firstTextRun(element), name: ruleName(element, inheritedName, ctx.file, ctx.diagnostics), where: at(ctx.file, element) };
}

function parseEntries(block: ConfigXmlElement, ctx: BlockContext): BlockEntry[] {
  const entries: BlockEntry[] = [];
  for (const child of childElements(block)) {
    if (child.name.toLowerCase() !== 'rule') {
      const field = parseField(child, ctx.groupName, ctx);
      if (field) entries.push(field);
      continue;
    }
    // <Rule> without groupRelation is AND (RuleCombineDefault == RuleCombineAND in Sysmon).
    const relation = parseRelation(child.attributes.groupRelation, 'and');
    const name = ruleName(child, ctx.groupName, ctx.file, ctx.diagnostics);
    const conditions: FieldCondition[] = [];
    for (const inner of childElements(child)) {
      if (inner.name.toLowerCase() === 'rule') {
        ctx.diagnostics.push(diagnostic('error', 'config-nested-rule', 'a <Rule> cannot contain another <Rule>', at(ctx.file, inner)));
        continue;
      }
      const field = parseField(inner, name, ctx);
      if (field) conditions.push(field);
    }
    entries.push({ kind: 'rule', relation, name, conditions, where: at(ctx.file, child) });
  }
  return entries;
}

function fieldsOf(entries: BlockEntry[]): FieldCondition[] {
  return entries.flatMap((e) => (e.kind === 'field' ? [e] : e.conditions));
}

/**
 * The event type Sysmon builds the block for: the first type of the tag (in manifest order) that
 * has every field named. Field names are case-sensitive, as in Sysmon.
 */
function resolveEventId(block: ConfigXmlElement, entries: BlockEntry[], ctx: BlockContext): number | undefined {
  const types = eventTypesForTag(block.name);
  const fields = fieldsOf(entries);
  const fit = types.find((type) => fields.every((f) => type.fields.includes(f.field)));
  if (fit) return fit.id;
  const known = new Set(types.flatMap((type) => type.fields));
  const unknown = fields.filter((f) => !known.has(f.field));
  for (const f of unknown) {
    ctx.diagnostics.push(diagnostic('error', 'config-field', `incorrect field <${f.field}> for ${block.name}; its fields are: ${[...known].join(', ')}`, f.where));
  }
  if (unknown.length === 0) {
    const names = [...new Set(fields.map((f) => f.field))].join(', ');
    ctx.diagnostics.push(diagnostic('error', 'config-field', `no single ${block.name} event type (${types.map((t) => t.id).join(', ')}) has all of the fields ${names}`, at(ctx.file, block)));
  }
  return undefined;
}

export function parseBlock(element: ConfigXmlElement, ctx: BlockContext): FilterBlock | undefined {
  const types = eventTypesForTag(element.name);
  const onmatch = parseOnMatch(element, ctx, types[0]?.ruleDefault ?? 'exclude');
  const entries = parseEntries(element, ctx);
  const eventId = resolveEventId(element, entries, ctx);
  if (onmatch === undefined || eventId === undefined) return undefined;
  return { tag: element.name, eventId, onmatch, relation: ctx.relation, groupName: ctx.groupName, entries, where: at(ctx.file, element) };
}
