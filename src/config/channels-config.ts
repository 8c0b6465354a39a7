/**
 * The distribution channels' configuration, parsed from the environment record that config.ts hands
 * over (this module never reads process.env). A channel is on when its provider settings are present;
 * partial settings are an error naming what is missing, so a typo never silently switches a channel off.
 *
 * @example
 *   FACEBOOK_PAGE_ID=123 FACEBOOK_PAGE_TOKEN=… WHATSAPP_PHONE_NUMBER_ID=… CHANNEL_LIMITS="whatsapp=80:16,sms=50:4"
 */
import { z } from 'zod';
import { CHANNELS, type ChannelName, isChannelName } from '../domain/distribution/channels.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../domain/distribution/retry-policy.ts';

export interface ChannelLimit {
  /** Sends per second, across this process's workers of the channel. */
  readonly ratePerSecond: number;
  /** Sends in flight at once. */
  readonly concurrency: number;
}

export interface PartnerWebhook {
  readonly id: string;
  readonly url: string;
  /** HMAC-SHA256 key shared with the partner. */
  readonly secret: string;
}

export interface ChannelsConfig {
  /** Graph API base and pinned version (Facebook, Instagram, WhatsApp Cloud API). */
  readonly graph: { readonly baseUrl: string; readonly version: string };
  readonly facebook: { readonly pageId: string; readonly token: string } | null;
  readonly instagram: { readonly userId: string; readonly token: string } | null;
  readonly whatsapp: {
    readonly baseUrl: string;
    readonly phoneNumberId: string;
    readonly token: string;
    /** App secret: verifies X-Hub-Signature-256 on status and message webhooks. */
    readonly appSecret: string;
    /** Echoed by the webhook verification handshake. */
    readonly verifyToken: string;
    readonly alertTemplate: string;
    readonly closingTemplate: string;
    readonly codeTemplate: string;
  } | null;
  readonly smpp: { readonly url: string; readonly systemId: string; readonly password: string; readonly sender: string } | null;
  readonly smtp: { readonly url: string; readonly from: string } | null;
  readonly webpush: { readonly publicKey: string; readonly privateKey: string; readonly subject: string } | null;
  readonly partners: readonly PartnerWebhook[];
  readonly metaPartner: { readonly url: string; readonly token: string } | null;
  /** The police units' mailing list for the internal disappearance notice (in-app notices need nothing). */
  readonly policeNoticeEmail: string | null;
  readonly limits: { readonly [C in ChannelName]: ChannelLimit };
  /** A provider call taking longer than this is abandoned and retried. */
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  /**
   * How long a claim left 'sending' by a worker that died waits for the provider's receipt before it is
   * sent again (app/distribution/deliver-batch.ts). Longer: fewer duplicates when receipts are slow;
   * shorter: a crash delays its recipients less.
   */
  readonly reconcileWindowMs: number;
  /** Signed webhooks (ours to partners, Meta's to us) older than this are refused as replays. */
  readonly replayWindowSeconds: number;
}

/** Defaults follow the providers' documented limits: WhatsApp 80/s per number, Graph far lower. */
export const DEFAULT_CHANNEL_LIMITS: { readonly [C in ChannelName]: ChannelLimit } = {
  facebook: { ratePerSecond: 1, concurrency: 1 },
  instagram: { ratePerSecond: 1, concurrency: 1 },
  whatsapp: { ratePerSecond: 80, concurrency: 16 },
  sms: { ratePerSecond: 50, concurrency: 8 },
  email: { ratePerSecond: 20, concurrency: 4 },
  webpush: { ratePerSecond: 200, concurrency: 32 },
  webhook: { ratePerSecond: 10, concurrency: 4 },
  meta_partner: { ratePerSecond: 1, concurrency: 1 },
  police_notice: { ratePerSecond: 50, concurrency: 4 },
};

export const CHANNEL_ENV_SCHEMA = {
  GRAPH_BASE_URL: z.url({ message: 'must be an absolute URL' }).default('https://graph.facebook.com'),
  GRAPH_API_VERSION: z.string().trim().regex(/^v\d{2,3}\.0$/, 'must be a pinned Graph version such as v24.0').default('v24.0'),
  FACEBOOK_PAGE_ID: z.string().trim().regex(/^\d{1,32}$/, 'must be the numeric Page id').optional(),
  FACEBOOK_PAGE_TOKEN: z.string().trim().min(8).optional(),
  INSTAGRAM_USER_ID: z.string().trim().regex(/^\d{1,32}$/, 'must be the numeric Instagram user id').optional(),
  INSTAGRAM_TOKEN: z.string().trim().min(8).optional(),
  WHATSAPP_BASE_URL: z.url({ message: 'must be an absolute URL' }).optional(),
  WHATSAPP_PHONE_NUMBER_ID: z.string().trim().regex(/^\d{1,32}$/, 'must be the numeric phone number id').optional(),
  WHATSAPP_TOKEN: z.string().trim().min(8).optional(),
  WHATSAPP_APP_SECRET: z.string().trim().min(8).optional(),
  WHATSAPP_VERIFY_TOKEN: z.string().trim().min(8).optional(),
  WHATSAPP_ALERT_TEMPLATE: z.string().trim().regex(/^[a-z0-9_]{1,512}$/, 'must be a template name (lowercase, digits, _)').default('tifli_alert'),
  WHATSAPP_CLOSING_TEMPLATE: z.string().trim().regex(/^[a-z0-9_]{1,512}$/, 'must be a template name (lowercase, digits, _)').default('tifli_alert_closed'),
  WHATSAPP_CODE_TEMPLATE: z.string().trim().regex(/^[a-z0-9_]{1,512}$/, 'must be a template name (lowercase, digits, _)').default('tifli_confirmation_code'),
  SMPP_URL: z.string().trim().regex(/^smpps?:\/\/[^/\s]+$/, 'must be smpp://host:port').optional(),
  SMPP_SYSTEM_ID: z.string().trim().min(1).max(16).optional(),
  SMPP_PASSWORD: z.string().min(1).max(9).optional(),
  SMS_SENDER: z.string().trim().min(1).max(11).default('DGSN'),
  SMTP_URL: z.string().trim().regex(/^smtps?:\/\/\S+$/, 'must be smtp://host:port or smtps://…').optional(),
  MAIL_FROM: z.string().trim().min(3).max(200).default('Tifli <alertes@tifli.invalid>'),
  VAPID_PUBLIC_KEY: z.string().trim().regex(/^[A-Za-z0-9_-]{86,88}$/, 'must be a base64url P-256 public key').optional(),
  VAPID_PRIVATE_KEY: z.string().trim().regex(/^[A-Za-z0-9_-]{42,44}$/, 'must be a base64url P-256 private key').optional(),
  VAPID_SUBJECT: z.string().trim().regex(/^(mailto:|https:\/\/)\S+$/, 'must be a mailto: or https: URL').optional(),
  PARTNER_WEBHOOKS: z.string().trim().optional(),
  META_PARTNER_URL: z.url({ message: 'must be an absolute URL' }).optional(),
  META_PARTNER_TOKEN: z.string().trim().min(8).optional(),
  POLICE_NOTICE_EMAIL: z.email({ message: 'must be an e-mail address' }).optional(),
  CHANNEL_LIMITS: z.string().trim().optional(),
  CHANNEL_TIMEOUT_MS: z.string().trim().regex(/^\d+$/, 'must be a whole number of milliseconds').transform(Number).pipe(z.number().int().min(100).max(120_000)).optional(),
  DELIVERY_MAX_ATTEMPTS: z.string().trim().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().int().min(1).max(50)).optional(),
  DELIVERY_RECONCILE_SECONDS: z.string().trim().regex(/^\d+$/, 'must be a whole number of seconds').transform(Number).pipe(z.number().int().min(1).max(3600)).optional(),
  WEBHOOK_REPLAY_WINDOW_SECONDS: z.string().trim().regex(/^\d+$/, 'must be a whole number of seconds').transform(Number).pipe(z.number().int().min(30).max(3600)).optional(),
};

type Env = z.output<z.ZodObject<typeof CHANNEL_ENV_SCHEMA>>;

const partnerSchema = z.array(
  z.strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'id: lowercase letters, digits, - or _'),
    url: z.url(),
    secret: z.string().min(16, 'secret: at least 16 characters'),
  }),
).max(50);

function all(v: Env, problems: string[], names: readonly (keyof Env)[], label: string): boolean {
  const set = names.filter((n) => v[n] !== undefined);
  if (set.length === 0) return false;
  if (set.length < names.length) {
    problems.push(`${names.filter((n) => v[n] === undefined).join(', ')}: required to turn on ${label} (${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set)`);
    return false;
  }
  return true;
}

/** Parses CHANNEL_LIMITS ("whatsapp=80:16,sms=50:4": rate per second, then concurrency). */
export function parseChannelLimits(text: string | undefined, problems: string[]): ChannelsConfig['limits'] {
  const limits: { -readonly [C in ChannelName]: ChannelLimit } = { ...DEFAULT_CHANNEL_LIMITS };
  if (!text) return limits;
  for (const item of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([a-z_]+)=(\d+(?:\.\d+)?):(\d+)$/.exec(item);
    const name = m?.[1] ?? '';
    if (!m || !isChannelName(name)) {
      problems.push(`CHANNEL_LIMITS: "${item}" must be channel=rate:concurrency with channel one of ${CHANNELS.join(', ')}`);
      continue;
    }
    const rate = Number(m[2]);
    const concurrency = Number(m[3]);
    if (!(rate > 0 && rate <= 10_000) || !(concurrency >= 1 && concurrency <= 256)) {
      problems.push(`CHANNEL_LIMITS: "${item}" needs a rate in (0, 10000] and a concurrency in [1, 256]`);
      continue;
    }
    limits[name] = { ratePerSecond: rate, concurrency };
  }
  return limits;
}

export function channelsConfig(v: Env, problems: string[]): ChannelsConfig {
  const graph = { baseUrl: v.GRAPH_BASE_URL.replace(/\/+$/, ''), version: v.GRAPH_API_VERSION };
  let partners: PartnerWebhook[] = [];
  if (v.PARTNER_WEBHOOKS) {
    let raw: unknown;
    try {
      raw = JSON.parse(v.PARTNER_WEBHOOKS);
    } catch {
      problems.push('PARTNER_WEBHOOKS: must be a JSON array of {"id","url","secret"}');
    }
    if (raw !== undefined) {
      const parsed = partnerSchema.safeParse(raw);
      if (parsed.success) partners = parsed.data;
      else problems.push(`PARTNER_WEBHOOKS: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
      if (new Set(partners.map((p) => p.id)).size !== partners.length) problems.push('PARTNER_WEBHOOKS: partner ids must be unique');
    }
  }
  const fb = all(v, problems, ['FACEBOOK_PAGE_ID', 'FACEBOOK_PAGE_TOKEN'], 'Facebook');
  const wa = all(v, problems, ['WHATSAPP_PHONE_NUMBER_ID', 'WHATSAPP_TOKEN', 'WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN'], 'WhatsApp');
  const smpp = all(v, problems, ['SMPP_URL', 'SMPP_SYSTEM_ID', 'SMPP_PASSWORD'], 'SMS');
  const push = all(v, problems, ['VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY', 'VAPID_SUBJECT'], 'Web Push');
  const meta = all(v, problems, ['META_PARTNER_URL', 'META_PARTNER_TOKEN'], 'the Meta partner hand-off');
  const igToken = v.INSTAGRAM_TOKEN ?? v.FACEBOOK_PAGE_TOKEN;
  if (v.INSTAGRAM_USER_ID && !igToken) problems.push('INSTAGRAM_TOKEN: required with INSTAGRAM_USER_ID (or set FACEBOOK_PAGE_TOKEN)');
  return {
    graph,
    facebook: fb ? { pageId: v.FACEBOOK_PAGE_ID ?? '', token: v.FACEBOOK_PAGE_TOKEN ?? '' } : null,
    instagram: v.INSTAGRAM_USER_ID && igToken ? { userId: v.INSTAGRAM_USER_ID, token: igToken } : null,
    whatsapp: wa
      ? {
          baseUrl: (v.WHATSAPP_BASE_URL ?? graph.baseUrl).replace(/\/+$/, ''),
          phoneNumberId: v.WHATSAPP_PHONE_NUMBER_ID ?? '',
          token: v.WHATSAPP_TOKEN ?? '',
          appSecret: v.WHATSAPP_APP_SECRET ?? '',
          verifyToken: v.WHATSAPP_VERIFY_TOKEN ?? '',
          alertTemplate: v.WHATSAPP_ALERT_TEMPLATE,
          closingTemplate: v.WHATSAPP_CLOSING_TEMPLATE,
          codeTemplate: v.WHATSAPP_CODE_TEMPLATE,
        }
      : null,
    smpp: smpp ? { url: v.SMPP_URL ?? '', systemId: v.SMPP_SYSTEM_ID ?? '', password: v.SMPP_PASSWORD ?? '', sender: v.SMS_SENDER } : null,
    smtp: v.SMTP_URL ? { url: v.SMTP_URL, from: v.MAIL_FROM } : null,
    webpush: push ? { publicKey: v.VAPID_PUBLIC_KEY ?? '', privateKey: v.VAPID_PRIVATE_KEY ?? '', subject: v.VAPID_SUBJECT ?? '' } : null,
    partners,
    metaPartner: meta ? { url: v.META_PARTNER_URL ?? '', token: v.META_PARTNER_TOKEN ?? '' } : null,
    policeNoticeEmail: v.POLICE_NOTICE_EMAIL ?? null,
    limits: parseChannelLimits(v.CHANNEL_LIMITS, problems),
    timeoutMs: v.CHANNEL_TIMEOUT_MS ?? 10_000,
    retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: v.DELIVERY_MAX_ATTEMPTS ?? DEFAULT_RETRY_POLICY.maxAttempts },
    reconcileWindowMs: (v.DELIVERY_RECONCILE_SECONDS ?? 60) * 1000,
    replayWindowSeconds: v.WEBHOOK_REPLAY_WINDOW_SECONDS ?? 300,
  };
}

/** Secrets among the channel variables: never echoed in configuration errors. */
export const CHANNEL_SECRET_VARIABLES: readonly string[] = ['FACEBOOK_PAGE_TOKEN', 'INSTAGRAM_TOKEN', 'WHATSAPP_TOKEN', 'WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN', 'SMPP_PASSWORD', 'SMTP_URL', 'VAPID_PRIVATE_KEY', 'PARTNER_WEBHOOKS', 'META_PARTNER_TOKEN'];
