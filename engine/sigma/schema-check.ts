/** ajv validation of a rule document against a JSON Schema; errors become located diagnostics. */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { diagnostic, type Diagnostic, type DiagnosticCode } from '../diagnostics.js';
import type { KeyPath, RuleDocument } from './document.js';

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new WeakMap<object, ValidateFunction>();

function validator(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** The key path of the offending value; for an unknown key, the key itself. */
function errorPath(error: ErrorObject): KeyPath {
  const path: Array<string | number> = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  if (error.keyword === 'additionalProperties') path.push(String((error.params as { additionalProperty: string }).additionalProperty));
  return path;
}

function message(error: ErrorObject, path: KeyPath): string {
  const at = path.length > 0 ? path.join('.') : 'rule';
  switch (error.keyword) {
    case 'required':
      return `${at} is missing required '${(error.params as { missingProperty: string }).missingProperty}'`;
    case 'additionalProperties':
      return `${at} is not a known key`;
    case 'enum':
      return `${at} must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    default:
      return `${at} ${error.message ?? 'is invalid'}`;
  }
}

/**
 * oneOf/anyOf umbrella errors repeat what their branches said, and a value that took one branch
 * but failed inside it also gets "must be <type>" from the other branches: keep the specific errors.
 */
function specific(errors: ErrorObject[]): ErrorObject[] {
  const branches = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf');
  const kept = branches.filter(
    (e) =>
      e.keyword !== 'type' ||
      !branches.some((o) => o.instancePath.startsWith(`${e.instancePath}/`) || (o.keyword !== 'type' && o.instancePath === e.instancePath)),
  );
  return kept.length > 0 ? kept : errors;
}

/** Validate `doc.data` against `schema` (compiled once per schema object). */
export function checkSchema(doc: RuleDocument, schema: object, code: DiagnosticCode = 'schema'): Diagnostic[] {
  const validate = validator(schema);
  if (validate(doc.data)) return [];
  return specific(validate.errors ?? []).map((e) => {
    const path = errorPath(e);
    return diagnostic('error', code, message(e, path), doc.locate(path));
  });
}
