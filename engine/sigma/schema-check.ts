/** ajv validation of a rule document against a JSON Schema; errors become located diagnostics. */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { RuleDocument } from './document.js';

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

function message(error: ErrorObject): string {
  const at = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : 'rule';
  if (error.keyword === 'required') return `${at} is missing required '${(error.params as { missingProperty: string }).missingProperty}'`;
  return `${at} ${error.message ?? 'is invalid'}`;
}

/** Validate `doc.data` against `schema` (compiled once per schema object). */
export function checkSchema(doc: RuleDocument, schema: object): Diagnostic[] {
  const validate = validator(schema);
  if (validate(doc.data)) return [];
  return (validate.errors ?? []).map((e) => {
    const path = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    return diagnostic('error', 'schema', message(e), doc.locate(path));
  });
}
