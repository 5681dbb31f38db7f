/**
 * evtx_dump / Hayabusa JSON: the event XML rendered as JSON (`{"Event":{"System":{…},
 * "EventData":{…}}}`, attributes under `#attributes`, element text under `#text`). The record is
 * turned back into the XML element tree and flattened by `eventFromXml`, so it yields exactly the
 * fields the XML and .evtx readers yield.
 */
import { setField } from '../../event.js';
import { eventFromXml, type XmlElement } from '../xml/event-xml.js';
import { isObject, scalarText, type JsonShape } from './shape.js';

function attributesOf(value: unknown): Record<string, string> {
  const attributes: Record<string, string> = {};
  if (isObject(value)) {
    for (const [name, raw] of Object.entries(value)) {
      const text = scalarText(raw);
      if (text !== undefined) setField(attributes, name, text);
    }
  }
  return attributes;
}

/** The elements named `name` that a JSON value stands for (an array is repeated elements). */
function elements(name: string, value: unknown): XmlElement[] {
  if (Array.isArray(value)) return value.flatMap((item) => elements(name, item));
  if (!isObject(value)) {
    const text = scalarText(value);
    return [{ name, attributes: {}, children: text === undefined ? [] : [text] }];
  }
  const attributes = attributesOf(value['#attributes']);
  const text = value['#text'];
  // `"Data": {"#text": ["a", "b"]}`: several unnamed <Data> elements.
  if (Array.isArray(text)) return text.map((item) => ({ name, attributes, children: scalarText(item) === undefined ? [] : [scalarText(item)!] }));
  const children: XmlElement['children'] = [];
  for (const [key, child] of Object.entries(value)) {
    if (key !== '#attributes' && key !== '#text') children.push(...elements(key, child));
  }
  const own = scalarText(text);
  if (own !== undefined) children.push(own);
  return [{ name, attributes, children }];
}

/** EventData keys are `<Data Name="key">` (evtx_dump folds the Name attribute into the key). */
function eventData(value: unknown): XmlElement {
  const section: XmlElement = { name: 'EventData', attributes: {}, children: [] };
  if (!isObject(value)) return section;
  for (const [key, child] of Object.entries(value)) {
    if (key === '#attributes') continue;
    if (key === 'Data' || key === 'Binary') section.children.push(...elements(key, child));
    else section.children.push(...elements('Data', child).map((data) => ({ ...data, attributes: { ...data.attributes, Name: key } })));
  }
  return section;
}

export const evtxJsonShape: JsonShape = {
  name: 'evtx-json',
  detect: (record) => isObject(record.Event) && isObject(record.Event.System),
  toEvent(record) {
    const root = record.Event;
    if (!isObject(root) || !isObject(root.System)) return 'record has no Event.System object';
    const event: XmlElement = { name: 'Event', attributes: attributesOf(root['#attributes']), children: [] };
    for (const [key, value] of Object.entries(root)) {
      if (key === '#attributes') continue;
      event.children.push(...(key === 'EventData' ? [eventData(value)] : elements(key, value)));
    }
    return eventFromXml(event);
  },
};
