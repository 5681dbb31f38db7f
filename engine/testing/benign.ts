/**
 * Benign-log mode: run the pack over a corpus believed clean; every rule at or above a level that
 * fires on it, except on allow-listed events, fails. One result per rule at or above the level, so
 * the summary line reads "N rules stayed silent, M fired".
 */
import type { NormalizedEvent } from '../event.js';
import type { Hit } from '../hit.js';
import { allowedBy, type AllowEntry } from './allow-list.js';
import { eventNumbers } from './hit-facts.js';
import type { Pack, PackRule } from './pack.js';
import type { CaseResult } from './runner.js';

import { levelRank as rank, type Level } from '../sigma/levels.js';

export interface BenignOptions {
  minLevel: Level;
  allow: readonly AllowEntry[];
  /** Name of the corpus for messages and the JUnit suite name. */
  corpus: string;
  /** How many offending hits to show per rule. */
  show?: number;
}

const ruleKey = (rule: { id?: string; path: string; title: string }) => rule.id ?? `${rule.path}#${rule.title}`;

function describe(hit: Hit): string {
  const where = hit.kind === 'detection' ? hit.source ?? hit.event['@source'] : undefined;
  const origin = where ? JSON.stringify(where) : `events ${eventNumbers(hit).join(',')}`;
  const sample = hit.kind === 'detection' ? hit.event.CommandLine ?? hit.event.Image ?? hit.event.TargetFilename ?? hit.event.QueryName : hit.correlation.group;
  return `+ ${hit.time ?? ''} ${origin} ${JSON.stringify(sample ?? '')}`;
}

export async function runBenign(pack: Pack, events: AsyncIterable<NormalizedEvent>, options: BenignOptions): Promise<{ results: CaseResult[]; events: number; allowed: number }> {
  const detector = pack.detector();
  const offending = new Map<string, Hit[]>();
  let count = 0;
  let allowed = 0;
  const consider = (hits: Hit[]) => {
    for (const hit of hits) {
      if (rank(hit.rule.level) < rank(options.minLevel)) continue;
      if (allowedBy(options.allow, hit)) {
        allowed++;
        continue;
      }
      const key = ruleKey(hit.rule);
      offending.set(key, [...(offending.get(key) ?? []), hit]);
    }
  };
  const started = performance.now();
  for await (const event of events) {
    count++;
    consider(detector.process(event));
  }
  consider(detector.flush());
  const durationMs = performance.now() - started;
  const show = options.show ?? 5;
  const subject = (rule: PackRule): CaseResult => {
    const hits = offending.get(ruleKey(rule)) ?? [];
    const lines = hits.slice(0, show).map(describe);
    if (hits.length > show) lines.push(`  ... and ${hits.length - show} more`);
    return {
      suite: options.corpus,
      ruleFile: rule.path,
      name: `${rule.title} stays silent on benign events`,
      where: { file: rule.path },
      passed: hits.length === 0,
      failures: hits.length === 0 ? [] : [{ message: `${rule.level} rule ${rule.id ?? rule.title} fired ${hits.length} time${hits.length === 1 ? '' : 's'} on the benign corpus outside the allow list`, diff: lines.join('\n') }],
      hits,
      durationMs: durationMs / Math.max(1, pack.rules.length),
    };
  };
  const results = pack.rules.filter((rule) => rank(rule.level) >= rank(options.minLevel)).map(subject);
  return { results, events: count, allowed };
}
