/** Test helper: the Navigator layer JSON Schema compiled with ajv, and an assertion built on it. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { expect } from 'vitest';
import type { NavigatorLayer } from '../../engine/attack/report/layer.js';

const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../engine/attack/report/navigator-layer.schema.json'), 'utf8'));
export const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

export function expectValidLayer(layer: unknown): void {
  const ok = validate(layer);
  expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
  expect(ok).toBe(true);
  const { gradient } = layer as NavigatorLayer;
  expect(gradient.maxValue).toBeGreaterThan(gradient.minValue);
}
