/**
 * The identity of a stored event, shared by the store (its primary key, a hit's event reference) and
 * by readers of stored hits (a hit's event found again among the stored events), without loading DuckDB.
 */
import { createHash } from 'node:crypto';
import { PROVENANCE_KEY, type NormalizedEvent } from '../event.js';

/** A field as the store keeps it: text, objects as JSON, absent as null. */
export function storedText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The event without its provenance, as stored and as hashed. */
export function eventJson(event: NormalizedEvent): string {
  if (!(PROVENANCE_KEY in event)) return JSON.stringify(event);
  const { [PROVENANCE_KEY]: _source, ...fields } = event;
  return JSON.stringify(fields);
}

/** The identity of a record: the same Computer, Channel and EventRecordID is the same record; without an id, its content. */
export function eventKey(event: NormalizedEvent, json: string = eventJson(event)): string {
  const record = storedText(event.EventRecordID);
  if (record !== null && record !== '') return `${storedText(event.Computer) ?? ''}\u001f${storedText(event.Channel) ?? ''}\u001f${record}`;
  return `h:${createHash('sha1').update(json).digest('hex')}`;
}
