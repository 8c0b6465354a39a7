/**
 * Instagram's two-step publishing (shared/specs/channels.md §2): read the rolling 24-hour quota, create
 * a media container from a public image URL (Meta fetches the JPEG itself), poll the container until
 * Meta has processed it, then publish it. Split from the channel so the alert and the closing post share
 * one careful flow.
 *
 * @example
 *   await checkQuota(graph, userId, signal);
 *   const mediaId = await publishImage(graph, userId, { imageUrl, caption }, signal, { intervalMs: 1000, maxPolls: 30 });
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DeliveryError } from '../../../domain/distribution/delivery-failure.ts';
import type { GraphClient, GraphObject } from './graph-client.ts';
import { transportFailure } from './graph-errors.ts';

export interface PollOptions {
  /** Wait between two status reads while the container is IN_PROGRESS. */
  readonly intervalMs: number;
  /** Status reads before giving up on this attempt (the dispatcher retries later). */
  readonly maxPolls: number;
}

const record = (v: unknown): GraphObject | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as GraphObject) : null);
const idOf = (answer: GraphObject): string => {
  if (typeof answer.id === 'string' && answer.id !== '') return answer.id;
  throw transportFailure('graph_bad_response');
};

/**
 * Throws `instagram_quota` (throttled) when the account has used its publishing quota. Meta gives no
 * time at which the oldest post leaves the rolling window, so the wait is the window's average spacing
 * (24 h / quota, about 29 minutes for 50): by then at least one slot has usually freed.
 * An answer of another shape does not stop the post: media_publish enforces the quota anyway.
 */
export async function checkQuota(graph: GraphClient, userId: string, signal: AbortSignal): Promise<void> {
  const answer = await graph.call({ method: 'GET', path: [userId, 'content_publishing_limit'], query: { fields: 'quota_usage,config' }, signal });
  const entry = Array.isArray(answer.data) ? record(answer.data[0]) : null;
  const config = record(entry?.config);
  const usage = entry?.quota_usage;
  const total = config?.quota_total;
  if (typeof usage !== 'number' || typeof total !== 'number' || total <= 0 || usage < total) return;
  const duration = typeof config?.quota_duration === 'number' && config.quota_duration > 0 ? config.quota_duration : 86_400;
  throw new DeliveryError({ kind: 'throttled', code: 'instagram_quota', retryAfterMs: Math.max(60_000, Math.round((duration * 1000) / total)) });
}

async function waitForContainer(graph: GraphClient, containerId: string, signal: AbortSignal, poll: PollOptions): Promise<void> {
  for (let i = 0; i < poll.maxPolls; i++) {
    const answer = await graph.call({ method: 'GET', path: [containerId], query: { fields: 'status_code' }, signal });
    switch (answer.status_code) {
      case 'FINISHED':
        return;
      case 'IN_PROGRESS':
        break;
      case 'ERROR':
        throw new DeliveryError({ kind: 'transient', code: 'instagram_container_error' });
      case 'EXPIRED':
        throw new DeliveryError({ kind: 'transient', code: 'instagram_container_expired' });
      default:
        throw transportFailure('graph_bad_response');
    }
    try {
      await sleep(poll.intervalMs, undefined, { signal });
    } catch {
      throw transportFailure('timeout');
    }
  }
  throw new DeliveryError({ kind: 'transient', code: 'instagram_container_pending' });
}

/** Creates, waits for and publishes one image post; returns the published media id. */
export async function publishImage(graph: GraphClient, userId: string, post: { imageUrl: string; caption: string }, signal: AbortSignal, poll: PollOptions): Promise<string> {
  const container = idOf(await graph.call({ method: 'POST', path: [userId, 'media'], form: { image_url: post.imageUrl, caption: post.caption }, signal }));
  await waitForContainer(graph, container, signal, poll);
  return idOf(await graph.call({ method: 'POST', path: [userId, 'media_publish'], form: { creation_id: container }, signal }));
}
