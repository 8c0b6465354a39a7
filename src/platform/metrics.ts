/**
 * Prometheus metrics of one process (prom-client), served at GET /metrics. Two kinds:
 * - events counted where they happen in this process: HTTP requests by route template (never the raw
 *   path, which may carry an id), tips received by source, decision-to-delivery latency per channel
 *   (observed once per dispatch, by the worker that completes it), plus Node's own process figures
 *   (resident memory, event-loop lag, GC);
 * - the cluster's state read from the database at scrape time (queue depths, deliveries by channel and
 *   status, alerts by state, tips waiting for triage): every server answers the same figures for them.
 * No label ever holds personal data: routes are templates, the rest are closed vocabularies.
 *
 * @example
 *   const metrics = new Metrics();
 *   metrics.tipReceived('web');
 *   const text = await metrics.render(await readClusterFigures(db));   // text/plain; version=0.0.4
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface ClusterFigures {
  readonly queues: readonly { readonly queue: string; readonly state: string; readonly count: number }[];
  readonly deliveries: readonly { readonly channel: string; readonly status: string; readonly count: number }[];
  readonly alerts: readonly { readonly state: string; readonly count: number }[];
  readonly tipsAwaitingTriage: number;
}

/** Seconds: the 2 s target of DESIGN.md §6 falls between buckets, so a histogram_quantile reads it. */
const LATENCY_BUCKETS = [0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600];
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export class Metrics {
  readonly registry = new Registry();
  readonly #tips: Counter<'source'>;
  readonly #decisionToDelivery: Histogram<'channel'>;
  readonly #http: Histogram<'method' | 'route' | 'status'>;
  readonly #queues: Gauge<'queue' | 'state'>;
  readonly #deliveries: Gauge<'channel' | 'status'>;
  readonly #alerts: Gauge<'state'>;
  readonly #tipsWaiting: Gauge;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'tifli_' });
    this.#tips = new Counter({ name: 'tifli_tips_received_total', help: 'Tips accepted (committed), by source', labelNames: ['source'], registers });
    this.#decisionToDelivery = new Histogram({
      name: 'tifli_decision_to_delivery_seconds',
      help: 'From the decision that published a version to its last recipient accepted, per channel',
      labelNames: ['channel'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.#http = new Histogram({ name: 'tifli_http_request_duration_seconds', help: 'HTTP requests by route template and status', labelNames: ['method', 'route', 'status'], buckets: HTTP_BUCKETS, registers });
    this.#queues = new Gauge({ name: 'tifli_queue_jobs', help: 'Jobs waiting or running, by queue and state (whole cluster)', labelNames: ['queue', 'state'], registers });
    this.#deliveries = new Gauge({ name: 'tifli_deliveries', help: 'Deliveries by channel and status (whole cluster)', labelNames: ['channel', 'status'], registers });
    this.#alerts = new Gauge({ name: 'tifli_alerts', help: 'Alerts by state (whole cluster)', labelNames: ['state'], registers });
    this.#tipsWaiting = new Gauge({ name: 'tifli_tips_awaiting_triage', help: 'Tips still new (whole cluster)', registers });
  }

  tipReceived(source: string): void {
    this.#tips.inc({ source });
  }

  decisionToDelivery(channel: string, seconds: number): void {
    if (Number.isFinite(seconds) && seconds >= 0) this.#decisionToDelivery.observe({ channel }, seconds);
  }

  httpRequest(method: string, route: string, status: number, seconds: number): void {
    this.#http.observe({ method, route, status: String(status) }, seconds);
  }

  /** The exposition text, with the cluster's figures as read just now. */
  async render(figures: ClusterFigures): Promise<string> {
    this.#queues.reset();
    for (const q of figures.queues) this.#queues.set({ queue: q.queue, state: q.state }, q.count);
    this.#deliveries.reset();
    for (const d of figures.deliveries) this.#deliveries.set({ channel: d.channel, status: d.status }, d.count);
    this.#alerts.reset();
    for (const a of figures.alerts) this.#alerts.set({ state: a.state }, a.count);
    this.#tipsWaiting.set(figures.tipsAwaitingTriage);
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
