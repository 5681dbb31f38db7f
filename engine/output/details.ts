/**
 * The Details column of a timeline: the few fields of an event that matter for its EventID, in the
 * spirit of Hayabusa's profiles (`Cmdline: ... ¦ Proc: ... ¦ User: ...`). A rule's own Sigma
 * `fields:` list, when it has one, takes their place: the rule's author knows best what to show.
 */
import type { NormalizedEvent } from '../event.js';

/** Label → Sysmon field, per EventID. Labels are short because the column is read on one line. */
const PROFILES: Record<number, Array<[string, string]>> = {
  1: [['Cmdline', 'CommandLine'], ['Proc', 'Image'], ['User', 'User'], ['ParentCmdline', 'ParentCommandLine'], ['PID', 'ProcessId'], ['PGUID', 'ProcessGuid']],
  2: [['Path', 'TargetFilename'], ['Proc', 'Image'], ['CreationTime', 'CreationUtcTime'], ['PrevTime', 'PreviousCreationUtcTime']],
  3: [['Proto', 'Protocol'], ['SrcIP', 'SourceIp'], ['SrcPort', 'SourcePort'], ['SrcHost', 'SourceHostname'], ['TgtIP', 'DestinationIp'], ['TgtPort', 'DestinationPort'], ['TgtHost', 'DestinationHostname'], ['User', 'User'], ['Proc', 'Image']],
  5: [['Proc', 'Image'], ['PID', 'ProcessId'], ['PGUID', 'ProcessGuid']],
  6: [['Path', 'ImageLoaded'], ['Hashes', 'Hashes'], ['Signed', 'Signed'], ['Sig', 'Signature']],
  7: [['Image', 'ImageLoaded'], ['Proc', 'Image'], ['Signed', 'Signed'], ['Sig', 'Signature'], ['Hashes', 'Hashes']],
  8: [['SrcProc', 'SourceImage'], ['TgtProc', 'TargetImage'], ['StartAddr', 'StartAddress'], ['StartFunc', 'StartFunction']],
  10: [['SrcProc', 'SourceImage'], ['TgtProc', 'TargetImage'], ['Access', 'GrantedAccess'], ['CallTrace', 'CallTrace']],
  11: [['Path', 'TargetFilename'], ['Proc', 'Image'], ['User', 'User']],
  12: [['EventType', 'EventType'], ['TgtObj', 'TargetObject'], ['Proc', 'Image']],
  13: [['EventType', 'EventType'], ['TgtObj', 'TargetObject'], ['Details', 'Details'], ['Proc', 'Image']],
  14: [['EventType', 'EventType'], ['TgtObj', 'TargetObject'], ['NewName', 'NewName'], ['Proc', 'Image']],
  15: [['Path', 'TargetFilename'], ['Proc', 'Image'], ['Hash', 'Hash'], ['Contents', 'Contents']],
  17: [['Pipe', 'PipeName'], ['Proc', 'Image']],
  18: [['Pipe', 'PipeName'], ['Proc', 'Image']],
  22: [['Query', 'QueryName'], ['Result', 'QueryResults'], ['Proc', 'Image'], ['PID', 'ProcessId']],
  23: [['Path', 'TargetFilename'], ['Proc', 'Image'], ['User', 'User']],
  25: [['Type', 'Type'], ['Proc', 'Image']],
  26: [['Path', 'TargetFilename'], ['Proc', 'Image'], ['User', 'User']],
};

/** Fields every event carries that say nothing about what happened (time and host have their own columns). */
const SYSTEM_FIELDS = new Set(['EventID', 'Channel', 'Computer', 'UtcTime', 'RuleName', 'EventRecordID', 'Provider', 'Level', 'Task', 'Opcode', 'Keywords', 'Version', 'TimeCreated', '@timestamp']);

const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

function render(pairs: Array<[string, unknown]>): string {
  return pairs
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([label, value]) => `${label}: ${text(value)}`)
    .join(' ¦ ');
}

/** The Details text of an event: the rule's `fields:` when given, else its EventID's profile, else its own fields. */
export function eventDetails(event: NormalizedEvent, ruleFields?: readonly string[]): string {
  if (ruleFields && ruleFields.length > 0) return render(ruleFields.map((f) => [f, event[f]]));
  const profile = typeof event.EventID === 'number' ? PROFILES[event.EventID] : undefined;
  if (profile) return render(profile.map(([label, field]) => [label, event[field]]));
  return render(Object.entries(event).filter(([key]) => !SYSTEM_FIELDS.has(key) && !key.startsWith('@')));
}
