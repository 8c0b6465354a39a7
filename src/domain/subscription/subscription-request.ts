/**
 * A sign-up as the public form (or the page script, for Web Push) sends it, checked as a whole: every
 * problem is reported at once, each on its field, so the form can be shown again with all of them.
 * Numbers arrive as typed: "33.57" and the French "33,57" both read as 33.57.
 *
 * The channel decides which address is read: `email` for e-mail, `phone` for SMS and WhatsApp (see
 * phone-number.ts for which numbers each takes), `push` (the browser's PushSubscription) for Web Push.
 * Only the channels this server has a provider for (`offered`) are accepted.
 *
 * @example
 *   const r = validateSubscriptionRequest({ channel: 'sms', phone: '0612345678', areaKind: 'provinces', provinces: ['MA-CAS'],
 *     languages: ['ar-MA'], consent: true, consentVersion: CONSENT_WORDINGS.sms.version, language: 'ar-MA' }, geo, ['sms']);
 *   if (r.ok) r.value.address; // '+212612345678'
 */
import type { AlertLanguage } from '../alert-text/alert-languages.ts';
import type { QuietHours } from '../alert-fatigue/fatigue-rules.ts';
import { SUBSCRIPTION_CHANNELS, type SubscriptionChannel } from '../distribution/channels.ts';
import { isCurrentWording } from './consent-wording.ts';
import { normalizeEmail } from './email-address.ts';
import { normalizePhone } from './phone-number.ts';
import { validatePushSubscription } from './push-subscription.ts';
import { type AreaCell, type AreaGeography, resolveArea, type SubscriptionArea } from './subscription-area.ts';
import { parseLanguages, parseSubscriberQuietHours } from './subscription-preferences.ts';
import { problem, type SubscriptionProblem } from './subscription-problems.ts';

export interface SubscriptionRequest {
  readonly channel: string;
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
  /** Web Push: the browser's PushSubscription as JSON. */
  readonly push?: unknown;
  /** 'circle' or 'provinces'. */
  readonly areaKind: string;
  readonly lat?: string | undefined;
  readonly lon?: string | undefined;
  readonly radiusKm?: string | undefined;
  readonly provinces?: readonly string[] | undefined;
  readonly languages: readonly string[];
  readonly quietStart?: string | undefined;
  readonly quietEnd?: string | undefined;
  readonly consent: boolean;
  /** The wording version the form showed for this channel. */
  readonly consentVersion?: string | undefined;
  /** The language the form was read in: the consent's language, and the confirmation message's. */
  readonly language: AlertLanguage;
}

export interface ValidSubscription {
  readonly channel: SubscriptionChannel;
  /** E-mail address, E.164 number or push endpoint, normalised. */
  readonly address: string;
  readonly pushKeys: { readonly p256dh: string; readonly auth: string } | null;
  readonly area: SubscriptionArea;
  /** The stored cells of the area: a circle's centre cell and reach, or a provinces cover (subscription-area.ts). */
  readonly cells: readonly AreaCell[];
  readonly languages: readonly AlertLanguage[];
  readonly quietHours: QuietHours | null;
  readonly language: AlertLanguage;
}

export type ValidationResult = { readonly ok: true; readonly value: ValidSubscription } | { readonly ok: false; readonly problems: readonly SubscriptionProblem[] };

const isSubscriptionChannel = (v: string): v is SubscriptionChannel => (SUBSCRIPTION_CHANNELS as readonly string[]).includes(v);

/** A decimal number as typed ("-7.5898", "33,57"), or NaN. */
export function decimalOf(text: string | undefined): number {
  const t = (text ?? '').trim();
  return /^[+-]?[0-9]{1,3}(?:[.,][0-9]{1,12})?$/.test(t) ? Number(t.replace(',', '.')) : NaN;
}

function addressOf(req: SubscriptionRequest, channel: SubscriptionChannel, problems: SubscriptionProblem[]): { address: string; pushKeys: ValidSubscription['pushKeys'] } | undefined {
  switch (channel) {
    case 'email': {
      const r = normalizeEmail(req.email ?? '');
      if (r.ok) return { address: r.address, pushKeys: null };
      problems.push(problem('email', r.code));
      return undefined;
    }
    case 'sms':
    case 'whatsapp': {
      const r = normalizePhone(req.phone ?? '', channel);
      if (r.ok) return { address: r.e164, pushKeys: null };
      problems.push(problem('phone', r.code));
      return undefined;
    }
    case 'webpush': {
      if (req.push === undefined) {
        problems.push(problem('push', 'push_needs_script'));
        return undefined;
      }
      const r = validatePushSubscription(req.push);
      if (r.ok) return { address: r.value.endpoint, pushKeys: r.value.keys };
      problems.push(problem('push', r.code));
      return undefined;
    }
  }
}

function areaInput(req: SubscriptionRequest): SubscriptionArea | undefined {
  switch (req.areaKind) {
    case 'circle':
      return { kind: 'circle', lat: decimalOf(req.lat), lon: decimalOf(req.lon), radiusKm: decimalOf(req.radiusKm) };
    case 'provinces':
      return { kind: 'provinces', codes: req.provinces ?? [] };
    default:
      return undefined;
  }
}

export function validateSubscriptionRequest(req: SubscriptionRequest, geo: AreaGeography, offered: readonly SubscriptionChannel[]): ValidationResult {
  const problems: SubscriptionProblem[] = [];
  const channel = isSubscriptionChannel(req.channel) ? req.channel : undefined;
  if (!channel) problems.push(problem('channel', 'channel_unknown'));
  else if (!offered.includes(channel)) problems.push(problem('channel', 'channel_unavailable'));
  const reachable = channel && offered.includes(channel) ? addressOf(req, channel, problems) : undefined;

  const input = areaInput(req);
  const area = input ? resolveArea(input, geo) : undefined;
  if (!input) problems.push(problem('areaKind', 'area_kind'));
  else if (area && !area.ok) problems.push(...area.problems);

  const languages = parseLanguages(req.languages);
  if (!languages.ok) problems.push(languages.problem);
  const quiet = parseSubscriberQuietHours(req.quietStart, req.quietEnd);
  if (!quiet.ok) problems.push(quiet.problem);

  if (!req.consent) problems.push(problem('consent', 'consent_missing'));
  else if (channel && !isCurrentWording(channel, req.consentVersion)) problems.push(problem('consent', 'consent_outdated'));

  if (problems.length || !channel || !reachable || !area?.ok || !languages.ok || !quiet.ok) return { ok: false, problems };
  return {
    ok: true,
    value: { channel, address: reachable.address, pushKeys: reachable.pushKeys, area: area.area, cells: area.cells, languages: languages.value, quietHours: quiet.value, language: req.language },
  };
}
