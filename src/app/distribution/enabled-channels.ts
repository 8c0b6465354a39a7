/**
 * Which channels a version goes out on, from configuration: a channel is on when its provider is
 * configured. The internal police notice is always on (it needs no provider). Partner webhooks are on
 * when at least one partner is configured.
 */
import type { ChannelsConfig } from '../../config/channels-config.ts';
import { CHANNELS, type ChannelName } from '../../domain/distribution/channels.ts';

export function isChannelEnabled(config: ChannelsConfig, channel: ChannelName): boolean {
  switch (channel) {
    case 'facebook':
      return config.facebook !== null;
    case 'instagram':
      return config.instagram !== null;
    case 'whatsapp':
      return config.whatsapp !== null;
    case 'sms':
      return config.smpp !== null;
    case 'email':
      return config.smtp !== null;
    case 'webpush':
      return config.webpush !== null;
    case 'webhook':
      return config.partners.length > 0;
    case 'meta_partner':
      return config.metaPartner !== null;
    case 'police_notice':
      return true;
  }
}

export const enabledChannels = (config: ChannelsConfig): ChannelName[] => CHANNELS.filter((c) => isChannelEnabled(config, c));
