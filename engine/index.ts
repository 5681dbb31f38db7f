/** sigstream's public library API. The CLI and the test runner use nothing but this. */
export * from './diagnostics.js';
export * from './events/event.js';
export type { EventReader, InputSource, ReadItem } from './events/reader.js';
export { ndjsonReader } from './events/ndjson.js';
export type { AttackInfo, TechniqueRef, TacticRef } from './attack/types.js';
export type { Hit, DetectionHit, CorrelationHit, RuleSummary } from './output/hit.js';
export type {
  CorrelationRule,
  ResolvedCorrelationRule,
  CorrelationType,
  CorrelationCondition,
  ThresholdCondition,
  ExpressionCondition,
  RuleExpression,
  Comparison,
  CompareOp,
  RuleMeta,
} from './sigma/correlation/model.js';
export { CORRELATION_TYPES, hitKeys, ruleKey } from './sigma/correlation/model.js';
export { parseCorrelationDocument, correlationSchema } from './sigma/correlation/parse.js';
export { parseTimespan } from './sigma/correlation/timespan.js';
export { resolveReferences } from './sigma/correlation/resolve.js';
export type { RuleIdentity, ResolvedReferences } from './sigma/correlation/resolve.js';
export type { SequenceRule, ResolvedSequenceRule, SequenceStep, StepSource } from './sigma/sequence/model.js';
export { parseSequenceDocument, sequenceSchema } from './sigma/sequence/parse.js';
export type { InlineRuleCompiler, ParsedSequence } from './sigma/sequence/parse.js';
export { createCorrelator } from './correlate/correlator.js';
export type {
  Correlator,
  CorrelatorOptions,
  CorrelatorInput,
  CorrelatorStats,
  CorrelatorSnapshot,
} from './correlate/correlator.js';
export { saveState, loadState } from './cli/state-file.js';
export { loadCorrelations } from './sigma/correlation/load.js';
export type { CorrelationSet } from './sigma/correlation/load.js';
