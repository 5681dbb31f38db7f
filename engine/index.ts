/** sigstream's public library API. The CLI and the test runner use nothing but this. */
export * from './diagnostics.js';
export * from './events/event.js';
export type { EventReader, InputSource, ReadItem } from './events/reader.js';
export { ndjsonReader } from './events/ndjson.js';
export type { AttackInfo, TechniqueRef, TacticRef } from './attack/types.js';
export { resolveAttack, resolveAttackForEvent } from './attack/resolve.js';
export { mergeAttack } from './attack/merge.js';
export { lintAttackTags } from './attack/lint.js';
export { parseAttackTag, type AttackTag, type AttackObjectKind } from './attack/tags.js';
export { parseRuleName, type RuleNameTechnique } from './attack/rulename.js';
export { attackCatalog, readAttackCatalog, useAttackCatalog, type AttackCatalog, type CatalogTactic, type CatalogTechnique } from './attack/catalog.js';
export { attackCoverage, coverageLayer, coverageRules, layerFromCoverage, type AttackCoverage, type RuleTags, type TechniqueCoverage } from './attack/coverage.js';
export { hitsLayer, layerFromHitStats } from './attack/hits-layer.js';
export { collectHitStats, type HitStats, type TechniqueHits, type TacticHits } from './attack/hit-stats.js';
export { attackSummary, summaryFromHitStats, type AttackSummary, type SummaryTactic, type SummaryTechnique } from './attack/summary.js';
export { formatAttackSummary, type SummaryTextOptions } from './attack/summary-text.js';
export type { NavigatorLayer, LayerTechnique, LayerMetadata } from './attack/layer.js';
export type { Hit, DetectionHit, CorrelationHit, RuleSummary } from './output/hit.js';
