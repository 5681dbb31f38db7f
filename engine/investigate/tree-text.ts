/** A process tree for the terminal: ancestors, then the process and its descendants, each with its activity. */
import { categoryOf, EVENT_CATEGORIES } from './categories.js';
import { describeEvent } from './describe.js';
import type { ProcessIndex, ProcessInfo } from './tree.js';

export interface TreeTextOptions {
  /** Rule titles per process GUID: those processes are marked `!` with the titles. */
  hits?: Map<string, string[]>;
}

const label = new Map(EVENT_CATEGORIES.map((c) => [c.name, c.label]));

function processLine(p: ProcessInfo, hits: Map<string, string[]> | undefined): string {
  const titles = hits?.get(p.guid);
  const mark = titles ? `! ` : '';
  const what = p.commandLine ?? p.image ?? '(unknown image)';
  const known = p.created ? '' : ' (no creation event)';
  return `${mark}${p.image ?? '?'} [pid ${p.pid ?? '?'}] ${p.guid}${known}${what !== p.image ? `: ${what}` : ''}${titles ? `  ← hits: ${titles.join('; ')}` : ''}`;
}

function activityLines(p: ProcessInfo, indent: string): string[] {
  return p.activity.map((e) => `${indent}  · ${(label.get(categoryOf(e.EventID)) ?? 'other').padEnd(14)} ${String(e.EventID).padStart(2)}  ${describeEvent(e)}`);
}

/** The tree around `guid`, or undefined when the input never names that process. */
export function formatTree(index: ProcessIndex, guid: string, options: TreeTextOptions = {}): string | undefined {
  const self = index.get(guid);
  if (!self) return undefined;
  const lines: string[] = [`process tree around ${guid}${self.host ? ` on ${self.host}` : ''}`];
  const ancestors = index.ancestorsOf(guid);
  ancestors.forEach((p, depth) => {
    lines.push(`${'   '.repeat(depth)}${depth > 0 ? '└─ ' : ''}${processLine(p, options.hits)}`);
  });
  const base = ancestors.length;
  for (const { process, depth } of index.descendantsOf(guid)) {
    const level = base + depth;
    const indent = '   '.repeat(level);
    lines.push(`${'   '.repeat(Math.max(0, level - 1))}${level > 0 ? '└─ ' : ''}${depth === 0 ? '▶ ' : ''}${processLine(process, options.hits)}`);
    lines.push(...activityLines(process, indent));
  }
  return lines.join('\n') + '\n';
}
