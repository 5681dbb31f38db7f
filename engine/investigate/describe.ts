/** One line that says what an event did, per category: the text of tree lines and graph nodes. */
import type { NormalizedEvent } from '../event.js';
import { categoryOf } from './categories.js';

function field(event: NormalizedEvent, name: string): string {
  const value = event[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** The last path component of an image or file path (Windows or Unix). */
export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1);
}

const DESCRIBE: Record<string, (e: NormalizedEvent) => string> = {
  process: (e) => (e.EventID === 5 ? 'terminated' : field(e, 'CommandLine') || field(e, 'Image')),
  network: (e) => {
    const host = field(e, 'DestinationHostname');
    return `${field(e, 'Protocol')} ${field(e, 'DestinationIp')}:${field(e, 'DestinationPort')}${host && host !== '-' ? ` (${host})` : ''}`.trim();
  },
  dns: (e) => `${field(e, 'QueryName')} → ${field(e, 'QueryResults') || field(e, 'QueryStatus')}`,
  file: (e) => field(e, 'TargetFilename'),
  registry: (e) => `${field(e, 'EventType')} ${field(e, 'TargetObject')}${field(e, 'Details') ? ` = ${field(e, 'Details')}` : ''}${field(e, 'NewName') ? ` → ${field(e, 'NewName')}` : ''}`.trim(),
  'image-load': (e) => field(e, 'ImageLoaded'),
  driver: (e) => field(e, 'ImageLoaded'),
  'remote-thread': (e) => `→ ${field(e, 'TargetImage')}`,
  'process-access': (e) => `→ ${field(e, 'TargetImage')} (${field(e, 'GrantedAccess')})`,
  wmi: (e) => `${field(e, 'Operation')} ${field(e, 'Name') || field(e, 'Consumer')} ${field(e, 'Query') || field(e, 'Destination')}`.trim(),
  pipe: (e) => field(e, 'PipeName'),
  'raw-access': (e) => field(e, 'Device'),
  clipboard: (e) => field(e, 'Hashes'),
  tampering: (e) => field(e, 'Type'),
};

export function describeEvent(event: NormalizedEvent): string {
  const describe = DESCRIBE[categoryOf(event.EventID)];
  const text = describe ? describe(event) : '';
  return text.length > 200 ? text.slice(0, 199) + '…' : text;
}
