/** sigstream's public library API. The CLI and the test runner use nothing but this. */
export * from './diagnostics.js';
export * from './events/event.js';
export type { EventReader, InputSource, ReadItem } from './events/reader.js';
export { ndjsonReader, jsonReader } from './events/ndjson.js';
export { xmlReader } from './events/xml.js';
export { syslogReader } from './events/syslog.js';
export { readers, sniffReader, JSON_FORMATS } from './events/formats.js';
export { jsonShapes, detectShape } from './events/json-shapes/index.js';
export type { JsonShape, JsonObject, ShapeResult } from './events/json-shapes/index.js';
export { compileMapping, loadMapping, type MappingResult } from './events/jsonata-map.js';
export { openInputs, type OpenedInput, type InputEntry, type InputOptions } from './events/inputs.js';
export { readEvents, type ReadOptions, type EventStream } from './events/read-events.js';
export { formatStats, type ReadStats, type InputStats } from './events/read-stats.js';
export type { AttackInfo, TechniqueRef, TacticRef } from './attack/types.js';
export type { Hit, DetectionHit, CorrelationHit, RuleSummary } from './output/hit.js';
