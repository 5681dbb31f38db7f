/** Building the correlation hit (engine/hit.ts); the pipeline adds ATT&CK enrichment. */
import type { RuleMeta } from '../sigma/correlation/model.js';
import type { CorrelationHit, Hit } from '../hit.js';

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
  // A hit's own `time` is the ISO form of the time it was pushed or fed with (the pipeline derives
  // both from the event's time), so reuse it: formatting dates is the costliest step of a firing.
  const isoOf = (i: number): string => hits[i].time ?? iso(times[i]);
  const first = isoOf(0);
  const last = isoOf(times.length - 1);
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
    correlation: { type, group, value, first, last },
    time: timeMs === times[times.length - 1] ? last : iso(timeMs),
    ...(computer === undefined ? {} : { computer }),
    hits,
  };
}
