/**
 * SysmonSearch's eight search criteria, each mapped to the Sysmon fields of every EventID where
 * such a value appears (docs/investigate.md prints this table). A field is compared in one of a few
 * ways, because Sysmon writes the same kind of value differently: an image is a full path the analyst
 * names by its file name, DNS answers are a `;`-separated list, hashes are `ALG=VALUE` pairs.
 */

/** How one field is compared with a criterion's value (Sigma wildcards `*` `?` work in every mode). */
export type FieldMatch =
  /** The whole value, case-insensitively. */
  | 'exact'
  /** The whole value, or the last path component (`powershell.exe` finds `C:\...\powershell.exe`, `wget` finds `/usr/bin/wget`). */
  | 'basename'
  /** One item of a `;`-separated list (DNS QueryResults: `::ffff:1.2.3.4;1.2.3.4;`). */
  | 'list-item'
  /** One hash of an `ALG=VALUE,ALG=VALUE` list, by its value or as `ALG=VALUE`. */
  | 'hash-item';

export interface FieldRule {
  field: string;
  match: FieldMatch;
}

export interface SearchCriterion {
  /** The CLI flag without dashes, and the report's search menu entry. */
  name: string;
  description: string;
  /** EventID → the fields that carry this kind of value in that event. */
  fields: Readonly<Record<number, readonly FieldRule[]>>;
}

const exact = (field: string): FieldRule => ({ field, match: 'exact' });
const basename = (field: string): FieldRule => ({ field, match: 'basename' });

/** Fill one field list into several EventIDs. */
function each(eventIds: number[], rules: FieldRule[]): Record<number, FieldRule[]> {
  return Object.fromEntries(eventIds.map((id) => [id, rules]));
}

/** EventIDs whose events name the acting process in `Image`. */
const IMAGE_EVENTS = [2, 3, 5, 7, 9, 11, 12, 13, 14, 15, 17, 18, 22, 23, 24, 25, 26, 27, 28, 29];
/** EventIDs that name a file in `TargetFilename`. */
const FILE_EVENTS = [2, 11, 15, 23, 26, 27, 28, 29];
/** EventIDs that carry `Hashes` (EID 15 has one `Hash`). */
const HASH_EVENTS = [1, 6, 7, 23, 24, 26, 27, 28, 29];

export const SEARCH_CRITERIA: readonly SearchCriterion[] = [
  {
    name: 'ip',
    description: 'an IP address: either end of a connection, or a DNS answer',
    fields: { 3: [exact('SourceIp'), exact('DestinationIp')], 22: [{ field: 'QueryResults', match: 'list-item' }] },
  },
  {
    name: 'port',
    description: 'a port number: either end of a connection',
    fields: { 3: [exact('SourcePort'), exact('DestinationPort')] },
  },
  {
    name: 'host',
    description: 'a host name: either end of a connection, or a DNS query',
    fields: { 3: [exact('SourceHostname'), exact('DestinationHostname')], 22: [exact('QueryName')] },
  },
  {
    name: 'process',
    description: 'a process image (full path or file name): the actor, parent, or source/target of an access',
    fields: {
      1: [basename('Image'), basename('ParentImage')],
      ...each(IMAGE_EVENTS, [basename('Image')]),
      8: [basename('SourceImage'), basename('TargetImage')],
      10: [basename('SourceImage'), basename('TargetImage')],
    },
  },
  {
    name: 'file',
    description: 'a file (full path or file name): created, deleted, streamed, or loaded as an image or driver',
    fields: { ...each(FILE_EVENTS, [basename('TargetFilename')]), 6: [basename('ImageLoaded')], 7: [basename('ImageLoaded')] },
  },
  {
    name: 'registry-key',
    description: 'a registry key or value path (TargetObject, or the new name of a rename)',
    fields: { 12: [exact('TargetObject')], 13: [exact('TargetObject')], 14: [exact('TargetObject'), exact('NewName')] },
  },
  {
    name: 'registry-value',
    description: 'a registry value: its name (last component of the path) or the data set',
    fields: { 13: [{ field: 'TargetObject', match: 'basename' }, exact('Details')] },
  },
  {
    name: 'hash',
    description: 'a hash (MD5, SHA1, SHA256, IMPHASH), alone or as ALG=VALUE',
    fields: { ...each(HASH_EVENTS, [{ field: 'Hashes', match: 'hash-item' }]), 15: [{ field: 'Hash', match: 'hash-item' }] },
  },
];

export const CRITERION_NAMES: readonly string[] = SEARCH_CRITERIA.map((c) => c.name);

export function criterionNamed(name: string): SearchCriterion | undefined {
  return SEARCH_CRITERIA.find((c) => c.name === name);
}
