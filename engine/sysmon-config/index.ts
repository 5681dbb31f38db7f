/** Public API of the Sysmon configuration evaluator. */
export type { BlockEntry, CompoundRule, ConditionName, ConfigOption, FieldCondition, FilterBlock, OnMatch, Relation, SysmonConfig } from './model.js';
export { parseSysmonConfig, type ParseConfigResult } from './parse.js';
export { compileSysmonConfig, type CompiledConfig } from './compile.js';
export { evaluateEvent, type Verdict, type VerdictReason } from './evaluate.js';
export { SYSMON_EVENT_TYPES, eventTypeById, eventTypesForTag, type SysmonEventType } from './event-types.js';
export { dumpSysmonConfig } from './dump.js';
export { verdictRecord, keptEvent, simulateEvents, SimulationTally, type VerdictRecord, type SimulationCounts } from './simulate.js';
export { compareConfigs, verdictLabel, DiffTally, type ConfigDifference, type DiffSummary, type OneSidedSummary } from './diff.js';
export { loadSysmonConfigFile, type LoadedConfig } from './load.js';
export { BlindSpotTally, findBlindSpots, type BlindSpot, type BlindSpotReport } from './blindspots.js';
export { configCoverage, type EventTypeCoverage } from './coverage.js';
