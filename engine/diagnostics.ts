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

export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code, e.g. `yaml-syntax`, `unknown-modifier`, `bad-json`. */
  code: string;
  message: string;
  where: Location;
}

export function diagnostic(severity: Severity, code: string, message: string, where: Location): Diagnostic {
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
