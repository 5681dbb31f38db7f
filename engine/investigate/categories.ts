/**
 * Sysmon EventID → the investigation category an analyst thinks in (SysmonSearch's icons): one
 * table shared by `stats` (events by category), `tree` (activity grouped under a process) and the
 * report's graph (one icon per category).
 */

export interface EventCategory {
  /** Stable name, used as a JSON key and a CSS class. */
  name: string;
  /** What the terminal and the page show. */
  label: string;
  eventIds: readonly number[];
}

export const EVENT_CATEGORIES: readonly EventCategory[] = [
  { name: 'process', label: 'process', eventIds: [1, 5] },
  { name: 'network', label: 'network', eventIds: [3] },
  { name: 'dns', label: 'DNS', eventIds: [22] },
  { name: 'file', label: 'file', eventIds: [2, 11, 15, 23, 26, 27, 28, 29] },
  { name: 'registry', label: 'registry', eventIds: [12, 13, 14] },
  { name: 'image-load', label: 'image load', eventIds: [7] },
  { name: 'remote-thread', label: 'remote thread', eventIds: [8] },
  { name: 'process-access', label: 'process access', eventIds: [10] },
  { name: 'wmi', label: 'WMI', eventIds: [19, 20, 21] },
  { name: 'pipe', label: 'pipe', eventIds: [17, 18] },
  { name: 'driver', label: 'driver', eventIds: [6] },
  { name: 'raw-access', label: 'raw access', eventIds: [9] },
  { name: 'clipboard', label: 'clipboard', eventIds: [24] },
  { name: 'tampering', label: 'tampering', eventIds: [25] },
  { name: 'sysmon', label: 'Sysmon service', eventIds: [4, 16, 255] },
];

/** Events whose EventID is in no category above (other channels, future Sysmon ids). */
export const OTHER_CATEGORY = 'other';

const byEventId = new Map(EVENT_CATEGORIES.flatMap((c) => c.eventIds.map((id) => [id, c.name] as const)));

export function categoryOf(eventId: number | undefined): string {
  return (eventId !== undefined && byEventId.get(eventId)) || OTHER_CATEGORY;
}
