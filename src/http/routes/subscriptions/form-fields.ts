/**
 * Reads the sign-up form's fields, from an application/x-www-form-urlencoded body (@fastify/formbody
 * gives strings, or arrays for repeated names) or from the page script's JSON (same names). Strict:
 * an unknown field, a repeated single field, a value that is not text or is too long, or too many
 * values makes the whole form unreadable (`form_invalid`), rather than being silently dropped.
 * A filled honeypot (`website`) is reported, so the route can answer as if all went well.
 *
 * @example
 *   const read = readSubscribeForm(request.body);
 *   if (read.ok) subscribe(ctx, toSubscriptionRequest(read.fields, 'fr-MA'));
 */
import type { AlertLanguage } from '../../../domain/alert-text/alert-languages.ts';
import type { SubscriptionRequest } from '../../../domain/subscription/subscription-request.ts';
import type { SubscribeFormValues } from '../../public/subscribe-page.ts';

const SINGLE = ['lang', 'channel', 'email', 'phone', 'areaKind', 'lat', 'lon', 'radiusKm', 'quietStart', 'quietEnd', 'consent', 'website'] as const;
const MULTI = ['provinces', 'languages', 'consentVersion'] as const;
type Single = (typeof SINGLE)[number];
type Multi = (typeof MULTI)[number];

/** Longest single value read (an e-mail address is at most 254). */
export const FIELD_MAX = 300;
/** Most values of a repeated field (75 provinces exist; 12 may be chosen). */
export const MULTI_MAX = 80;
const MULTI_VALUE_MAX = 64;

export type FormFields = { readonly [K in Single]?: string } & { readonly [K in Multi]: readonly string[] };

export type FormRead = { readonly ok: true; readonly fields: FormFields; readonly robot: boolean } | { readonly ok: false };

const isSingle = (k: string): k is Single => (SINGLE as readonly string[]).includes(k);
const isMulti = (k: string): k is Multi => (MULTI as readonly string[]).includes(k);

/** `extra` names fields the caller reads itself (the JSON route's `subscription`). */
export function readSubscribeForm(body: unknown, extra: readonly string[] = []): FormRead {
  if (body === undefined || body === null) return { ok: true, fields: { provinces: [], languages: [], consentVersion: [] }, robot: false };
  if (typeof body !== 'object' || Array.isArray(body)) return { ok: false };
  const single: Partial<Record<Single, string>> = {};
  const multi: Record<Multi, string[]> = { provinces: [], languages: [], consentVersion: [] };
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (extra.includes(name)) continue;
    if (isSingle(name)) {
      if (typeof value !== 'string' || value.length > FIELD_MAX) return { ok: false };
      single[name] = value;
    } else if (isMulti(name)) {
      const values: unknown[] = Array.isArray(value) ? value : [value];
      if (values.length > MULTI_MAX || !values.every((x): x is string => typeof x === 'string' && x.length <= MULTI_VALUE_MAX)) return { ok: false };
      multi[name] = values;
    } else {
      return { ok: false };
    }
  }
  return { ok: true, fields: { ...single, ...multi }, robot: (single.website ?? '').trim() !== '' };
}

/** What the form shows again after a refusal. */
export function formValues(f: FormFields): SubscribeFormValues {
  return {
    channel: f.channel,
    email: f.email,
    phone: f.phone,
    areaKind: f.areaKind,
    lat: f.lat,
    lon: f.lon,
    radiusKm: f.radiusKm,
    provinces: f.provinces,
    languages: f.languages,
    quietStart: f.quietStart,
    quietEnd: f.quietEnd,
    consent: f.consent !== undefined && f.consent !== '',
  };
}

export function toSubscriptionRequest(f: FormFields, language: AlertLanguage, push?: unknown): SubscriptionRequest {
  const channel = f.channel ?? '';
  return {
    channel,
    email: f.email,
    phone: f.phone,
    ...(push === undefined ? {} : { push }),
    areaKind: f.areaKind ?? '',
    lat: f.lat,
    lon: f.lon,
    radiusKm: f.radiusKm,
    provinces: f.provinces,
    languages: f.languages,
    quietStart: f.quietStart,
    quietEnd: f.quietEnd,
    consent: f.consent !== undefined && f.consent !== '',
    // The form posts every offered channel's wording version; the chosen channel's is the one agreed to.
    consentVersion: f.consentVersion.find((v) => v.startsWith(`${channel}-`)),
    language,
  };
}
