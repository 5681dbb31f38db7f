/**
 * Sysmon event types as the config rule engine sees them: id, config element (rule tag), what an
 * unfiltered type does by default, and the ordered EventData field list (a field's index matters:
 * see evaluate.ts). Derived from shared/sysmon/schema.json (schema 4.90, binary 18), itself built from
 * microsoft/SysmonCommon manifest.xml at commit b6010a73e5145189687c83f94c8b5a23db7b8386
 * (MIT, LICENSE.SysmonCommon.txt beside this file); 27-29 are the Windows-only types schema.json derives.
 */

import { SYSMON_LINUX_CHANNEL, SYSMON_WINDOWS_CHANNEL } from '../events/channels.js';

export interface SysmonEventType {
  id: number;
  /** Config element that filters it (`RegistryEvent`), or null for 4, 16 and 255, which no config filters. */
  ruleTag: string | null;
  /** What Sysmon does with this type when the config has no block for it. */
  ruleDefault: 'include' | 'exclude' | null;
  fields: readonly string[];
}

export const SCHEMA_VERSION = '4.90';

export const SYSMON_CHANNELS: readonly string[] = [SYSMON_WINDOWS_CHANNEL, SYSMON_LINUX_CHANNEL];

export const SYSMON_EVENT_TYPES: readonly SysmonEventType[] = [
  { id: 1, ruleTag: 'ProcessCreate', ruleDefault: 'include', fields: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'FileVersion', 'Description', 'Product', 'Company', 'OriginalFileName', 'CommandLine', 'CurrentDirectory', 'User', 'LogonGuid', 'LogonId', 'TerminalSessionId', 'IntegrityLevel', 'Hashes', 'ParentProcessGuid', 'ParentProcessId', 'ParentImage', 'ParentCommandLine', 'ParentUser'] },
  { id: 2, ruleTag: 'FileCreateTime', ruleDefault: 'exclude', fields: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'TargetFilename', 'CreationUtcTime', 'PreviousCreationUtcTime', 'User'] },
  { id: 3, ruleTag: 'NetworkConnect', ruleDefault: 'exclude', fields: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'User', 'Protocol', 'Initiated', 'SourceIsIpv6', 'SourceIp', 'SourceHostname', 'SourcePort', 'SourcePortName', 'DestinationIsIpv6', 'DestinationIp', 'DestinationHostname', 'DestinationPort', 'DestinationPortName'] },
  { id: 4, ruleTag: null, ruleDefault: null, fields: ['UtcTime', 'State', 'Version', 'SchemaVersion'] },
  { id: 5, ruleTag: 'ProcessTerminate', ruleDefault: 'include', fields: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'User'] },
  { id: 6, ruleTag: 'DriverLoad', ruleDefault: 'exclude', fields: ['RuleName', 'UtcTime', 'ImageLoaded', 'Hashes', 'Signed', 'Signature', 'SignatureStatus'] },
  { id: 7, ruleTag: 'ImageLoad', ruleDefault: 'exclude', fields: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'ImageLoaded', 'FileVersion', 'Description', 'Product', 'Company', 'OriginalFileName', 'Hashes', 'Signed', 'Signature', 'SignatureStatus', 'User'] },
  { id: 8, ruleTag: 'CreateRemoteThread', ruleDefault: 'exclude', fields: ['RuleName', 'UtcTime', 'SourceProcessGuid', 'SourceProcessId', 'SourceImage', 'TargetProcessGuid', 'TargetProcessId', 'TargetImage', 'NewThreadId', 'StartAddress', 'StartModule', 'StartFunction', 'SourceUser', 'TargetUser'] },
  { id: 9, ruleTag: 'RawAccessRead', ruleDefault: 'exclude', fields: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'Device', 'User'] },
  { id: 10, ruleTag: 'ProcessAccess', ruleDefault: 'exclude', fields: ['RuleName', 'UtcTime', 'SourceProcessGUID', 'SourceProcessId', 'SourceThreadId', 'SourceImage', 'TargetProcessGUID', 'TargetProcessId', 'TargetImage', 'GrantedAccess', 'CallTrace', 'SourceUser', 'TargetUser'] },
  { id: 11, ruleTag: 'FileCreate', ruleDefault: 'exclude', fields: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'TargetFilename', 'CreationUtcTime', 'User'] },
  { id: 12, ruleTag: 'RegistryEvent', ruleDefault: 'exclude', fields: ['RuleName', 'EventType', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'TargetObject', 'User'] },
  { id: 13, ruleTag: 'RegistryEvent', ruleDefault: 'exclude', fields: ['RuleName', 'EventType', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'TargetObject', 'Details', 'User'] },
  { id: 14, ruleTag: 'RegistryEvent', ruleDefault: 'exclude', fields: ['RuleName', 'EventType', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'TargetObject', 'NewName', 'User'] },
  { id: 15, ruleTag: 'FileCreateStreamHash', ruleDefault: 'exclude', fields: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'TargetFilename', 'CreationUtcTime', 'Hash', 'Contents', 'User'] },
  { id: 16, ruleTag: null, ruleDefault: null, fields: ['UtcTime', 'Configuration', 'ConfigurationFileHash'] },
  { id: 17, ruleTag: 'PipeEvent', ruleDefault: 'exclude', fields: ['RuleName', 'EventType', 'UtcTime', 'ProcessGuid', 'ProcessId', 'PipeName', 'Image', 'User'] },
  { id: 18, ruleTag: 'PipeEvent', ruleDefault: 'exclude', fields: ['RuleName', 'EventType', 'UtcTime', 'ProcessGuid', 'ProcessId', 'PipeName', 'Image', 'User'] },
  { id: 19, ruleTag: 'WmiEvent', ruleDefault: 'exclude', fields: ['RuleName', 'EventType', 'UtcTime', 'Operation', 'User', 'EventNamespace', 'Name', 'Query'] },
  { id: 20, ruleTag: 'WmiEvent', ruleDefault: 'exclude', fields: ['RuleName', 'EventType', 'UtcTime', 'Operation', 'User', 'Name', 'Type', 'Destination'] },
  { id: 21, ruleTag: 'WmiEvent', ruleDefault: 'exclude', fields: ['RuleName', 'EventType', 'UtcTime', 'Operation', 'User', 'Consumer', 'Filter'] },
  { id: 22, ruleTag: 'DnsQuery', ruleDefault: 'exclude', fields: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'QueryName', 'QueryStatus', 'QueryResults', 'Image', 'User'] },
  { id: 23, ruleTag: 'FileDelete', ruleDefault: 'exclude', fields: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'User', 'Image', 'TargetFilename', 'Hashes', 'IsExecutable', 'Archived'] },
  { id: 24, ruleTag: 'ClipboardChange', ruleDefault: 'exclude', fields: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'Session', 'ClientInfo', 'Hashes', 'Archived', 'User'] },
  { id: 25, ruleTag: 'ProcessTampering', ruleDefault: 'exclude', fields: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'Type', 'User'] },
  { id: 26, ruleTag: 'FileDeleteDetected', ruleDefault: 'exclude', fields: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'User', 'Image', 'TargetFilename', 'Hashes', 'IsExecutable'] },
  { id: 27, ruleTag: 'FileBlockExecutable', ruleDefault: 'exclude', fields: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'User', 'Image', 'TargetFilename', 'Hashes'] },
  { id: 28, ruleTag: 'FileBlockShredding', ruleDefault: 'exclude', fields: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'User', 'Image', 'TargetFilename', 'Hashes', 'IsExecutable'] },
  { id: 29, ruleTag: 'FileExecutableDetected', ruleDefault: 'exclude', fields: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'User', 'Image', 'TargetFilename', 'Hashes'] },
  { id: 100, ruleTag: 'eBPFEvent', ruleDefault: 'exclude', fields: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'User', 'BpfCommand', 'BpfProgramType', 'BpfProgramId', 'BpfProgramName'] },
  { id: 255, ruleTag: null, ruleDefault: null, fields: ['UtcTime', 'ID', 'Description'] },
];

/** The 16 filter conditions, as the manifest lists them; `is` when a rule gives none. */
export const FILTER_CONDITIONS = ['is', 'is not', 'contains', 'contains any', 'is any', 'contains all', 'excludes', 'excludes any', 'excludes all', 'begin with', 'not begin with', 'end with', 'not end with', 'less than', 'more than', 'image'] as const;
export const DEFAULT_CONDITION = 'is';

const BY_ID = new Map(SYSMON_EVENT_TYPES.map((type) => [type.id, type]));

export function eventTypeById(id: number): SysmonEventType | undefined {
  return BY_ID.get(id);
}

/**
 * The event types one config element filters, in manifest order (RegistryEvent: 12, 13, 14).
 * Empty for an element name that is no rule tag.
 */
export function eventTypesForTag(tag: string): SysmonEventType[] {
  return SYSMON_EVENT_TYPES.filter((type) => type.ruleTag === tag);
}

/** Every config element name that is a rule tag, in manifest order. */
export const RULE_TAGS: readonly string[] = [...new Set(SYSMON_EVENT_TYPES.flatMap((type) => (type.ruleTag ? [type.ruleTag] : [])))];
