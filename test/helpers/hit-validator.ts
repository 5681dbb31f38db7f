/** One validator of the hit JSON Schema for every test, with ajv-formats so `date-time` is checked, not warned about. */
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import hitSchema from '../../engine/hit.schema.json' with { type: 'json' };

export function hitValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(hitSchema);
}
