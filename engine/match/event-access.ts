/**
 * Reading values out of a normalized event for matching: flat key first, then a dotted path
 * (D9), and a per-event cache of lower-cased strings so a field is lower-cased once per event,
 * however many rules look at it.
 */
import { ownField, PROVENANCE_KEY, type NormalizedEvent } from '../event.js';
import { parseIp, type IpAddress } from '../sigma/ip.js';

export class EventView {
  private lower = new Map<string, string>();
  private strings: string[] | undefined;
  private joined: string | undefined;
  private ips: Map<string, IpAddress | undefined> | undefined;
  constructor(readonly event: NormalizedEvent) {}

  get(field: string): unknown {
    const event = this.event as Record<string, unknown>;
    const direct = event[field];
    // Strings and numbers, the usual values, are own fields; a function or object may be one of
    // Object.prototype's members (`toString`, `__proto__`), which no event has.
    if (direct !== undefined && ((typeof direct !== 'function' && typeof direct !== 'object') || Object.hasOwn(event, field))) return direct;
    if (!field.includes('.')) return undefined;
    let node: unknown = event;
    for (const part of field.split('.')) {
      if (node === null || typeof node !== 'object') return undefined;
      node = ownField(node, part);
    }
    return node;
  }

  has(field: string): boolean {
    return this.get(field) !== undefined;
  }

  lowered(text: string): string {
    let lower = this.lower.get(text);
    if (lower === undefined) {
      lower = text.toLowerCase();
      this.lower.set(text, lower);
    }
    return lower;
  }

  /** Every string-ish value anywhere in the event (for keyword searches), provenance excluded; collected once per event. */
  allStrings(): string[] {
    if (this.strings) return this.strings;
    const strings: string[] = [];
    const stack: unknown[] = [];
    for (const key in this.event) if (key !== PROVENANCE_KEY) stack.push(this.event[key]);
    while (stack.length > 0) {
      const value = stack.pop();
      const text = asText(value);
      if (text !== undefined) strings.push(text);
      else if (Array.isArray(value)) stack.push(...value);
      else if (value !== null && typeof value === 'object') stack.push(...Object.values(value));
    }
    this.strings = strings;
    return strings;
  }

  /**
   * All string values joined by NUL (which no keyword contains), so a substring keyword search
   * is one pass over one text instead of one per value.
   */
  joinedStrings(): string {
    this.joined ??= this.allStrings().join('\u0000');
    return this.joined;
  }

  /** An event value parsed as an IP address, once per event however many `cidr` values test it. */
  ip(text: string): IpAddress | undefined {
    this.ips ??= new Map();
    if (this.ips.has(text)) return this.ips.get(text);
    const ip = parseIp(text);
    this.ips.set(text, ip);
    return ip;
  }
}

/** Event values as text for string predicates: numbers and booleans are stringified (§3.5). */
export function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
