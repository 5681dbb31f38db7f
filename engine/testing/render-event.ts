/**
 * The inverse of the readers, for tests and benches: a normalized event rendered as Windows event
 * XML or as evtx_dump JSON. Reading the rendering back must give the event again, which is how the
 * text readers are checked against real events and how their throughput is measured.
 */
import { PROVENANCE_KEY, type NormalizedEvent } from '../event.js';

/** Fields that live in `<System>` as elements; `X_Y` fields are attribute `Y` of element `X`. */
const SYSTEM_ELEMENTS = new Set(['EventID', 'Version', 'Level', 'Task', 'Opcode', 'Keywords', 'EventRecordID', 'Channel', 'Computer']);
const SYSTEM_ATTRIBUTES = /^(Provider|Execution|Security|Correlation)_(\w+)$/;

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r/g, '&#13;').replace(/\n/g, '&#10;');
}

interface Parts {
  /** System elements in order, as [name, text]. */
  system: Array<[string, string]>;
  /** System attribute elements: element → attribute → value. */
  attributes: Record<string, Record<string, string>>;
  time?: string;
  data: Array<[string, string]>;
}

function split(event: NormalizedEvent): Parts {
  const parts: Parts = { system: [], attributes: {}, data: [] };
  for (const [key, raw] of Object.entries(event)) {
    if (key === PROVENANCE_KEY) continue;
    const value = String(raw);
    const attribute = SYSTEM_ATTRIBUTES.exec(key);
    if (attribute) (parts.attributes[attribute[1]] ??= {})[attribute[2]] = value;
    else if (key === '@timestamp') parts.time = value;
    else if (SYSTEM_ELEMENTS.has(key)) parts.system.push([key, value]);
    else parts.data.push([key, value]);
  }
  return parts;
}

/** One `<Event>` element on one line; `namespace: false` as Sysmon for Linux writes it. */
export function eventToXml(event: NormalizedEvent, options: { namespace?: boolean } = {}): string {
  const { system, attributes, time, data } = split(event);
  let xml = options.namespace === false ? '<Event><System>' : '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>';
  for (const [name, attrs] of Object.entries(attributes)) {
    xml += `<${name}${Object.entries(attrs).map(([k, v]) => ` ${k}="${escape(v)}"`).join('')}/>`;
  }
  if (time !== undefined) xml += `<TimeCreated SystemTime="${escape(time)}"/>`;
  for (const [name, value] of system) xml += `<${name}>${escape(value)}</${name}>`;
  xml += '</System><EventData>';
  for (const [name, value] of data) xml += `<Data Name="${escape(name)}">${escape(value)}</Data>`;
  return xml + '</EventData></Event>';
}

/** The evtx_dump JSON form (`{"Event":{"System":…,"EventData":…}}`), numbers as evtx_dump writes them. */
export function eventToEvtxJson(event: NormalizedEvent): unknown {
  const { system, attributes, time, data } = split(event);
  const systemJson: Record<string, unknown> = {};
  for (const [name, attrs] of Object.entries(attributes)) systemJson[name] = { '#attributes': attrs };
  if (time !== undefined) systemJson.TimeCreated = { '#attributes': { SystemTime: time } };
  for (const [name, value] of system) systemJson[name] = /^\d+$/.test(value) ? Number(value) : value;
  return { Event: { System: systemJson, EventData: Object.fromEntries(data) } };
}
