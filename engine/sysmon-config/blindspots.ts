/**
 * Blind spots: the Sigma rules that match an input event which the config would drop, i.e.
 * detections the config makes impossible for that activity. Each event is evaluated by the config
 * and by the compiled rules (engine/match); a rule that matches a dropped event is blinded there.
 */
import type { Provenance, NormalizedEvent } from '../event.js';
import { provenanceOf } from '../event.js';
import type { CompiledRule } from '../match/compile.js';
import { Matcher } from '../match/matcher.js';
import type { RuleSummary } from '../hit.js';
import type { CompiledConfig } from './compile.js';
import { verdictLabel } from './diff.js';
import { evaluateEvent } from './evaluate.js';

/** Up to this many dropped events are named per blinded rule. */
const MAX_EXAMPLES = 3;

export interface BlindSpot {
  rule: RuleSummary;
  /** Input events the rule matches. */
  matched: number;
  /** Of those, the events the config drops. */
  dropped: number;
  /** Why they were dropped: the excluding rule's name, or the default. */
  droppedBy: Record<string, number>;
  /** Where the first dropped events came from. */
  examples: Provenance[];
}

export interface BlindSpotReport {
  events: number;
  /** Events the config drops. */
  droppedEvents: number;
  /** Rules that match at least one input event. */
  rulesMatching: number;
  /** Rules that match at least one dropped event, most dropped first. */
  blinded: BlindSpot[];
  /** Blinded rules all of whose matching events are dropped: on these inputs they never fire. */
  fullyBlinded: number;
}

interface RuleTally {
  matched: number;
  dropped: number;
  droppedBy: Record<string, number>;
  examples: Provenance[];
}

export class BlindSpotTally {
  private readonly matcher: Matcher;
  private readonly byRule = new Map<CompiledRule, RuleTally>();
  private events = 0;
  private droppedEvents = 0;

  constructor(private readonly config: CompiledConfig, rules: CompiledRule[]) {
    this.matcher = new Matcher(rules);
  }

  add(event: NormalizedEvent): void {
    this.events++;
    const verdict = evaluateEvent(this.config, event);
    const dropped = verdict.decision === 'exclude';
    if (dropped) this.droppedEvents++;
    for (const rule of this.matcher.match(event)) {
      let tally = this.byRule.get(rule);
      if (!tally) this.byRule.set(rule, (tally = { matched: 0, dropped: 0, droppedBy: {}, examples: [] }));
      tally.matched++;
      if (!dropped) continue;
      tally.dropped++;
      const label = verdictLabel(verdict);
      tally.droppedBy[label] = (tally.droppedBy[label] ?? 0) + 1;
      const source = provenanceOf(event);
      if (source && tally.examples.length < MAX_EXAMPLES) tally.examples.push(source);
    }
  }

  report(): BlindSpotReport {
    const blinded: Array<BlindSpot & { order: number }> = [];
    for (const [rule, t] of this.byRule) {
      if (t.dropped > 0) blinded.push({ rule: rule.summary, matched: t.matched, dropped: t.dropped, droppedBy: t.droppedBy, examples: t.examples, order: rule.order });
    }
    blinded.sort((a, b) => b.dropped - a.dropped || a.order - b.order);
    return {
      events: this.events,
      droppedEvents: this.droppedEvents,
      rulesMatching: this.byRule.size,
      blinded: blinded.map(({ order: _order, ...spot }) => spot),
      fullyBlinded: blinded.filter((b) => b.dropped === b.matched).length,
    };
  }
}

export async function findBlindSpots(config: CompiledConfig, rules: CompiledRule[], events: AsyncIterable<NormalizedEvent> | Iterable<NormalizedEvent>): Promise<BlindSpotReport> {
  const tally = new BlindSpotTally(config, rules);
  for await (const event of events) tally.add(event);
  return tally.report();
}
