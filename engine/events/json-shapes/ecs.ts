/**
 * Winlogbeat / Elastic Agent documents (ECS): the event's own fields under `winlog.event_data`
 * (and `winlog.user_data`), the System block spread over `winlog.*`, `host.name` and `@timestamp`.
 * Nested objects and dotted keys (`"winlog.event_data.Image"`, as Kibana exports) both work, and an
 * Elasticsearch hit (`{"_source": {…}}`) is unwrapped.
 */
import { ownField, setField, type NormalizedEvent } from '../../event.js';
import { clashNames, SYSTEM_FIELD_NAMES } from '../system-fields.js';
import { eventIdOf, isObject, scalarText, type JsonObject, type JsonShape } from './shape.js';

/** Value at a dotted path, whether the document nests it or spells the path as one key. */
function get(doc: JsonObject, path: string): unknown {
  if (Object.hasOwn(doc, path)) return doc[path];
  let node: unknown = doc;
  for (const part of path.split('.')) {
    if (!isObject(node)) return undefined;
    node = ownField(node, part);
  }
  return node;
}

/** Fields of an object at `path`, nested or as dotted keys `path.Field`. */
function fieldsAt(doc: JsonObject, path: string): Array<[string, unknown]> {
  const nested = get(doc, path);
  const fields: Array<[string, unknown]> = isObject(nested) ? Object.entries(nested) : [];
  const prefix = path + '.';
  for (const [key, value] of Object.entries(doc)) if (key.startsWith(prefix)) fields.push([key.slice(prefix.length), value]);
  return fields;
}

/** System fields of the normalized event and where ECS keeps them (first present wins). */
const SYSTEM_FIELDS: Array<[string, string[]]> = [
  ['Channel', ['winlog.channel']],
  ['Provider_Name', ['winlog.provider_name']],
  ['Provider_Guid', ['winlog.provider_guid']],
  ['Computer', ['winlog.computer_name', 'host.name', 'host.hostname']],
  ['EventRecordID', ['winlog.record_id']],
  ['Execution_ProcessID', ['winlog.process.pid']],
  ['Execution_ThreadID', ['winlog.process.thread.id']],
  ['Security_UserID', ['winlog.user.identifier']],
  ['Version', ['winlog.version']],
  ['@timestamp', ['@timestamp']],
];

function documentOf(record: JsonObject): JsonObject {
  const source = ownField(record, '_source');
  return isObject(source) ? source : record;
}

export const ecsShape: JsonShape = {
  name: 'ecs',
  detect(record) {
    const doc = documentOf(record);
    return isObject(doc.winlog) || Object.keys(doc).some((key) => key.startsWith('winlog.'));
  },
  toEvent(record) {
    const doc = documentOf(record);
    const event: NormalizedEvent = {};
    const rawId = get(doc, 'winlog.event_id') ?? get(doc, 'event.code');
    const id = eventIdOf(rawId);
    if (id === undefined) return rawId === undefined ? 'no winlog.event_id or event.code' : `event id ${JSON.stringify(rawId)} is not a number`;
    event.EventID = id;
    const fromSystem = new Set<string>(['EventID']);
    for (const [field, paths] of SYSTEM_FIELDS) {
      for (const path of paths) {
        const text = scalarText(get(doc, path));
        if (text !== undefined) {
          event[field] = text;
          fromSystem.add(field);
          break;
        }
      }
    }
    for (const section of ['winlog.event_data', 'winlog.user_data']) {
      for (const [key, value] of fieldsAt(doc, section)) {
        const text = scalarText(value);
        if (text === undefined) continue;
        let name = key.replace(/\s+/g, '');
        if (SYSTEM_FIELD_NAMES.has(name) && fromSystem.has(name)) {
          // A data field named like a System field: both are kept, as eventFromXml keeps them.
          const names = clashNames(name);
          if (names.system !== name) {
            event[names.system] = event[name];
            delete event[name];
            fromSystem.delete(name);
          }
          name = names.data;
        }
        setField(event, name, text);
      }
    }
    return event;
  },
};
