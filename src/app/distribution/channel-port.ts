/**
 * The one interface every channel adapter implements (src/adapters/channels/<channel>/). The dispatcher
 * (app/distribution) decides who receives what and when; an adapter only turns one delivery into its
 * provider's protocol and reports the outcome. Adapters receive public content only: the message is
 * built from a published version (its public view, CAP document and posters), and a recipient carries
 * just the address needed to reach them.
 *
 * Contract:
 * - `deliver` resolves with the provider's reference once the provider has accepted the delivery, or
 *   throws a DeliveryError (domain/distribution/delivery-failure.ts); any other exception is treated as
 *   transient. It must honour `signal` (the dispatcher's timeout).
 * - `idempotencyKey` is stable across retries of the same (version, channel, recipient); adapters pass it
 *   to the provider wherever the protocol has room for it (WhatsApp biz_opaque_callback_data, e-mail
 *   Message-ID, webhook event id), so a retry after a crash can be recognised downstream.
 * - A 'retract' delivery withdraws what earlier versions put out: `previousRefs` holds the provider
 *   references of this recipient's earlier deliveries of the alert on this channel (post ids…).
 * - Adapters never log or throw recipients' addresses or message texts.
 *
 * @example
 *   const receipt = await channels.get('sms')?.deliver({ idempotencyKey, message, recipient, previousRefs: [], signal });
 */
import type { AlertLanguage } from '../../domain/alert-text/alert-languages.ts';
import type { ActivePublicAlert, EndedPublicAlert } from '../../domain/alert/public-alert.ts';
import type { ChannelName, DispatchAction } from '../../domain/distribution/channels.ts';

export type PosterFormat = 'square' | 'story' | 'og';

/** A published version as channels see it. */
export interface OutboundAlert {
  readonly action: DispatchAction;
  readonly alertId: string;
  readonly publicId: string;
  readonly version: number;
  readonly msgType: 'Alert' | 'Update' | 'Cancel';
  /** What an Update changed (photo, sighting, zone, text, renewal), null otherwise. */
  readonly updateKind: string | null;
  /** Exercise (demo, drills): every channel marks it as such. */
  readonly exercise: boolean;
  /** The public page, e.g. https://tifli.ma/alerts/K7QX2M. */
  readonly pageUrl: string;
  /** The alert's own expiry (Web Push TTL, WhatsApp validity). For a Cancel: a day after it is sent. */
  readonly expiresAt: Date;
  readonly sentAt: Date;
  /** The version's public view: the active alert, or the ended card for a Cancel. */
  readonly view: ActivePublicAlert | EndedPublicAlert;
  /** The CAP 1.2 document of this version. */
  readonly capXml: string;
  /** Web Push Topic and similar collapse keys: ≤ 32 base64url characters, stable for the alert. */
  readonly topic: string;
  /** Public URL of a poster (or, for a Cancel, of the found card), served by this site. */
  posterUrl(lang: AlertLanguage, format: PosterFormat): string;
  /** The poster's JPEG bytes (rendered once per version and cached). */
  poster(lang: AlertLanguage, format: PosterFormat): Promise<Buffer>;
}

/** Who a delivery goes to. Addresses are restricted data: adapters use them, never log them. */
export interface Recipient {
  /** Subscription id for fan-out channels; the target's id for broadcast ones ('page', a partner id, a unit id). */
  readonly key: string;
  /** E.164 number, e-mail address, push endpoint URL, partner URL… ('' where the adapter's config holds it). */
  readonly address: string;
  readonly language: AlertLanguage;
  /** Web Push subscription keys. */
  readonly pushKeys?: { readonly p256dh: string; readonly auth: string };
  /** One-action unsubscribe link (every fan-out message carries it); null for broadcast targets. */
  readonly unsubscribeUrl: string | null;
}

export interface Delivery {
  readonly idempotencyKey: string;
  readonly message: OutboundAlert;
  readonly recipient: Recipient;
  readonly previousRefs: readonly string[];
  readonly signal: AbortSignal;
}

export interface DeliveryReceipt {
  /** The provider's id for what it accepted (post id, wamid, SMPP message_id, Message-ID…). */
  readonly providerRef: string | null;
}

/** A subscription's confirmation (double opt-in): a code to type back, or a link to follow. */
export interface ConfirmationMessage {
  readonly idempotencyKey: string;
  readonly recipient: Recipient;
  /** Six-digit code (SMS, WhatsApp) or null. */
  readonly code: string | null;
  /** Confirmation link (e-mail) or null. */
  readonly link: string | null;
  readonly signal: AbortSignal;
}

export interface ChannelAdapter {
  readonly channel: ChannelName;
  deliver(delivery: Delivery): Promise<DeliveryReceipt>;
  /** Subscription channels (e-mail, SMS, WhatsApp): sends the opt-in confirmation. */
  sendConfirmation?(message: ConfirmationMessage): Promise<DeliveryReceipt>;
  /** Broadcast channels: the targets a version goes to (['page'], partner ids…). Fan-out channels omit it. */
  targets?(): readonly string[];
  /** Release connections (SMPP session, SMTP pool). */
  close?(): Promise<void>;
}
