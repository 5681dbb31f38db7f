/** Building the correlation hit (engine/output/hit.ts); the pipeline adds ATT&CK enrichment. */
import type { RuleMeta } from '../sigma/correlation/model.js';
import type { CorrelationHit, Hit } from '../output/hit.js';

const iso = (ms: number): string => new Date(ms).toISOString();

export function correlationHit(
  rule: RuleMeta,
  type: string,
  group: Record<string, string>,
  value: number | undefined,
  hits: Hit[],
  times: readonly number[],
  timeMs: number,
): CorrelationHit {
  const computer = hits[hits.length - 1]?.computer;
  return {
    kind: 'correlation',
    rule: {
      id: rule.id,
      name: rule.name,
      title: rule.title,
      level: rule.level,
      status: rule.status,
      author: rule.author,
      tags: rule.tags,
      path: rule.file,
    },
    attack: { techniques: [], tactics: [] },
    correlation: { type, group, value, first: iso(times[0]), last: iso(times[times.length - 1]) },
    time: iso(timeMs),
    ...(computer === undefined ? {} : { computer }),
    hits,
  };
}
