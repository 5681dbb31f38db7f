/**
 * A rule's log source → the event sources it is evaluated on (SIGMA.md §8, T1/T2). A rule whose
 * log source no Sysmon stream carries still loads; it is reported as not routed, never silently.
 */
import { SERVICE_CHANNELS, SYSMON_LINUX_CHANNEL } from '../events/channels.js';
import { LINUX_CATEGORIES, WINDOWS_CATEGORIES, type CategorySource } from '../events/sysmon-catalog.js';
import type { Logsource } from '../sigma/model.js';

/** `channel: '*'` means any channel of the product. `eventIds` undefined means any event id. */
export interface RouteSource {
  channel: string;
  eventIds?: number[];
}

export interface Route {
  sources: RouteSource[];
  /** For product-wide sources: which product's channels count. */
  product?: 'windows' | 'linux';
  eventTypes?: string[];
}

export type RouteResult = { route: Route } | { unrouted: string };

function fromCategory(source: CategorySource): RouteSource[] {
  return source.channels.map((channel) => ({ channel, eventIds: source.eventIds }));
}

export function routeFor(logsource: Logsource): RouteResult {
  const product = logsource.product?.toLowerCase();
  const category = logsource.category?.toLowerCase();
  const service = logsource.service?.toLowerCase();
  if (product !== undefined && product !== 'windows' && product !== 'linux') {
    return { unrouted: `product '${logsource.product}' is not carried by Sysmon streams` };
  }
  if (category !== undefined) {
    const tables = product === 'windows' ? [WINDOWS_CATEGORIES] : product === 'linux' ? [LINUX_CATEGORIES] : [WINDOWS_CATEGORIES, LINUX_CATEGORIES];
    const sources = tables.map((t) => t[category]).filter((s): s is CategorySource => s !== undefined);
    if (sources.length === 0) return { unrouted: `category '${category}' is not produced by Sysmon${product ? ` for ${product}` : ''}` };
    return { route: { sources: sources.flatMap(fromCategory), eventTypes: sources[0].eventTypes } };
  }
  if (service !== undefined) {
    if (product === 'linux') return { unrouted: `service '${service}' on linux is not a Sysmon source` };
    const channels = SERVICE_CHANNELS[service];
    if (!channels) return { unrouted: `service '${service}' has no known Windows channel` };
    return { route: { sources: channels.map((channel) => ({ channel })) } };
  }
  if (product === 'linux') return { route: { sources: [{ channel: SYSMON_LINUX_CHANNEL }] } };
  return { route: { sources: [{ channel: '*' }], product: product === 'windows' ? 'windows' : undefined } };
}
