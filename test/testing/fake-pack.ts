/**
 * A tiny pack for testing the runner itself: each "rule" is a substring of CommandLine. It produces
 * real `DetectionHit` objects, so the runner, expectations and reports see exactly what they see
 * from the engine; the engine's own behaviour is tested with the real pack elsewhere.
 */
import type { NormalizedEvent } from '../../engine/event.js';
import type { DetectionHit, Hit } from '../../engine/hit.js';
import type { Pack, PackRule } from '../../engine/testing/pack.js';

export interface FakeRule extends PackRule {
  contains: string;
  techniques: string[];
}

export function fakePack(rules: FakeRule[]): Pack {
  return {
    rules,
    diagnostics: [],
    detector: () => ({
      process(event: NormalizedEvent): Hit[] {
        return rules
          .filter((r) => String(event.CommandLine ?? '').includes(r.contains))
          .map(
            (r): DetectionHit => ({
              kind: 'detection',
              rule: { id: r.id, title: r.title, level: r.level, tags: [], path: r.path },
              attack: { techniques: r.techniques.map((id) => ({ id, name: id, tactics: [{ id: 'TA0002', name: 'Execution', shortname: 'execution' }], source: 'tag' as const })), tactics: [{ id: 'TA0002', name: 'Execution', shortname: 'execution' }] },
              event,
              source: event['@source'] as DetectionHit['source'],
            }),
          );
      },
      flush: () => [],
    }),
  };
}
