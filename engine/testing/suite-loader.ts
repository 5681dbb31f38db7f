/**
 * `<rule>.tests.yml` → `TestSuite`: YAML with positions (the rule loader's own stage), ajv schema
 * validation with located errors, events read inline or from an NDJSON file, times resolved.
 * Problems are diagnostics; a broken case is dropped with its message, the other cases still run.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { NormalizedEvent } from '../event.js';
import { PROVENANCE_KEY } from '../event.js';
import { readEvents } from '../events/read-events.js';
import type { KeyPath, RuleDocument } from '../sigma/document.js';
import { parseYamlDocuments } from '../sigma/yaml-documents.js';
import { materializeEvents } from './case-events.js';
import { ruleFileFor } from './files.js';
import { parseAbsoluteTime } from './relative-time.js';
import schema from './tests.schema.json' with { type: 'json' };
import { DEFAULT_BASE_TIME, type CaseExpectation, type HitExpectation, type TestCase, type TestSuite } from './suite.js';

const validate = new Ajv({ allErrors: true }).compile(schema);

type Fields = Record<string, unknown>;

interface WrittenCase {
  name: string;
  base_time?: string;
  defaults?: Fields;
  events: Fields[] | string;
  expect: 'none' | (Omit<CaseExpectation, 'hits'> & { hits?: number; exact?: HitExpectation[] });
}

interface WrittenSuite {
  rule?: string;
  base_time?: string;
  defaults?: Fields;
  cases: WrittenCase[];
}

export interface SuiteLoadOptions {
  /**
   * Directories a case's `events:` file may be in (the pack's root and any `--allow-path`).
   * Default: the test file's own directory. A sidecar is data from the pack, not the user: it
   * must not make `sigstream test` open any file the user can read.
   */
  roots?: readonly string[];
}

export interface LoadedSuites {
  suites: TestSuite[];
  diagnostics: Diagnostic[];
}

/** ajv's `/cases/0/expect` → `['cases', 0, 'expect']` for `RuleDocument.locate`. */
function keyPath(instancePath: string): KeyPath {
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** ajv reports every failed `oneOf` branch; keep the most specific (deepest) messages. */
function schemaDiagnostics(doc: RuleDocument): Diagnostic[] {
  const errors = validate.errors ?? [];
  const deepest = Math.max(...errors.map((e) => e.instancePath.split('/').length));
  return errors
    .filter((e) => e.instancePath.split('/').length === deepest || e.keyword === 'additionalProperties')
    .map((e) => {
      const extra = e.keyword === 'additionalProperties' ? ` '${(e.params as { additionalProperty: string }).additionalProperty}'` : '';
      return diagnostic('error', 'test-schema', `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${extra}`, doc.locate(keyPath(e.instancePath)));
    });
}

/** A case's event file, in any input format sigstream reads (NDJSON, XML, .evtx, syslog, ...). */
async function readEventFile(file: string): Promise<{ events: Fields[]; lines: Array<number | undefined>; diagnostics: Diagnostic[] }> {
  const events: Fields[] = [];
  const lines: Array<number | undefined> = [];
  const diagnostics: Diagnostic[] = [];
  for await (const item of readEvents([file])) {
    if (item.kind !== 'event') {
      diagnostics.push(item.diagnostic);
      continue;
    }
    const { [PROVENANCE_KEY]: source, ...fields } = item.event as NormalizedEvent;
    events.push(fields);
    lines.push((source as { line?: number } | undefined)?.line);
  }
  return { events, lines, diagnostics };
}

const GLOB_CHARS = /[*?[\]{}]/;

/** True when `target` is `root` or below it (both already real paths). */
function isInside(target: string, root: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The events file a case names, checked: one existing regular file (no glob, no directory) whose
 * real path (symbolic links followed) is inside one of `roots`. Otherwise why not.
 */
async function eventFileIn(written: string, suiteFile: string, roots: readonly string[]): Promise<{ file: string } | { refused: string }> {
  if (GLOB_CHARS.test(written)) return { refused: `events must name one file, not a glob: '${written}'` };
  const file = path.resolve(path.dirname(suiteFile), written);
  // A missing file is checked by its written path and then reported by the reader as usual.
  const real = await realpath(file).catch(() => file);
  if ((await stat(real).catch(() => undefined))?.isDirectory()) return { refused: `events must name one file, not a directory: '${written}'` };
  const realRoots = await Promise.all(roots.map((root) => realpath(root).catch(() => path.resolve(root))));
  if (!realRoots.some((root) => isInside(real, root))) {
    return { refused: `events file '${written}' is outside the rule pack (${roots.join(', ')}); refused (sigstream test --allow-path DIR allows another directory)` };
  }
  return { file: real };
}

async function loadCase(doc: RuleDocument, suite: WrittenSuite, index: number, roots: readonly string[], diagnostics: Diagnostic[]): Promise<TestCase | undefined> {
  const written = suite.cases[index];
  const at = (...rest: KeyPath) => doc.locate(['cases', index, ...rest]);
  const baseText = written.base_time ?? suite.base_time ?? DEFAULT_BASE_TIME;
  const baseMs = parseAbsoluteTime(baseText);
  if (baseMs === undefined) {
    diagnostics.push(diagnostic('error', 'test-time', `base_time '${baseText}' is not a time`, at('base_time')));
    return undefined;
  }
  let rawEvents: Fields[];
  let lineOf: (i: number) => number | undefined;
  if (typeof written.events === 'string') {
    const checked = await eventFileIn(written.events, doc.file, roots);
    if ('refused' in checked) {
      diagnostics.push(diagnostic('error', 'test-events-path', checked.refused, at('events')));
      return undefined;
    }
    const read = await readEventFile(checked.file).catch((err: Error) => {
      diagnostics.push(diagnostic('error', 'test-events', `cannot read events file: ${err.message}`, at('events')));
      return undefined;
    });
    if (!read) return undefined;
    diagnostics.push(...read.diagnostics);
    rawEvents = read.events;
    lineOf = (i) => read.lines[i];
  } else {
    rawEvents = written.events;
    lineOf = (i) => at('events', i).line;
  }
  const defaults = { ...suite.defaults, ...written.defaults };
  const input = `${doc.file}#${written.name}`;
  const { events, errors } = materializeEvents(rawEvents, defaults, baseMs, input, lineOf);
  for (const error of errors) diagnostics.push(diagnostic('error', 'test-time', error.message, at('events', error.index, 'UtcTime')));
  if (errors.length > 0) return undefined;
  const expect: CaseExpectation =
    written.expect === 'none' ? { hits: 0 } : { ...written.expect, hits: written.expect.hits ?? written.expect.exact?.length ?? 0 };
  if (expect.exact && expect.exact.length !== expect.hits) {
    diagnostics.push(diagnostic('error', 'test-expect', `hits: ${expect.hits} disagrees with the ${expect.exact.length} exact hits listed`, at('expect')));
    return undefined;
  }
  for (const hit of expect.exact ?? []) {
    const outside = (hit.events ?? []).find((n) => n > events.length);
    if (outside !== undefined) {
      diagnostics.push(diagnostic('error', 'test-expect', `exact hit names event ${outside} but the case has ${events.length} events`, at('expect', 'exact')));
      return undefined;
    }
  }
  return { name: written.name, events, expect, where: at() };
}

export async function loadSuite(file: string, options: SuiteLoadOptions = {}): Promise<LoadedSuites> {
  const roots = options.roots ?? [path.dirname(file)];
  const diagnostics: Diagnostic[] = [];
  const text = await readFile(file, 'utf8').catch((err: Error) => {
    diagnostics.push(diagnostic('error', 'test-read', `cannot read test file: ${err.message}`, { file }));
    return undefined;
  });
  if (text === undefined) return { suites: [], diagnostics };
  const parsed = parseYamlDocuments(file, text);
  diagnostics.push(...parsed.diagnostics);
  const doc = parsed.documents[0];
  if (!doc) {
    if (parsed.diagnostics.length === 0) diagnostics.push(diagnostic('error', 'test-empty', 'test file holds no document', { file }));
    return { suites: [], diagnostics };
  }
  if (parsed.documents.length > 1) diagnostics.push(diagnostic('warning', 'test-extra-documents', 'only the first YAML document of a test file is read', doc.locate([])));
  if (!validate(doc.data)) return { suites: [], diagnostics: [...diagnostics, ...schemaDiagnostics(doc)] };
  const written = doc.data as unknown as WrittenSuite;
  const names = new Set<string>();
  const cases: TestCase[] = [];
  for (let i = 0; i < written.cases.length; i++) {
    const name = written.cases[i].name;
    if (names.has(name)) {
      diagnostics.push(diagnostic('error', 'test-duplicate-case', `case name '${name}' is used twice`, doc.locate(['cases', i, 'name'])));
      continue;
    }
    names.add(name);
    const loaded = await loadCase(doc, written, i, roots, diagnostics);
    if (loaded) cases.push(loaded);
  }
  const ruleFile = written.rule ? path.join(path.dirname(file), written.rule) : ruleFileFor(file);
  return { suites: [{ file, ruleFile, cases }], diagnostics };
}

export async function loadSuites(files: readonly string[], options: SuiteLoadOptions = {}): Promise<LoadedSuites> {
  const out: LoadedSuites = { suites: [], diagnostics: [] };
  for (const file of files) {
    const one = await loadSuite(file, options);
    out.suites.push(...one.suites);
    out.diagnostics.push(...one.diagnostics);
  }
  return out;
}
