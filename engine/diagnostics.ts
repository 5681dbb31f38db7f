/**
 * Errors are values with locations. Every stage (readers, rule loading, compilation, correlation)
 * reports problems as `Diagnostic` objects and keeps going; callers collect and print them.
 */

/** Where something is: a rule file position, or an input record. All fields optional but `file`. */
export interface Location {
  /** Rule file or input name (`-` for stdin). */
  file: string;
  /** 1-based line in the file (rule YAML line, NDJSON line, XML line). */
  line?: number;
  /** 1-based column. */
  col?: number;
  /** Record number for binary inputs (.evtx record id) or the n-th record of a stream. */
  record?: number;
  /** Path inside a rule document, e.g. `detection.selection.Image|endswith`. */
  path?: string;
}

export type Severity = 'error' | 'warning';

/** The stages that emit diagnostics, with the heading each has in docs/diagnostics.md. */
export const DIAGNOSTIC_STAGES = {
  'inputs': 'Inputs (readers)',
  'rule-files': 'Rule files (YAML and document shape)',
  'rules': 'Sigma rules (schema and semantics)',
  'correlations': 'Correlations and sequences',
  'attack': 'ATT&CK tags (lint)',
  'tests': 'Rule-pack tests (sigstream test)',
  'sysmon-config': 'Sysmon configurations',
  'state': 'State files and checkpoints (run --state)',
  'output': 'Hit output',
  'investigate': 'Investigation (search, stats, tree, report)',
  store: 'Event store (sigstream store, --store)',
} as const;

/** What the catalogue says of one code: who emits it, its usual severity and what it means, in one line. */
export interface DiagnosticInfo {
  stage: keyof typeof DIAGNOSTIC_STAGES;
  severity: Severity;
  meaning: string;
}

/**
 * The closed catalogue of every diagnostic code the engine can emit, grouped by the stage that emits
 * it. A code used anywhere must be here (the type below makes that a compile error), and
 * docs/diagnostics.md is generated from this table (`node scripts/diagnostics-doc.mjs`; a test checks
 * it is current). Where a code can come at either severity, the meaning says when it is a warning.
 */
export const DIAGNOSTICS = {
  'no-input': { stage: 'inputs', severity: 'error', meaning: 'an input path, directory or glob names no event file' },
  'unknown-format': { stage: 'inputs', severity: 'error', meaning: 'no reader recognises an input; give --format' },
  'unreadable-input': { stage: 'inputs', severity: 'error', meaning: 'an input cannot be opened' },
  'read-error': { stage: 'inputs', severity: 'error', meaning: 'an input failed while being read; what was read before stays' },
  'bad-json': { stage: 'inputs', severity: 'error', meaning: 'a JSON record is malformed; the record is skipped' },
  'truncated-json': { stage: 'inputs', severity: 'error', meaning: 'a JSON value is not closed before the next line or the end of input; skipped' },
  'line-too-long': { stage: 'inputs', severity: 'error', meaning: 'a line exceeds the line limit; skipped without being buffered' },
  'record-too-large': { stage: 'inputs', severity: 'error', meaning: 'a JSON value exceeds the record size limit; skipped' },
  'not-an-object': { stage: 'inputs', severity: 'error', meaning: 'a JSON record is not an object of a known shape; skipped' },
  'bad-record': { stage: 'inputs', severity: 'error', meaning: 'a JSON record of a known shape cannot become an event; skipped' },
  'bad-xml': { stage: 'inputs', severity: 'error', meaning: 'an XML event is malformed; skipped' },
  'too-deep': { stage: 'inputs', severity: 'error', meaning: 'an event nests elements (XML) or objects and arrays (JSON) more than 64 deep; skipped' },
  'unclosed-markup': { stage: 'inputs', severity: 'warning', meaning: 'an XML comment, CDATA section or processing instruction between events is never closed before the next <Event>; passed over' },
  'event-too-large': { stage: 'inputs', severity: 'error', meaning: 'XML text without an event end exceeds the size limit; skipped' },
  'truncated-event': { stage: 'inputs', severity: 'error', meaning: 'an event is cut before its end, before even its EventID; skipped' },
  'salvaged-event': { stage: 'inputs', severity: 'warning', meaning: 'an event is cut before its end; the fields complete before the cut are kept and the event is marked truncated in its provenance' },
  'repaired-xml': { stage: 'inputs', severity: 'warning', meaning: 'Sysmon for Linux wrote entity references without ";"; repaired and read' },
  'no-event': { stage: 'inputs', severity: 'warning', meaning: 'text that holds no event was ignored' },
  'map-syntax': { stage: 'inputs', severity: 'error', meaning: 'the JSONata --map expression does not compile' },
  'map-unreadable': { stage: 'inputs', severity: 'error', meaning: 'the JSONata --map file cannot be read' },
  'map-error': { stage: 'inputs', severity: 'error', meaning: 'the JSONata --map expression failed on a record; skipped' },
  'evtx-header': { stage: 'inputs', severity: 'error', meaning: 'the .evtx file header is unusable (error) or inconsistent but readable (warning)' },
  'evtx-chunk': { stage: 'inputs', severity: 'error', meaning: 'an .evtx chunk has no valid signature; its records are skipped' },
  'evtx-chunk-checksum': { stage: 'inputs', severity: 'warning', meaning: 'an .evtx chunk checksum does not match; its records are still read one by one' },
  'evtx-record': { stage: 'inputs', severity: 'error', meaning: 'an .evtx record is damaged; skipped, reading resumes at the next record' },
  'evtx-binxml': { stage: 'inputs', severity: 'error', meaning: 'an .evtx record\'s BinXML cannot be decoded; skipped' },
  'evtx-truncated': { stage: 'inputs', severity: 'error', meaning: 'an .evtx file ends inside a chunk (error when records are lost, warning after the last record)' },
  'evtx-wrapped': { stage: 'inputs', severity: 'warning', meaning: 'a circular .evtx log has wrapped; records come out in file order, not time order' },
  'unreadable': { stage: 'inputs', severity: 'error', meaning: 'a rule file or a hits input (for `attack`) cannot be read' },
  'not-a-hit': { stage: 'inputs', severity: 'error', meaning: 'a JSON line given as a hit is not a sigstream hit; skipped' },
  'no-such-path': { stage: 'rule-files', severity: 'error', meaning: 'a rules path does not exist' },
  'yaml-syntax': { stage: 'rule-files', severity: 'error', meaning: 'a rule file is not valid YAML' },
  'yaml-alias': { stage: 'rule-files', severity: 'error', meaning: 'YAML aliases expand to more than 100,000 nodes (an alias bomb) or form a cycle; the file is refused (rules, test files, placeholder files)' },
  'not-a-mapping': { stage: 'rule-files', severity: 'error', meaning: 'a rule document is not a YAML mapping' },
  'schema': { stage: 'rule-files', severity: 'error', meaning: 'a rule document does not match the Sigma rule schema' },
  'bad-placeholders': { stage: 'rule-files', severity: 'error', meaning: 'the --placeholders file is not a valid map of name to list of values' },
  'unresolved-placeholder': { stage: 'rule-files', severity: 'warning', meaning: 'an expand placeholder has no configured values; it matches nothing' },
  'bad-id': { stage: 'rules', severity: 'error', meaning: 'a rule id is not a UUID' },
  'bad-status': { stage: 'rules', severity: 'error', meaning: 'a rule status is not one of the Sigma statuses' },
  'bad-level': { stage: 'rules', severity: 'error', meaning: 'a rule level is not one of informational, low, medium, high, critical' },
  'bad-date': { stage: 'rules', severity: 'warning', meaning: 'a rule date is not YYYY-MM-DD' },
  'bad-tag': { stage: 'rules', severity: 'warning', meaning: 'a tag is not namespace.name in lowercase' },
  'bad-related': { stage: 'rules', severity: 'warning', meaning: 'a related entry has an unknown type' },
  'empty-logsource': { stage: 'rules', severity: 'error', meaning: 'a logsource names none of category, product, service' },
  'bad-detection': { stage: 'rules', severity: 'error', meaning: 'detection is not a map of search identifiers and a condition' },
  'empty-search': { stage: 'rules', severity: 'error', meaning: 'a search map has no field' },
  'bad-value': { stage: 'rules', severity: 'error', meaning: 'a detection value is a list or map where a scalar is needed' },
  'bad-keyword': { stage: 'rules', severity: 'error', meaning: 'a keyword is null or a boolean' },
  'unknown-modifier': { stage: 'rules', severity: 'error', meaning: 'a field names a modifier Sigma does not define' },
  'bad-modifier': { stage: 'rules', severity: 'error', meaning: 'a modifier chain or its value is invalid (e.g. a bad regex or cidr)' },
  'bad-condition': { stage: 'rules', severity: 'error', meaning: 'a condition does not parse or names an unknown search identifier' },
  'condition-too-deep': { stage: 'rules', severity: 'error', meaning: 'parentheses and \'not\' nest more than 100 deep in a condition; the rule is rejected' },
  'legacy-aggregation': { stage: 'rules', severity: 'error', meaning: 'a condition uses the deprecated pipe aggregation; write a correlation rule' },
  'bad-filter': { stage: 'rules', severity: 'error', meaning: 'a Sigma filter document is invalid' },
  'bad-action': { stage: 'rules', severity: 'error', meaning: 'a legacy collection action is invalid' },
  'unrouted': { stage: 'rules', severity: 'warning', meaning: 'a rule\'s logsource maps to no Sysmon event; it is loaded but never evaluated' },
  'missing-rules': { stage: 'correlations', severity: 'error', meaning: 'a correlation names no rules' },
  'correlation-schema': { stage: 'correlations', severity: 'error', meaning: 'a correlation document does not match the correlation schema' },
  'sequence-schema': { stage: 'correlations', severity: 'error', meaning: 'a sequence document does not match the sequence schema' },
  'missing-condition': { stage: 'correlations', severity: 'error', meaning: 'a correlation type that needs a condition has none' },
  'bad-timespan': { stage: 'correlations', severity: 'error', meaning: 'a timespan or maxspan is not a positive integer and a unit' },
  'bad-step': { stage: 'correlations', severity: 'error', meaning: 'a sequence step is invalid' },
  'bad-join-key': { stage: 'correlations', severity: 'error', meaning: 'a sequence join key does not fit its steps' },
  'unused-alias': { stage: 'correlations', severity: 'warning', meaning: 'a correlation alias is not used in group-by' },
  'unknown-rule-reference': { stage: 'correlations', severity: 'error', meaning: 'a correlation or sequence refers to a rule that is not loaded' },
  'invalid-rule-reference': { stage: 'correlations', severity: 'error', meaning: 'a correlation or sequence refers to a rule that was rejected' },
  'duplicate-rule-reference': { stage: 'correlations', severity: 'warning', meaning: 'a referenced id or name is used by more than one rule; the first is taken' },
  'reference-cycle': { stage: 'correlations', severity: 'error', meaning: 'correlations refer to each other in a cycle' },
  'bad-state': { stage: 'correlations', severity: 'error', meaning: 'a --state file cannot be read' },
  'state-rule-changed': { stage: 'correlations', severity: 'warning', meaning: 'a rule changed since the state was saved; its state is dropped' },
  'state-rule-gone': { stage: 'correlations', severity: 'warning', meaning: 'a rule in the saved state is no longer loaded; its state is dropped' },
  'state-schema': { stage: 'state', severity: 'error', meaning: 'a --state file is not valid JSON or does not match the state schema; the run is refused' },
  'state-unwritable': { stage: 'state', severity: 'error', meaning: 'the --state path cannot be written; found at start, before any input is read' },
  'state-input-changed': { stage: 'state', severity: 'warning', meaning: 'with --resume: an input is not the file the state covers (other inode, shrunk or rewritten); it is read from its start' },
  'output-failed': { stage: 'output', severity: 'error', meaning: 'hits cannot be written (no space, closed output, I/O error); the state is saved and the run ends with exit 74' },
  'attack-tag-unknown': { stage: 'attack', severity: 'warning', meaning: 'an attack.* tag names no ATT&CK technique, tactic, group or software' },
  'attack-tactic-legacy-form': { stage: 'attack', severity: 'warning', meaning: 'a tactic tag uses the Sigma 1.x underscore form' },
  'attack-revoked': { stage: 'attack', severity: 'warning', meaning: 'a technique id is revoked in the catalog; its replacement is named' },
  'attack-deprecated': { stage: 'attack', severity: 'warning', meaning: 'a technique id is deprecated without replacement' },
  'attack-moved': { stage: 'attack', severity: 'warning', meaning: 'a v18 technique id whose meaning moved to another id in ATT&CK v19 (the hit names both)' },
  'attack-unknown-technique': { stage: 'attack', severity: 'warning', meaning: 'a technique id is in no catalog version' },
  'no-tests': { stage: 'tests', severity: 'warning', meaning: 'a rule file has no test cases' },
  'test-read': { stage: 'tests', severity: 'error', meaning: 'a test file cannot be read' },
  'test-empty': { stage: 'tests', severity: 'error', meaning: 'a test file holds no document' },
  'test-extra-documents': { stage: 'tests', severity: 'warning', meaning: 'a test file holds more than one YAML document; only the first is read' },
  'test-schema': { stage: 'tests', severity: 'error', meaning: 'a test file does not match the test-file schema' },
  'test-duplicate-case': { stage: 'tests', severity: 'error', meaning: 'two test cases share a name' },
  'test-time': { stage: 'tests', severity: 'error', meaning: 'a base_time is not a time' },
  'test-expect': { stage: 'tests', severity: 'error', meaning: 'an expectation contradicts itself' },
  'test-events': { stage: 'tests', severity: 'error', meaning: 'a case\'s events file cannot be read' },
  'test-events-path': { stage: 'tests', severity: 'error', meaning: 'a case\'s events file is a glob, a directory, or outside the rule pack and every --allow-path; refused' },
  'allow-list-read': { stage: 'tests', severity: 'error', meaning: 'the benign allow-list cannot be read' },
  'allow-list-row': { stage: 'tests', severity: 'error', meaning: 'an allow-list row is not RuleId;RuleName;MatchString' },
  'config-read': { stage: 'sysmon-config', severity: 'error', meaning: 'a Sysmon configuration file cannot be read' },
  'config-xml-syntax': { stage: 'sysmon-config', severity: 'error', meaning: 'a Sysmon configuration is not well-formed XML' },
  'config-root': { stage: 'sysmon-config', severity: 'error', meaning: 'the root element is not <Sysmon>' },
  'config-schema-version': { stage: 'sysmon-config', severity: 'error', meaning: 'schemaversion is missing or unsupported (a warning when it is only unusual)' },
  'config-option': { stage: 'sysmon-config', severity: 'warning', meaning: 'an unknown top-level option' },
  'config-unknown-element': { stage: 'sysmon-config', severity: 'warning', meaning: 'an element is neither a RuleGroup nor an event type; Sysmon ignores it' },
  'config-onmatch': { stage: 'sysmon-config', severity: 'error', meaning: 'onmatch is missing, invalid or combined with default (a warning where Sysmon assumes one)' },
  'config-field': { stage: 'sysmon-config', severity: 'error', meaning: 'a field is not one of its event type\'s fields' },
  'config-condition': { stage: 'sysmon-config', severity: 'error', meaning: 'an unknown filter condition' },
  'config-nested-rule': { stage: 'sysmon-config', severity: 'error', meaning: 'a <Rule> inside another <Rule>' },
  'config-rule-name': { stage: 'sysmon-config', severity: 'error', meaning: 'a rule name is longer than Sysmon allows' },
  'config-exclude-only': { stage: 'sysmon-config', severity: 'warning', meaning: 'an event type has exclude blocks and no include block, so Sysmon logs everything else' },
  'search-criterion': { stage: 'investigate', severity: 'error', meaning: 'a search criterion cannot be used: unknown name, empty value, or FIELD=VALUE without a field name' },
  'report-capped': { stage: 'investigate', severity: 'warning', meaning: 'the report reached its size cap: it embeds the hits\' process neighbourhoods only, and says what it left out' },
  'store-unavailable': { stage: 'store', severity: 'error', meaning: 'the optional event store package (@duckdb/node-api) is not installed or does not load' },
  'store-open': { stage: 'store', severity: 'error', meaning: 'a store file cannot be opened, or is not a sigstream store of this format' },
} as const satisfies Record<string, DiagnosticInfo>;

export type DiagnosticCode = keyof typeof DIAGNOSTICS;

export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code from the catalogue (`DIAGNOSTICS`), e.g. `yaml-syntax`, `bad-json`. */
  code: DiagnosticCode;
  message: string;
  where: Location;
}

export function diagnostic(severity: Severity, code: DiagnosticCode, message: string, where: Location): Diagnostic {
  return { severity, code, message, where };
}

/** `file:line:col` (or `file#record`) as editors and terminals understand it. */
export function formatLocation(where: Location): string {
  let text = where.file;
  if (where.line !== undefined) {
    text += `:${where.line}`;
    if (where.col !== undefined) text += `:${where.col}`;
  }
  if (where.record !== undefined) text += `#${where.record}`;
  return text;
}

export function formatDiagnostic(d: Diagnostic): string {
  const at = d.where.path ? ` (at ${d.where.path})` : '';
  return `${formatLocation(d.where)}: ${d.severity}: ${d.message}${at} [${d.code}]`;
}
