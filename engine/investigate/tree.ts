/**
 * `tree`: processes linked by ProcessGuid → ParentProcessGuid, each with the events it caused.
 * A `ProcessIndex` is filled from a stream once; a tree around one GUID is then read from it
 * (ancestors up to the oldest known, descendants down to the leaves).
 */
import { eventTimeMs, type NormalizedEvent } from '../event.js';
import type { Hit } from '../hit.js';
import { actorGuid, hitGuids, parentGuid } from './process-guids.js';

export interface ProcessInfo {
  guid: string;
  image?: string;
  commandLine?: string;
  pid?: string;
  host?: string;
  /** The process's creation event (EID 1), when the input has it. */
  created?: NormalizedEvent;
  parent?: string;
  /** Every other event the process caused, in input order. */
  activity: NormalizedEvent[];
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

export class ProcessIndex {
  private readonly processes = new Map<string, ProcessInfo>();
  private readonly children = new Map<string, Set<string>>();

  private info(guid: string): ProcessInfo {
    let info = this.processes.get(guid);
    if (!info) {
      info = { guid, activity: [] };
      this.processes.set(guid, info);
    }
    return info;
  }

  add(event: NormalizedEvent): void {
    const guid = actorGuid(event);
    if (guid === undefined) return;
    const info = this.info(guid);
    info.host ??= str(event.Computer);
    info.image ??= str(event.Image) ?? str(event.SourceImage);
    if (event.EventID !== 1) {
      info.activity.push(event);
      return;
    }
    info.created = event;
    info.image = str(event.Image) ?? info.image;
    info.commandLine = str(event.CommandLine);
    info.pid = str(event.ProcessId);
    const parent = parentGuid(event);
    if (parent === undefined) return;
    info.parent = parent;
    // A parent whose own creation is not in the input is still known by its child's Parent* fields.
    const parentInfo = this.info(parent);
    parentInfo.image ??= str(event.ParentImage);
    parentInfo.commandLine ??= str(event.ParentCommandLine);
    parentInfo.pid ??= str(event.ParentProcessId);
    parentInfo.host ??= str(event.Computer);
    let set = this.children.get(parent);
    if (!set) this.children.set(parent, (set = new Set()));
    set.add(guid);
  }

  get(guid: string): ProcessInfo | undefined {
    return this.processes.get(guid);
  }

  childrenOf(guid: string): ProcessInfo[] {
    const startOf = (p: ProcessInfo) => (p.created ? eventTimeMs(p.created) ?? 0 : 0);
    return [...(this.children.get(guid) ?? [])].map((g) => this.processes.get(g)!).sort((a, b) => startOf(a) - startOf(b));
  }

  /** The chain of known parents, oldest first, without the process itself (a cycle ends the walk). */
  ancestorsOf(guid: string): ProcessInfo[] {
    const chain: ProcessInfo[] = [];
    const seen = new Set([guid]);
    for (let p = this.processes.get(guid)?.parent; p !== undefined && !seen.has(p); p = this.processes.get(p)?.parent) {
      seen.add(p);
      chain.unshift(this.processes.get(p)!);
    }
    return chain;
  }

  /** The process and every descendant, depth first, each with its depth below the process. */
  descendantsOf(guid: string): { process: ProcessInfo; depth: number }[] {
    const out: { process: ProcessInfo; depth: number }[] = [];
    const seen = new Set<string>();
    const walk = (p: ProcessInfo, depth: number) => {
      if (seen.has(p.guid)) return;
      seen.add(p.guid);
      out.push({ process: p, depth });
      for (const child of this.childrenOf(p.guid)) walk(child, depth + 1);
    };
    const root = this.processes.get(guid);
    if (root) walk(root, 0);
    return out;
  }
}

export async function indexProcesses(events: AsyncIterable<NormalizedEvent>): Promise<ProcessIndex> {
  const index = new ProcessIndex();
  for await (const event of events) index.add(event);
  return index;
}

/** Rule titles per process GUID, from hits (`tree --hits`). */
export function hitsByProcess(hits: Iterable<Hit>): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const hit of hits) {
    for (const guid of hitGuids(hit)) {
      const titles = found.get(guid) ?? [];
      if (!titles.includes(hit.rule.title)) titles.push(hit.rule.title);
      found.set(guid, titles);
    }
  }
  return found;
}
