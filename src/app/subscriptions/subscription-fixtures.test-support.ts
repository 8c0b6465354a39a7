/**
 * Shared by the subscription tests (use cases and HTTP): a configuration that turns on the four
 * subscription channels (no provider is contacted: the confirmation job's worker is not running in
 * these tests), and sign-up requests that pass validation.
 */
import webpush from 'web-push';
import { CONSENT_WORDINGS } from '../../domain/subscription/consent-wording.ts';
import type { SubscriptionRequest } from '../../domain/subscription/subscription-request.ts';

const vapid = webpush.generateVAPIDKeys();

export const CHANNELS_ENV: Readonly<Record<string, string>> = {
  SMTP_URL: 'smtp://127.0.0.1:2525',
  SMPP_URL: 'smpp://127.0.0.1:2775',
  SMPP_SYSTEM_ID: 'tifli',
  SMPP_PASSWORD: 'secret',
  WHATSAPP_PHONE_NUMBER_ID: '123456789',
  WHATSAPP_TOKEN: 'whatsapp-token-1',
  WHATSAPP_APP_SECRET: 'whatsapp-secret-1',
  WHATSAPP_VERIFY_TOKEN: 'whatsapp-verify-1',
  VAPID_PUBLIC_KEY: vapid.publicKey,
  VAPID_PRIVATE_KEY: vapid.privateKey,
  VAPID_SUBJECT: 'mailto:alertes@tifli.test',
};

/** A browser-shaped PushSubscription (keys of the right sizes). */
export function pushSubscription(n: number): { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } } {
  return {
    endpoint: `https://push.example.test/send/${n}`,
    expirationTime: null,
    keys: { p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, n % 256)]).toString('base64url'), auth: Buffer.alloc(16, n % 256).toString('base64url') },
  };
}

const base = {
  areaKind: 'circle',
  lat: '33.5731',
  lon: '-7.5898',
  radiusKm: '10',
  languages: ['ar-MA', 'fr-MA'],
  consent: true,
  language: 'fr-MA',
} as const satisfies Partial<SubscriptionRequest>;

export const smsRequest = (phone = '0612345678', extra: Partial<SubscriptionRequest> = {}): SubscriptionRequest => ({ ...base, channel: 'sms', phone, consentVersion: CONSENT_WORDINGS.sms.version, ...extra });
export const whatsappRequest = (phone = '0612345678', extra: Partial<SubscriptionRequest> = {}): SubscriptionRequest => ({ ...base, channel: 'whatsapp', phone, consentVersion: CONSENT_WORDINGS.whatsapp.version, ...extra });
export const emailRequest = (email = 'amina@example.ma', extra: Partial<SubscriptionRequest> = {}): SubscriptionRequest => ({ ...base, channel: 'email', email, consentVersion: CONSENT_WORDINGS.email.version, ...extra });
export const pushRequest = (n = 1, extra: Partial<SubscriptionRequest> = {}): SubscriptionRequest => ({ ...base, channel: 'webpush', push: pushSubscription(n), consentVersion: CONSENT_WORDINGS.webpush.version, ...extra });
