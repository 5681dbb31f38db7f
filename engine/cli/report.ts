/** Diagnostics and summaries on stderr, shared by the commands (never mixed into stdout). */
import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';
import type { Engine } from '../pipeline/engine.js';

export function printDiagnostics(err: NodeJS.WritableStream, diagnostics: Diagnostic[], options: { warnings: boolean }): void {
  for (const d of diagnostics) if (d.severity === 'error' || options.warnings) err.write(`sigstream: ${formatDiagnostic(d)}\n`);
}

export interface RuleCounts {
  loaded: number;
  rejected: number;
  unrouted: number;
}

export function ruleCounts(engine: Engine): RuleCounts {
  return {
    loaded: engine.compiled.compiled.length + engine.compiled.unrouted.length,
    rejected: engine.collection.rejected.length + engine.compiled.rejected.length,
    unrouted: engine.compiled.unrouted.length,
  };
}
