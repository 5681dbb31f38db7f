/**
 * Sysmon XML configuration text → SysmonConfig + located diagnostics. Follows what Sysmon's own
 * loader (SysmonCommon xml.cpp) accepts: `<Sysmon schemaversion>`, top-level options, and every
 * rule-tag element anywhere under `<EventFiltering>`, taking relation and name from a `<RuleGroup>`
 * parent. A config with error diagnostics is one Sysmon would refuse to load; the returned config
 * then leaves out the broken blocks.
 */
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { RULE_TAGS } from './event-types.js';
import type { ConfigOption, FilterBlock, Relation, SysmonConfig } from './model.js';
import { at, parseBlock, parseRelation, ruleName } from './parse-block.js';
import { childElements, firstTextRun, parseXmlTree, type ConfigXmlElement } from './xml-tree.js';

export interface ParseConfigResult {
  /** Undefined only when the text is not a Sysmon config at all (bad XML, wrong root, bad version). */
  config: SysmonConfig | undefined;
  diagnostics: Diagnostic[];
}

/**
 * Top-level settings a config file may carry: the configuration options of the SysmonCommon
 * manifest plus the Windows-only ones from the Sysmon documentation.
 */
const KNOWN_OPTIONS = new Set([
  'ArchiveDirectory', 'CaptureClipboard', 'CheckRevocation', 'DnsLookup', 'DnsQuery', 'DriverName', 'FieldSizes',
  'HashAlgorithms', 'ImageLoad', 'NetworkConnect', 'PipeMonitoring', 'ProcessAccess',
  'CopyOnDeletePE', 'CopyOnDeleteSIDs', 'CopyOnDeleteExtensions', 'CopyOnDeleteProcesses',
]);

/** Options that add filter rules of their own (the -l/-n/-k/-g/-dns command-line era); not simulated. */
const RULE_OPTIONS = new Set(['ImageLoad', 'NetworkConnect', 'ProcessAccess', 'PipeMonitoring', 'DnsQuery']);

const TAGS = new Set(RULE_TAGS);

/** Sysmon rounds the version to two decimals (`4.5` → 4.50); NaN when it is no number. */
function parseSchemaVersion(raw: string): number {
  const value = Number.parseFloat(raw);
  return Number.isFinite(value) && value > 0 ? Math.round(value * 100) / 100 : Number.NaN;
}

function parseOption(element: ConfigXmlElement, file: string, diagnostics: Diagnostic[]): ConfigOption {
  // Sysmon also accepts the older `<ProcessAccessConfig>` spelling of an option.
  const name = element.name.endsWith('Config') && element.name.length > 6 ? element.name.slice(0, -6) : element.name;
  const where = at(file, element);
  if (!KNOWN_OPTIONS.has(name)) {
    diagnostics.push(diagnostic('warning', 'config-option', `unknown top-level option <${element.name}>`, where));
  } else if (RULE_OPTIONS.has(name)) {
    diagnostics.push(diagnostic('warning', 'config-option', `option <${element.name}> adds filter rules outside <EventFiltering>; the simulation does not apply them`, where));
  }
  return { name, value: firstTextRun(element), where };
}

interface WalkContext {
  file: string;
  defaultRelation: Relation;
  blocks: FilterBlock[];
  diagnostics: Diagnostic[];
}

/** Visit every element under `<EventFiltering>`: rule tags become blocks wherever they are. */
function walk(element: ConfigXmlElement, group: ConfigXmlElement | undefined, ctx: WalkContext): void {
  for (const child of childElements(element)) {
    if (TAGS.has(child.name)) {
      const relation = group ? parseRelation(group.attributes.groupRelation, ctx.defaultRelation) : ctx.defaultRelation;
      const groupName = group ? ruleName(group, undefined, ctx.file, []) : undefined;
      const block = parseBlock(child, { file: ctx.file, relation, groupName, diagnostics: ctx.diagnostics });
      if (block) ctx.blocks.push(block);
    } else if (child.name.toLowerCase() === 'rulegroup') {
      ruleName(child, undefined, ctx.file, ctx.diagnostics);
      walk(child, child, ctx);
    } else {
      ctx.diagnostics.push(diagnostic('warning', 'config-unknown-element', `<${child.name}> is neither a RuleGroup nor an event type; Sysmon ignores it (event types are case-sensitive: ${RULE_TAGS.slice(0, 3).join(', ')}, ...)`, at(ctx.file, child)));
      walk(child, undefined, ctx);
    }
  }
}

/**
 * With more than one block for an event type, Sysmon drops an event that matches none of them,
 * so several exclude blocks and no include block drop every event of that type.
 */
function warnAllExclude(blocks: FilterBlock[], diagnostics: Diagnostic[]): void {
  for (const tag of RULE_TAGS) {
    const mine = blocks.filter((b) => b.tag === tag);
    if (mine.length > 1 && mine.every((b) => b.onmatch === 'exclude')) {
      diagnostics.push(diagnostic('warning', 'config-exclude-only', `${mine.length} onmatch="exclude" blocks for ${tag} and no include block: Sysmon then drops every ${tag} event that no block matches, i.e. all of them`, mine[1].where));
    }
  }
}

export function parseSysmonConfig(text: string, file: string): ParseConfigResult {
  const tree = parseXmlTree(text, file);
  if ('error' in tree) return { config: undefined, diagnostics: [tree.error] };
  const root = tree.root;
  const diagnostics: Diagnostic[] = [];
  if (root.name !== 'Sysmon') {
    diagnostics.push(diagnostic('error', 'config-root', `root element is <${root.name}>, expected <Sysmon>`, at(file, root)));
    return { config: undefined, diagnostics };
  }
  const schemaVersion = root.attributes.schemaversion;
  const schemaVersionNumber = parseSchemaVersion(schemaVersion ?? '');
  if (schemaVersion === undefined || Number.isNaN(schemaVersionNumber)) {
    const what = schemaVersion === undefined ? 'missing schemaversion attribute' : `invalid schemaversion '${schemaVersion}'`;
    diagnostics.push(diagnostic('error', 'config-schema-version', `${what} on <Sysmon>`, at(file, root)));
    return { config: undefined, diagnostics };
  }
  if (Math.floor(schemaVersionNumber) !== 4) {
    diagnostics.push(diagnostic('warning', 'config-schema-version', `schemaversion ${schemaVersion}: only 4.x configs are evaluated as documented`, at(file, root)));
  }
  // Sysmon combines the entries of an event element without a RuleGroup relation with AND since
  // schema 4.2 (RuleGroup's introduction) and with OR before, for backwards compatibility.
  const ctx: WalkContext = { file, defaultRelation: Math.round(schemaVersionNumber * 100) > 410 ? 'and' : 'or', blocks: [], diagnostics };
  const options: ConfigOption[] = [];
  for (const child of childElements(root)) {
    if (child.name === 'EventFiltering') walk(child, undefined, ctx);
    else options.push(parseOption(child, file, diagnostics));
  }
  warnAllExclude(ctx.blocks, diagnostics);
  diagnostics.sort((a, b) => (a.where.line ?? 0) - (b.where.line ?? 0) || (a.where.col ?? 0) - (b.where.col ?? 0));
  return { config: { file, schemaVersion, schemaVersionNumber, options, blocks: ctx.blocks }, diagnostics };
}
