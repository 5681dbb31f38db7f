/** Diagnostics and summaries on stderr, shared by the commands (never mixed into stdout). */
import { formatDiagnostic, NO_SUCH_PATH, type Diagnostic, type Engine } from '../index.js';

export function printDiagnostics(err: NodeJS.WritableStream, diagnostics: Diagnostic[], options: { warnings: boolean }): void {
  for (const d of diagnostics) if (d.severity === 'error' || options.warnings) err.write(`sigstream: ${formatDiagnostic(d)}\n`);
}

export interface RuleCounts {
  loaded: number;
  rejected: number;
  unrouted: number;
}

/** Rules paths given that do not exist: a usage error, not a run over zero rules. */
export function missingRulePaths(engine: Engine): string[] {
  return engine.collection.diagnostics.filter((d) => d.code === NO_SUCH_PATH).map((d) => d.where.file);
}

/** Rules as the user wrote them: detections (not the hidden inline steps of sequences), correlations, sequences. */
export function ruleCounts(engine: Engine): RuleCounts {
  const { correlations, compiled } = engine;
  return {
    loaded: compiled.compiled.length + compiled.unrouted.length - correlations.hiddenRules.length + correlations.correlations.length + correlations.sequences.length,
    rejected: engine.rejected.length,
    unrouted: compiled.unrouted.length,
  };
}
