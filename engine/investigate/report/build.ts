/** `report`: rules over events, then one offline HTML page of the hits, their process graphs and statistics. */
import type { Diagnostic } from '../../diagnostics.js';
import type { NormalizedEvent } from '../../event.js';
import type { Detector } from '../../pipeline/detector.js';
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
  const { data, diagnostics } = collector.result(options);
  return { html: reportHtml(data, reportAssets()), data, diagnostics };
}
