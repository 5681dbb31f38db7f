/** sigstream's public library API. The CLI and the test runner use nothing but this. */
export * from './diagnostics.js';
export * from './event.js';
export type { EventReader, InputSource, ReadItem } from './events/reader.js';
export { ndjsonReader, jsonReader } from './events/ndjson.js';
export { xmlReader } from './events/xml/reader.js';
export { syslogReader } from './events/syslog.js';
export { readers, sniffReader, formatNames, JSON_FORMATS } from './events/formats.js';
export { jsonShapes, detectShape } from './events/json-shapes/index.js';
export type { JsonShape, JsonObject, ShapeResult } from './events/json-shapes/index.js';
export { compileMapping, loadMapping, MAPPING_FAILURES, type MappingResult } from './events/jsonata-map.js';
export { openInputs, type OpenedInput, type InputEntry, type InputOptions } from './events/inputs.js';
export { readEvents, type ReadOptions, type EventStream } from './events/read-events.js';
export { formatStats, type ReadStats, type InputStats } from './events/read-stats.js';
export { evtxReader } from './events/evtx/reader.js';
export type { AttackInfo, AttackObjectRef, TechniqueRef, TacticRef } from './hit.js';
export { resolveAttack, resolveAttackForEvent } from './attack/resolve.js';
export { mergeAttack } from './attack/merge.js';
export { lintAttackTags } from './attack/lint.js';
export { parseAttackTag, type AttackTag, type AttackObjectKind } from './attack/tags.js';
export { parseRuleName, type RuleNameTechnique } from './attack/rulename.js';
export { attackCatalog, readAttackCatalog, useAttackCatalog, type AttackCatalog, type CatalogTactic, type CatalogTechnique } from './attack/catalog.js';
export { attackCoverage, coverageLayer, coverageRules, layerFromCoverage, type AttackCoverage, type RuleTags, type TechniqueCoverage } from './attack/report/coverage.js';
export { hitsLayer, layerFromHitStats } from './attack/report/hits-layer.js';
export { collectHitStats, type HitStats, type TechniqueHits, type TacticHits } from './attack/report/hit-stats.js';
export { attackSummary, summaryFromHitStats, type AttackSummary, type SummaryTactic, type SummaryTechnique } from './attack/report/summary.js';
export { formatAttackSummary, type SummaryTextOptions } from './attack/report/summary-text.js';
export type { NavigatorLayer, LayerTechnique, LayerMetadata, AttackVersion } from './attack/report/layer.js';
export { DEFAULT_ATTACK_VERSION, layerTechniqueId } from './attack/report/layer.js';
export type { Hit, DetectionHit, CorrelationHit, RuleSummary } from './hit.js';
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
export { CORRELATION_TYPES, hitKeys, isSuppressed, ruleKey } from './sigma/correlation/model.js';
export { parseCorrelationDocument, correlationSchema } from './sigma/correlation/parse.js';
export { parseTimespan, parseDuration } from './sigma/correlation/timespan.js';
export { resolveReferences } from './sigma/correlation/resolve.js';
export type { RuleIdentity, ResolvedReferences } from './sigma/correlation/resolve.js';
export type { SequenceRule, ResolvedSequenceRule, SequenceStep, StepSource } from './sigma/sequence/model.js';
export { parseSequenceDocument, sequenceSchema } from './sigma/sequence/parse.js';
export type { InlineRuleCompiler, ParsedSequence } from './sigma/sequence/parse.js';
export { createCorrelator, CORRELATOR_DEFAULTS } from './correlate/correlator.js';
export { correlatorInput } from './correlate/input.js';
export type {
  Correlator,
  CorrelatorOptions,
  CorrelatorInput,
  CorrelatorStats,
  CorrelatorSnapshot,
} from './correlate/correlator.js';
export { fileCheckpoints, type PartitionCheckpoint, type CheckpointStore } from './pipeline/state-file.js';
export { LivePipeline, type LiveOptions, type LiveStats, type HitSink } from './pipeline/live.js';
export { metricsRegistry, serveMetrics, type MetricsServer } from './pipeline/metrics.js';
export type { EventSource, SourceBatch } from './sources/source.js';
export { sources, type SourceDefinition, type SourceRequest } from './sources/sources.js';
export { followSource, type FollowOptions, type FollowPosition } from './sources/follow.js';
export { natsSource, ownedPartitions, type NatsSourceOptions, type NatsPosition } from './sources/nats.js';
export { connectNats, streamName, eventSubject, controlSubject, partitionFilter, ensureEventStream, type ControlMessage } from './sources/nats-stream.js';
export { publishEvents, type PublishOptions } from './sources/nats-publish.js';
export { subjectToken } from './sources/subject-token.js';
export { kvCheckpoints } from './pipeline/kv-checkpoints.js';
export { natsRekeying, Rekeyer, RekeyedPipeline, KeyPartition, type NatsRekeyingOptions } from './pipeline/rekey.js';
export { rekeyedSubject, type RekeyedHit, type RekeyProgress, type RekeyedMessage } from './sources/nats-rekey.js';
export { classifyLocality, splitByLocality, workerRules, localityNotes, isHostLocalField, isHostLocalKey, type Locality, type LocalityVerdict, type LocalityNote } from './correlate/locality.js';
export { sinks, openSink, type HitSinkHandle } from './output/sinks.js';
export { saveState, loadState, readState, writeState, checkStateWritable } from './pipeline/state-file.js';
export type { SavedState, InputPosition, InputIdentity } from './pipeline/state-file.js';
export { Checkpoint, parseCheckpointEvery, type CheckpointEvery, type CheckpointOptions, type OpenedCheckpoint } from './pipeline/checkpoint.js';
export { InputPositions } from './pipeline/input-positions.js';
export { detectionHitId, correlationHitId, hitId } from './pipeline/hit-id.js';

export { loadCorrelations } from './sigma/correlation/load.js';
export type { CorrelationSet } from './sigma/correlation/load.js';
export * from './sysmon-config/index.js';
export { defaultCacheDir, type RuleCacheOptions } from './sigma/rule-cache.js';
export { loadRules, NO_SUCH_PATH, addRuleText, emptyCollection, type RuleCollection, type RejectedDocument, type LoadOptions } from './sigma/load.js';
export { parseRuleDocument, type RuleParseResult } from './sigma/rule.js';
export type { RuleDocument, KeyPath, DocumentKind } from './sigma/document.js';
export type { SigmaRule, Detection, DetectionItem, SearchNode, ConditionNode, Logsource } from './sigma/model.js';
export { loadPlaceholders } from './sigma/placeholders.js';
export { compileRules, type CompiledRule, type CompileResult } from './match/compile.js';
export { createEngine, engineFromCollection, type Engine, type EngineOptions } from './pipeline/engine.js';
export { Detector, type DetectorStats, type DetectOutcome } from './pipeline/detector.js';
export { CorrelationStage } from './pipeline/correlation-stage.js';
export { ShardedDetector, type ShardedOutput, type LinePlace } from './pipeline/workers.js';
export type { LineProblem } from './pipeline/worker.js';
export { partitionKey, partitionOf, partitionOfKey } from './partition.js';
export { createEventFilter, parseTimeBound, parseEventIds, type EventFilter, type EventFilterOptions, type EventFilterName } from './pipeline/event-filter.js';
export { selectRules, ruleSelector, globToRegExp, DEFAULT_EXCLUDED_STATUSES, SELECTION_CRITERIA, type RuleSelection, type SelectionCriterion, type SelectionResult, type SelectableRule } from './pipeline/rule-selection.js';
export { LEVELS, isLevel, levelRank, type Level } from './sigma/levels.js';
export { detect, detectionStream } from './pipeline/stream.js';
export { explainRule, matchedSearches } from './match/explain.js';
export { explanationText } from './match/explain-text.js';
export type { HitWriter, WriterDefinition, WriterOptions } from './output/writer.js';
export { NdjsonWriter } from './output/ndjson.js';
export { HitJson } from './hit-json.js';
export { writers, writerNames, createWriter } from './output/writers.js';
export { CsvWriter, csvField } from './output/csv.js';
export { JsonArrayWriter } from './output/json.js';
export { TableWriter, TABLE_COLUMNS, type TableOptions } from './output/table.js';
export { TimesketchWriter } from './output/timesketch.js';
export { TIMELINE_COLUMNS, timelineRow, ruleFieldLists, parseColumns, type TimelineColumn, type TimelineRow, type RuleFieldsLookup } from './output/timeline.js';
export { eventDetails } from './output/details.js';
export { HuntSummary, huntSummaryText, type HuntSummaryJson, type SummaryCounts, type SummaryTextOptions as HuntSummaryTextOptions } from './output/hunt-summary.js';
export { mergeByTime, TIME_ORDER_DEFAULTS, type TimeOrderOptions } from './pipeline/time-order.js';
export { createDuplicateFilter, DUPLICATE_DEFAULTS, type DuplicateFilter, type DuplicateFilterOptions } from './pipeline/duplicates.js';
export { Suppressor, type SuppressionOptions } from './pipeline/suppression.js';
export { openAtomicFile, type AtomicFile } from './output/atomic-file.js';
export type { RuleExplanation, ItemExplanation, SearchExplanation, ConditionExplanation, ValueExplanation } from './match/explain.js';
export { SEARCH_CRITERIA, CRITERION_NAMES, criterionNamed, type SearchCriterion, type FieldRule, type FieldMatch } from './investigate/criteria.js';
export { compileSearch, searchEvents, searchRuleText, checkQuery, type SearchQuery, type SearchTerm, type CompiledSearch } from './investigate/search.js';
export { searchStoreCondition } from './investigate/search-sql.js';
export { storeStats } from './investigate/store-stats.js';
export { storeHitStats, formatHitStatsText, type StoredHitStats, type HitRanking } from './investigate/hit-stats.js';
export { EVENT_CATEGORIES, categoryOf, type EventCategory } from './investigate/categories.js';
export { StatsCollector, collectStats, STATS_KEYS, RANKED_FIELDS, type EventStats, type GroupStats, type StatsKey, type StatsOptions, type Ranking } from './investigate/stats.js';
export { formatStatsText } from './investigate/stats-text.js';
export { ProcessIndex, indexProcesses, hitsByProcess, type ProcessInfo } from './investigate/tree.js';
export { formatTree, type TreeTextOptions } from './investigate/tree-text.js';
export { describeEvent } from './investigate/describe.js';
export { buildReport, buildReportFromHits, type BuiltReport } from './investigate/report/build.js';
export { ReportCollector, DEFAULT_REPORT_MAX_BYTES, type ReportData, type ReportOptions, type ReportHit, type ReportEvent } from './investigate/report/data.js';
export {
  openEventStore,
  STORE_PACKAGE,
  type EventStore,
  type StoreQuery,
  type StoreCondition,
  type StoreGroupColumn,
  type StoreGroupCount,
  type StoreHitDimension,
  type StoreHitCount,
  type IngestResult,
  type StoreInfo,
  type HostInfo,
  type OpenStoreResult,
} from './store/event-store.js';
export { STORE_COLUMNS } from './store/columns.js';
export { storeEventStream } from './store/read.js';
