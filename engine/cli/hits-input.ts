/** sigstream's own NDJSON hits read back (for `attack layer` / `attack summary`): lines that are not hits are reported and skipped. */
import { diagnostic, type Diagnostic, provenanceOf, ndjsonReader, type InputSource, type Hit } from '../index.js';

function isHit(value: Record<string, unknown>): boolean {
  const rule = value.rule as { title?: unknown } | undefined;
  return (value.kind === 'detection' || value.kind === 'correlation') && typeof rule?.title === 'string';
}

export async function* readHits(source: InputSource, onSkip: (d: Diagnostic) => void): AsyncGenerator<Hit> {
  for await (const item of ndjsonReader.read(source)) {
    if (item.kind !== 'event') {
      onSkip(item.diagnostic);
    } else if (isHit(item.event)) {
      yield item.event as unknown as Hit;
    } else {
      const where = { file: source.name, line: provenanceOf(item.event)?.line };
      onSkip(diagnostic('error', 'not-a-hit', 'JSON line is not a sigstream hit (needs kind and rule.title)', where));
    }
  }
}
