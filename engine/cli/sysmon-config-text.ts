/** Human-readable summaries printed by `sigstream sysmon-config` (the JSON forms are the library's objects). */
import { type BlindSpotReport, type DiffSummary, type EventTypeCoverage, type OneSidedSummary } from '../index.js';

const LOGS_TEXT: Record<EventTypeCoverage['logs'], string> = {
  'all': 'everything',
  'none': 'nothing',
  'all-but-excluded': 'all but what exclude rules match',
  'only-included': 'only what include rules match',
};

export function coverageText(rows: EventTypeCoverage[]): string {
  const lines = ['  id  event type               include exclude conditions  logs'];
  for (const r of rows) {
    lines.push(`${String(r.id).padStart(4)}  ${r.tag.padEnd(24)} ${String(r.includeBlocks).padStart(7)} ${String(r.excludeBlocks).padStart(7)} ${String(r.conditions).padStart(10)}  ${LOGS_TEXT[r.logs]}${r.logs === 'only-included' && r.excludeBlocks > 0 ? ' and no exclude rule does' : ''}`);
  }
  return lines.join('\n') + '\n';
}

function sideText(label: string, side: OneSidedSummary): string[] {
  const lines = [`${label}: ${side.events} events`];
  const table = (title: string, counts: Record<string, number>) => {
    lines.push(`  ${title}:`);
    for (const [key, n] of Object.entries(counts).sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))) lines.push(`    ${String(n).padStart(6)}  ${key}`);
  };
  if (side.events > 0) {
    table('by event type', side.byEventType);
    table('kept by rule', side.keptByRule);
    table('dropped by rule', side.droppedByRule);
  }
  return lines;
}

export function diffText(a: string, b: string, summary: DiffSummary): string {
  return [
    `A: ${a}`,
    `B: ${b}`,
    `${summary.compared} events compared, ${summary.same} with the same verdict`,
    ...sideText('logged by A only', summary.onlyA),
    ...sideText('logged by B only', summary.onlyB),
  ].join('\n') + '\n';
}

export function blindSpotText(file: string, report: BlindSpotReport): string {
  const lines = [
    `config: ${file}`,
    `${report.events} events, ${report.droppedEvents} dropped by the config; ${report.rulesMatching} rules match some event`,
    `${report.blinded.length} rules blinded (match a dropped event), ${report.fullyBlinded} of them on every event they match`,
  ];
  for (const spot of report.blinded) {
    const why = Object.entries(spot.droppedBy).map(([label, n]) => `${label} ×${n}`).join('; ');
    lines.push(`  ${spot.dropped}/${spot.matched}  ${spot.rule.title} [${spot.rule.level ?? '-'}] ${spot.rule.path}`, `          dropped by: ${why}`);
  }
  return lines.join('\n') + '\n';
}
