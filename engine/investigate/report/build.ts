/** `report`: rules over events, then one offline HTML page of the hits, their process graphs and statistics. */
import type { Diagnostic } from '../../diagnostics.js';
import type { NormalizedEvent } from '../../event.js';
import type { Hit } from '../../hit.js';
import type { Detector } from '../../pipeline/detector.js';
import { eventKey } from '../../store/event-key.js';
import { reportAssets } from './assets.js';
import { ReportCollector, type ReportData, type ReportOptions } from './data.js';
import { reportHtml } from './html.js';

export interface BuiltReport {
  html: string;
  data: ReportData;
  diagnostics: Diagnostic[];
}

/** Run the detector over the events and build the page (the detector's correlations are flushed at the end). */
export async function buildReport(detector: Detector, events: AsyncIterable<NormalizedEvent>, options: ReportOptions = {}): Promise<BuiltReport> {
  const collector = new ReportCollector();
  for await (const event of events) {
    collector.addEvent(event);
    for (const hit of detector.process(event)) collector.addHit(hit);
  }
  for (const hit of detector.flush()) collector.addHit(hit);
  return page(collector, options);
}

function page(collector: ReportCollector, options: ReportOptions): BuiltReport {
  const { data, diagnostics } = collector.result(options);
  return { html: reportHtml(data, reportAssets()), data, diagnostics };
}

/**
 * The page of hits found earlier and kept elsewhere (`report --store` without rules: the hits of
 * `run --to-store`). Each hit is shown with its event as read from `events`, found by the event's
 * identity (Computer, Channel, EventRecordID); a hit whose event is not among them brings its own copy.
 */
export async function buildReportFromHits(events: AsyncIterable<NormalizedEvent>, hits: AsyncIterable<Hit>, options: ReportOptions = {}): Promise<BuiltReport> {
  const collector = new ReportCollector();
  const byKey = new Map<string, NormalizedEvent>();
  for await (const event of events) {
    collector.addEvent(event);
    byKey.set(eventKey(event), event);
  }
  const attach = (hit: Hit): void => {
    if (hit.kind === 'correlation') return hit.hits.forEach(attach);
    const key = eventKey(hit.event);
    const stored = byKey.get(key);
    if (stored) hit.event = stored;
    else {
      collector.addEvent(hit.event);
      byKey.set(key, hit.event);
    }
  };
  for await (const hit of hits) {
    attach(hit);
    collector.addHit(hit);
  }
  return page(collector, options);
}
