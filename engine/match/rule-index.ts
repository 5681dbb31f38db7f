/**
 * Routes each event to the rules of its channel and event id (pay only for relevant rules). The
 * candidate list per (channel, EventID) is built once and cached.
 */
import { SYSMON_LINUX_CHANNEL, SYSMON_WINDOWS_CHANNEL } from '../events/channels.js';
import type { NormalizedEvent } from '../event.js';
import type { Route } from './route.js';

export interface Routed {
  route: Route;
  /** Load order: candidates are returned in it, so output never depends on bucket layout. */
  order: number;
}

const MAX_CACHED_KEYS = 10_000;

export class RuleIndex<R extends Routed> {
  private byKey = new Map<string, R[]>();
  private byChannel = new Map<string, R[]>();
  private anyChannel: R[] = [];
  /** Candidates by channel (undefined: the event has none), then by EventID: no key string built per event. */
  private cache = new Map<string | undefined, Map<number, R[]>>();
  private cached = 0;

  constructor(rules: R[]) {
    const push = <K>(map: Map<K, R[]>, key: K, rule: R) => {
      const list = map.get(key);
      if (list) list.push(rule);
      else map.set(key, [rule]);
    };
    for (const rule of rules) {
      for (const source of rule.route.sources) {
        const channel = source.channel.toLowerCase();
        if (source.channel === '*') this.anyChannel.push(rule);
        else if (source.eventIds === undefined) push(this.byChannel, channel, rule);
        else for (const id of source.eventIds) push(this.byKey, `${channel}\u0000${id}`, rule);
      }
    }
  }

  /** Rules that may match this event, in load order, without duplicates. */
  candidates(event: NormalizedEvent): R[] {
    const channel = typeof event.Channel === 'string' ? event.Channel : undefined;
    const id = typeof event.EventID === 'number' ? event.EventID : Number(event.EventID);
    let byId = this.cache.get(channel);
    let list = byId?.get(id);
    if (list === undefined) {
      list = this.build(channel, id);
      if (this.cached >= MAX_CACHED_KEYS) {
        this.cache.clear();
        this.cached = 0;
        byId = undefined;
      }
      if (byId === undefined) this.cache.set(channel, (byId = new Map()));
      byId.set(id, list);
      this.cached++;
    }
    return list;
  }

  private build(channel: string | undefined, id: number): R[] {
    // Without a Channel the event may be Sysmon for Windows or for Linux: consider both.
    const channels = channel === undefined ? [SYSMON_WINDOWS_CHANNEL, SYSMON_LINUX_CHANNEL] : [channel];
    const found = new Set<R>();
    for (const ch of channels) {
      const lower = ch.toLowerCase();
      for (const r of this.byKey.get(`${lower}\u0000${id}`) ?? []) found.add(r);
      for (const r of this.byChannel.get(lower) ?? []) found.add(r);
    }
    const isLinux = channel !== undefined && channel.toLowerCase() === SYSMON_LINUX_CHANNEL.toLowerCase();
    for (const r of this.anyChannel) {
      if (r.route.product === undefined || channel === undefined || (r.route.product === 'linux') === isLinux) found.add(r);
    }
    return [...found].sort((a, b) => a.order - b.order);
  }
}
