import { Hono } from "hono";
import { Counter, collectDefaultMetrics, Gauge, Registry } from "prom-client";
import type { AppEnv } from "../api/app-env.js";
import { CHANNEL_IDS } from "../domain/channel.js";
import type { DeliveryQueues } from "../queue/delivery-queues.js";
import { type DeliveryMetrics, LATENCY_BUCKETS } from "./delivery-metrics.js";

const QUEUE_STATES = ["waiting", "active", "delayed", "failed", "prioritized"] as const;

/**
 * `GET /metrics` in Prometheus text format: process metrics (prom-client), delivery counters
 * and queue depths read at scrape time, and the latency histogram rendered from Redis buckets
 * (prom-client cannot load a histogram from stored buckets, so those lines are written here).
 */
export function metricsRoutes(deps: { metrics: DeliveryMetrics; queues: DeliveryQueues }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "sada_" });

  const events = new Counter({
    name: "sada_deliveries_total",
    help: "Delivery outcomes by channel: posted, failed, retried, rate_limited, unknown.",
    labelNames: ["channel", "event"],
    registers: [registry],
  });
  const depth = new Gauge({
    name: "sada_queue_jobs",
    help: "Jobs in each channel's delivery queue, by state.",
    labelNames: ["channel", "state"],
    registers: [registry],
  });

  async function render(): Promise<string> {
    const snapshot = await deps.metrics.read();
    events.reset();
    for (const { event, channel, value } of snapshot.counts) events.inc({ channel, event }, value);
    depth.reset();
    for (const channel of CHANNEL_IDS) {
      const counts = await deps.queues.get(channel).getJobCounts(...QUEUE_STATES);
      for (const state of QUEUE_STATES) depth.set({ channel, state }, counts[state] ?? 0);
    }
    const lines = [
      "# HELP sada_publish_to_posted_seconds Time from a delivery being due to it being posted.",
      "# TYPE sada_publish_to_posted_seconds histogram",
    ];
    for (const { channel, buckets, sum, count } of snapshot.latency) {
      LATENCY_BUCKETS.forEach((bound, index) => {
        lines.push(
          `sada_publish_to_posted_seconds_bucket{channel="${channel}",le="${bound}"} ${buckets[index] ?? 0}`,
        );
      });
      lines.push(`sada_publish_to_posted_seconds_bucket{channel="${channel}",le="+Inf"} ${count}`);
      lines.push(`sada_publish_to_posted_seconds_sum{channel="${channel}"} ${sum}`);
      lines.push(`sada_publish_to_posted_seconds_count{channel="${channel}"} ${count}`);
    }
    return `${await registry.metrics()}\n${lines.join("\n")}\n`;
  }

  const app = new Hono<AppEnv>();
  app.get("/metrics", async (c) => c.text(await render(), 200, { "Content-Type": registry.contentType }));
  return app;
}
