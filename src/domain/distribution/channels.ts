/**
 * The distribution channels and what kind of delivery each makes. Broadcast channels deliver a version
 * once per target (the DGSN Page, the Instagram account, each media partner, each police unit); fan-out
 * channels deliver it once per opted-in citizen inside the zone, and only those obey the alert-fatigue
 * rules (domain/alert-fatigue): they are the ones that push to a person's phone.
 *
 * @example
 *   if (isFanOut('whatsapp')) planRecipientsInside(zone);
 */
export const CHANNELS = ['facebook', 'instagram', 'whatsapp', 'sms', 'email', 'webpush', 'webhook', 'meta_partner', 'police_notice'] as const;
export type ChannelName = (typeof CHANNELS)[number];

/** The channels a citizen subscribes to (public site); each is a fan-out channel. */
export const SUBSCRIPTION_CHANNELS = ['webpush', 'email', 'sms', 'whatsapp'] as const satisfies readonly ChannelName[];
export type SubscriptionChannel = (typeof SUBSCRIPTION_CHANNELS)[number];

export type ChannelKind = 'broadcast' | 'fan_out';

export function channelKind(channel: ChannelName): ChannelKind {
  switch (channel) {
    case 'whatsapp':
    case 'sms':
    case 'email':
    case 'webpush':
      return 'fan_out';
    case 'facebook':
    case 'instagram':
    case 'webhook':
    case 'meta_partner':
    case 'police_notice':
      return 'broadcast';
  }
}

export const isFanOut = (channel: ChannelName): channel is SubscriptionChannel => channelKind(channel) === 'fan_out';

export const isChannelName = (value: string): value is ChannelName => (CHANNELS as readonly string[]).includes(value);

/** What a dispatch does: carry a version (Alert or Update) or withdraw everything earlier (Cancel). */
export type DispatchAction = 'publish' | 'retract';
