/**
 * Sigma log source categories → Sysmon event ids and channels (SIGMA.md §8.1, §8.2), plus the
 * non-Sysmon Windows categories that map to one channel and event id (PowerShell). Event id
 * names and fields live in engine/sysmon-config/event-types.ts (from Sysmon's own manifest).
 */
import { SYSMON_LINUX_CHANNEL, SYSMON_WINDOWS_CHANNEL } from './channels.js';

/** Where a category's events come from: a channel set, event ids, and an optional EventType filter. */
export interface CategorySource {
  channels: string[];
  eventIds: number[];
  /** registry_add / registry_delete are EID 12 split by EventType (SigmaHQ's mapping). */
  eventTypes?: string[];
}

const sysmonWindows = (eventIds: number[], eventTypes?: string[]): CategorySource => ({ channels: [SYSMON_WINDOWS_CHANNEL], eventIds, eventTypes });
const sysmonLinux = (eventIds: number[]): CategorySource => ({ channels: [SYSMON_LINUX_CHANNEL], eventIds });
const powershell = (eventIds: number[]): CategorySource => ({ channels: ['Microsoft-Windows-PowerShell/Operational', 'PowerShellCore/Operational'], eventIds });

export const WINDOWS_CATEGORIES: Record<string, CategorySource> = {
  process_creation: sysmonWindows([1]),
  file_change: sysmonWindows([2]),
  network_connection: sysmonWindows([3]),
  sysmon_status: sysmonWindows([4, 16]),
  process_termination: sysmonWindows([5]),
  driver_load: sysmonWindows([6]),
  image_load: sysmonWindows([7]),
  create_remote_thread: sysmonWindows([8]),
  raw_access_thread: sysmonWindows([9]),
  process_access: sysmonWindows([10]),
  file_event: sysmonWindows([11]),
  registry_event: sysmonWindows([12, 13, 14]),
  registry_add: sysmonWindows([12], ['CreateKey']),
  registry_delete: sysmonWindows([12], ['DeleteKey', 'DeleteValue']),
  registry_set: sysmonWindows([13]),
  registry_rename: sysmonWindows([14]),
  create_stream_hash: sysmonWindows([15]),
  pipe_created: sysmonWindows([17, 18]),
  wmi_event: sysmonWindows([19, 20, 21]),
  dns_query: sysmonWindows([22]),
  file_delete: sysmonWindows([23]),
  clipboard_capture: sysmonWindows([24]),
  clipboard_change: sysmonWindows([24]),
  process_tampering: sysmonWindows([25]),
  file_delete_detected: sysmonWindows([26]),
  file_block_executable: sysmonWindows([27]),
  file_block_shredding: sysmonWindows([28]),
  file_executable_detected: sysmonWindows([29]),
  sysmon_error: sysmonWindows([255]),
  ps_module: powershell([4103]),
  ps_script: powershell([4104]),
  ps_classic_start: { channels: ['Windows PowerShell'], eventIds: [400] },
  ps_classic_provider_start: { channels: ['Windows PowerShell'], eventIds: [600] },
  ps_classic_script: { channels: ['Windows PowerShell'], eventIds: [800] },
};

/** Categories Sysmon for Linux serves (SIGMA.md §8.2). */
export const LINUX_CATEGORIES: Record<string, CategorySource> = {
  process_creation: sysmonLinux([1]),
  network_connection: sysmonLinux([3]),
  sysmon_status: sysmonLinux([4, 16]),
  process_termination: sysmonLinux([5]),
  raw_access_read: sysmonLinux([9]),
  file_event: sysmonLinux([11]),
  file_delete: sysmonLinux([23]),
};
