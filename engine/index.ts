/** sigstream's public library API. The CLI and the test runner use nothing but this. */
export * from './diagnostics.js';
export * from './events/event.js';
export type { EventReader, InputSource, ReadItem } from './events/reader.js';
export { ndjsonReader } from './events/ndjson.js';
export type { AttackInfo, TechniqueRef, TacticRef } from './attack/types.js';
export type { Hit, DetectionHit, CorrelationHit, RuleSummary } from './output/hit.js';
export { explainRule, matchedSearches } from './match/explain.js';
export type { RuleExplanation, ItemExplanation, SearchExplanation, ConditionExplanation, ValueExplanation } from './match/explain.js';
