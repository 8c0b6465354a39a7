/**
 * What a worker process has for delivering: the configured channel adapters, a rate limiter and a
 * concurrency limit per channel, and the unsubscribe link maker. Built once at worker start
 * (jobs/channel-adapters.ts) and passed to the dispatcher's job handlers.
 */
import type { ChannelName } from '../../domain/distribution/channels.ts';
import { RateLimiter, Semaphore } from '../../platform/rate-limiter.ts';
import type { ChannelsConfig } from '../../config/channels-config.ts';
import type { ChannelAdapter } from './channel-port.ts';

export interface ChannelRegistry {
  adapter(channel: ChannelName): ChannelAdapter | undefined;
  limiter(channel: ChannelName): RateLimiter;
  slots(channel: ChannelName): Semaphore;
  unsubscribeUrl(subscriptionId: string): string;
  close(): Promise<void>;
}

export function channelRegistry(config: ChannelsConfig, adapters: readonly ChannelAdapter[], unsubscribeUrl: (id: string) => string): ChannelRegistry {
  const byName = new Map(adapters.map((a) => [a.channel, a]));
  const limiters = new Map<ChannelName, RateLimiter>();
  const semaphores = new Map<ChannelName, Semaphore>();
  return {
    adapter: (channel) => byName.get(channel),
    limiter(channel) {
      let l = limiters.get(channel);
      if (!l) limiters.set(channel, (l = new RateLimiter(config.limits[channel].ratePerSecond)));
      return l;
    },
    slots(channel) {
      let s = semaphores.get(channel);
      if (!s) semaphores.set(channel, (s = new Semaphore(config.limits[channel].concurrency)));
      return s;
    },
    unsubscribeUrl,
    async close() {
      await Promise.allSettled(adapters.map(async (a) => a.close?.()));
    },
  };
}
