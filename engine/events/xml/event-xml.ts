/**
 * Windows event XML (`<Event><System>…</System><EventData>…</EventData></Event>`) as a small
 * element tree, and its flattening into the normalized event. Shared by every reader whose
 * source is that XML: the .evtx Binary XML renderer, the text XML reader and the Sysmon-for-Linux
 * syslog reader, so all three produce field-for-field the same event.
 */
import { PROVENANCE_KEY, type NormalizedEvent, type Provenance } from '../../event.js';
import { buildEvent } from './event-shape.js';
import { clashNames, SYSTEM_FIELD_NAMES, systemAttributeName } from '../system-fields.js';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  /** Child elements and text runs, in document order. */
  children: Array<XmlElement | string>;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

export function textOf(element: XmlElement): string {
  const children = element.children;
  // Most elements hold one text run: skip the concatenation (hot in every XML-based reader).
  if (children.length === 1 && typeof children[0] === 'string') return children[0];
  let text = '';
  for (const child of element.children) text += typeof child === 'string' ? child : textOf(child);
  return text;
}

/** Field names and values in flattening order; `buildEvent` turns them into the event. */
interface Fields {
  keys: string[];
  values: unknown[];
  /** Keys [0, systemEnd) came from System. */
  systemEnd: number;
}

function add(fields: Fields, key: string, value: unknown): void {
  fields.keys.push(key);
  fields.values.push(value);
}

/** An EventData/UserData field: on a clash with a System field both are kept (system-fields.ts). */
function addData(fields: Fields, key: string, value: unknown): void {
  if (SYSTEM_FIELD_NAMES.has(key)) {
    const at = fields.keys.indexOf(key);
    if (at !== -1 && at < fields.systemEnd) {
      const names = clashNames(key);
      fields.keys[at] = names.system;
      key = names.data;
    }
  }
  add(fields, key, value);
}

/** Names of System children whose attributes become `<Child>_<Attribute>` fields. */
const SYSTEM_ATTRIBUTE_ELEMENTS = new Set(['Provider', 'Execution', 'Security', 'Correlation']);

function flattenSystem(system: XmlElement, event: Fields): void {
  for (const child of system.children) {
    if (typeof child === 'string') continue;
    const name = localName(child.name);
    if (name === 'TimeCreated') {
      const time = child.attributes.SystemTime;
      if (time !== undefined) add(event, '@timestamp', time);
    } else if (name === 'EventID') {
      const id = Number(textOf(child).trim());
      if (Number.isFinite(id)) add(event, 'EventID', id);
    } else if (SYSTEM_ATTRIBUTE_ELEMENTS.has(name)) {
      // for-in visits own keys in the order Object.entries would, without building pairs.
      const attributes = child.attributes;
      for (const attr in attributes) add(event, `${name}_${systemAttributeName(attr)}`, attributes[attr]);
    } else {
      add(event, name, textOf(child));
    }
  }
}

/** The same few Data names recur in every event: remember them (bounded). */
const dataNames = new Map<string, string>();

/** `<Data Name="Threat Name">` → `ThreatName`: Sigma uses the manifest names, which have no spaces. */
function dataName(raw: string): string {
  let name = dataNames.get(raw);
  if (name === undefined) {
    name = raw.replace(/\s+/g, '');
    if (dataNames.size < 10_000) dataNames.set(raw, name);
  }
  return name;
}

function flattenEventData(data: XmlElement, event: Fields): void {
  let unnamed = 0;
  for (const child of data.children) {
    if (typeof child === 'string') continue;
    const name = localName(child.name);
    if (name === 'Data') {
      // Unnamed <Data> (classic providers): Data, Data1, Data2, ...
      const raw = child.attributes.Name;
      const key = raw !== undefined ? dataName(raw) : unnamed === 0 ? 'Data' : `Data${unnamed}`;
      if (raw === undefined) unnamed++;
      addData(event, key, textOf(child));
    } else if (name === 'Binary') {
      addData(event, 'Binary', textOf(child));
    } else {
      addData(event, name, textOf(child));
    }
  }
}

/** UserData holds one provider-specific element whose children are the fields. */
function flattenUserData(userData: XmlElement, event: Fields): void {
  for (const wrapper of userData.children) {
    if (typeof wrapper === 'string') continue;
    for (const field of wrapper.children) if (typeof field !== 'string') addData(event, dataName(localName(field.name)), textOf(field));
  }
}

/** Flatten one `<Event>` element into the normalized event (SIGMA.md §8.3). */
export function eventFromXml(root: XmlElement, provenance?: Provenance): NormalizedEvent {
  const fields: Fields = { keys: [], values: [], systemEnd: 0 };
  for (const section of root.children) {
    if (typeof section === 'string') continue;
    const name = localName(section.name);
    if (name === 'System') {
      flattenSystem(section, fields);
      fields.systemEnd = fields.keys.length;
    } else if (name === 'EventData') flattenEventData(section, fields);
    else if (name === 'UserData') flattenUserData(section, fields);
  }
  const event = buildEvent(fields.keys, fields.values);
  if (provenance) event[PROVENANCE_KEY] = provenance;
  return event;
}
