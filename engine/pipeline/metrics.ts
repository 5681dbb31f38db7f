/**
 * Prometheus metrics of a live pipeline (`run --metrics HOST:PORT`), with prom-client (the
 * maintained Node client: exposition format, registries, process metrics). Every value is read
 * from the pipeline's counters when scraped, so the hot loop pays nothing for metrics.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { LivePipeline } from './live.js';

export interface MetricsInputs {
  pipeline: LivePipeline;
  /** Rules currently loaded (changes with a reload). */
  rulesLoaded(): number;
}

function correlatorTotals(pipeline: LivePipeline): { late: number; evictions: number; states: number } {
  const totals = { late: 0, evictions: 0, states: 0 };
  for (const { detector } of pipeline.partitions.values()) {
    const stats = detector.correlator?.stats;
    if (!stats) continue;
    totals.late += stats.late;
    totals.evictions += stats.evictions;
    totals.states += stats.liveStates + stats.buffered;
  }
  return totals;
}

/** A counter whose value is read at scrape time from `read`. */
function readCounter(registry: Registry, name: string, help: string, read: () => number): void {
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      this.reset();
      this.inc(read());
    },
  });
}

export function metricsRegistry({ pipeline, rulesLoaded }: MetricsInputs): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'sigstream_' });
  const stats = pipeline.stats;
  readCounter(registry, 'sigstream_events_read_total', 'Events read from the source', () => stats.events);
  readCounter(registry, 'sigstream_events_skipped_total', 'Records skipped as unreadable (each reported on stderr)', () => stats.skipped);
  readCounter(registry, 'sigstream_events_late_total', 'Events with hits later than the out-of-order tolerance; not applied to correlations', () => correlatorTotals(pipeline).late);
  readCounter(registry, 'sigstream_state_evictions_total', 'Correlation states evicted by the state cap', () => correlatorTotals(pipeline).evictions);
  readCounter(registry, 'sigstream_checkpoints_total', 'Checkpoints saved (correlation state with its source position)', () => stats.checkpoints);
  readCounter(registry, 'sigstream_rule_reloads_total', 'Rule reloads applied', () => stats.reloads);
  new Counter({
    name: 'sigstream_hits_total',
    help: 'Hits written, by rule level',
    labelNames: ['level'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [level, n] of Object.entries(stats.hitsByLevel)) this.inc({ level }, n);
    },
  });
  new Gauge({
    name: 'sigstream_rules_loaded',
    help: 'Detection rules loaded and compiled',
    registers: [registry],
    collect() {
      this.set(rulesLoaded());
    },
  });
  new Gauge({
    name: 'sigstream_event_lag_seconds',
    help: 'Wall time minus the latest event time seen (how far detection is behind)',
    registers: [registry],
    collect() {
      if (stats.latestEventMs !== undefined) this.set((Date.now() - stats.latestEventMs) / 1000);
    },
  });
  new Gauge({
    name: 'sigstream_correlation_states',
    help: 'Live correlation states and inputs waiting in the reorder buffer',
    registers: [registry],
    collect() {
      this.set(correlatorTotals(pipeline).states);
    },
  });
  new Gauge({
    name: 'sigstream_partitions',
    help: 'Partitions this process consumes',
    registers: [registry],
    collect() {
      this.set(pipeline.partitions.size);
    },
  });
  return registry;
}

export interface MetricsServer {
  /** `host:port` actually bound (port 0 picks a free one). */
  address: string;
  close(): Promise<void>;
}

/** Serves `GET /metrics` in the Prometheus text format; `listen` is `HOST:PORT`. */
export async function serveMetrics(registry: Registry, listen: string): Promise<MetricsServer> {
  const colon = listen.lastIndexOf(':');
  const host = colon > 0 ? listen.slice(0, colon).replace(/^\[|\]$/g, '') : '127.0.0.1';
  const port = Number(colon >= 0 ? listen.slice(colon + 1) : listen);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`--metrics: '${listen}' is not HOST:PORT`);
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: GET /metrics\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (err: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`${err.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  server.unref();
  const bound = server.address() as AddressInfo;
  return {
    address: `${bound.family === 'IPv6' ? `[${bound.address}]` : bound.address}:${bound.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
