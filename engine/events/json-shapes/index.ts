/** The JSON shapes, in detection order: the first whose `detect` accepts an input's first record wins. */
import { ecsShape } from './ecs.js';
import { evtxJsonShape } from './evtx-json.js';
import { flatShape } from './flat.js';
import { syslogJsonShape } from './syslog-json.js';
import type { JsonObject, JsonShape } from './shape.js';

export const jsonShapes: readonly JsonShape[] = [evtxJsonShape, ecsShape, syslogJsonShape, flatShape];

export function detectShape(record: JsonObject): JsonShape {
  return jsonShapes.find((shape) => shape.detect(record)) ?? flatShape;
}

export type { JsonShape, JsonObject, ShapeResult } from './shape.js';
