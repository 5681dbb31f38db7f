/**
 * Structural validation of a rule document against a JSON Schema (ajv), reported as located
 * diagnostics: each ajv error's instance path becomes a key path that `doc.locate` resolves.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { KeyPath, RuleDocument } from './document.js';

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new WeakMap<object, ValidateFunction>();

export function schemaDiagnostics(schema: object, doc: RuleDocument, code: string): Diagnostic[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(doc.data)) return [];
  const errors = (validate.errors ?? []).filter(isReportable);
  return errors.filter((error) => !isOtherBranch(error, errors)).map((error) => {
    const path = errorPath(error);
    const where = { ...doc.locate(path), path: path.join('.') || undefined };
    return diagnostic('error', code, `${path.join('.') || 'document'}: ${errorMessage(error)}`, where);
  });
}

/** oneOf/anyOf umbrella errors repeat what their branches said; keep the specific ones. */
function isReportable(error: ErrorObject): boolean {
  return error.keyword !== 'oneOf' && error.keyword !== 'anyOf' && error.keyword !== 'if';
}

/**
 * A value that matched the right branch of a oneOf but failed inside it also gets "must be <type>"
 * from the other branches; drop those when a more specific error about the same value exists.
 */
function isOtherBranch(error: ErrorObject, errors: ErrorObject[]): boolean {
  if (error.keyword !== 'type') return false;
  const at = error.instancePath;
  return errors.some(
    (other) => other.instancePath.startsWith(`${at}/`) || (other.keyword !== 'type' && other.instancePath === at),
  );
}

function errorPath(error: ErrorObject): KeyPath {
  const path: Array<string | number> = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  if (error.keyword === 'additionalProperties') path.push(String(error.params.additionalProperty));
  return path;
}

function errorMessage(error: ErrorObject): string {
  switch (error.keyword) {
    case 'additionalProperties':
      return 'unknown key';
    case 'required':
      return `missing required key '${String(error.params.missingProperty)}'`;
    case 'enum':
      return `${error.message}: ${(error.params.allowedValues as unknown[]).join(', ')}`;
    default:
      return error.message ?? error.keyword;
  }
}
