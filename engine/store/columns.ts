/**
 * The columns of the store's `events` table beside the full event (kept as JSON): the Sysmon fields
 * that searches, statistics and the process tree ask for across event types, chosen from
 * ../shared/sysmon/schema.json (every field that two or more event ids share, plus the fields of the
 * search criteria). Any other field is still there, in the JSON, and still matched by rules.
 */
export const STORE_COLUMNS = [
  'Computer',
  'Channel',
  'EventRecordID',
  'UtcTime',
  'RuleName',
  'User',
  'ProcessGuid',
  'ProcessId',
  'Image',
  'CommandLine',
  'ParentProcessGuid',
  'ParentImage',
  'ParentCommandLine',
  'OriginalFileName',
  'Hashes',
  'TargetFilename',
  'EventType',
  'TargetObject',
  'Details',
  'ImageLoaded',
  'SourceImage',
  'TargetImage',
  'SourceProcessGuid',
  'TargetProcessGuid',
  'SourceIp',
  'SourcePort',
  'SourceHostname',
  'DestinationIp',
  'DestinationPort',
  'DestinationHostname',
  'QueryName',
  'QueryResults',
  'PipeName',
] as const;

export type StoreColumn = (typeof STORE_COLUMNS)[number];

const COLUMN_SET: ReadonlySet<string> = new Set(STORE_COLUMNS);

export function isStoreColumn(field: string): field is StoreColumn {
  return COLUMN_SET.has(field);
}
