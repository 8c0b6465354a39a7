/**
 * Configuration, parsed once at start from the environment. This is the only module that reads
 * `process.env`; everything else receives a frozen `Config`.
 *
 * @example
 *   const config = loadConfig(process.env); // throws ConfigError naming the variable on bad input
 */
import { z } from 'zod';
import path from 'node:path';
import { type FatigueConfig, parseFatigueConfig } from '../domain/alert-fatigue/fatigue-rules.ts';
import { CHANNEL_ENV_SCHEMA, CHANNEL_SECRET_VARIABLES, type ChannelsConfig, channelsConfig } from './channels-config.ts';

const intIn = (min: number, max: number, fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number between ${min} and ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .optional()
    .transform((v) => v ?? fallback);

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? fallback : v === 'true' || v === '1' || v === 'yes'));

const urlString = z.url({ message: 'must be an absolute URL' });

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { message: 'must be development, production or test' }).default('development'),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: intIn(0, 65535, 3000),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATABASE_POOL_MAX: intIn(1, 200, 10),
  PUBLIC_BASE_URL: urlString.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be a pino level' }).default('info'),
  TRUST_PROXY: bool(false),
  BODY_LIMIT_BYTES: intIn(1024, 32 * 1024 * 1024, 1024 * 1024),
  MASTER_KEYS: z
    .string()
    .trim()
    .regex(/^([A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=_-]{43,44})(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=_-]{43,44})*$/, 'must be a comma-separated list of keyId:base64(32 bytes)')
    .optional(),
  MASTER_KEY_ACTIVE: z.string().trim().min(1).optional(),
  SESSION_IDLE_MINUTES: intIn(1, 24 * 60, 30),
  SESSION_MAX_HOURS: intIn(1, 72, 12),
  LOGIN_MAX_ATTEMPTS: intIn(1, 100, 5),
  LOGIN_LOCKOUT_MINUTES: intIn(1, 24 * 60, 15),
  ENROLMENT_TTL_MINUTES: intIn(1, 7 * 24 * 60, 30),
  JOBS_ENABLED: bool(true),
  ALERT_REQUIRED_STEPS: z
    .string()
    .trim()
    .regex(/^(supervisor_check|central_validation|prosecutor_decision)(,(supervisor_check|central_validation|prosecutor_decision))*$/, 'must be a comma-separated list of supervisor_check, central_validation, prosecutor_decision')
    .default('supervisor_check,central_validation,prosecutor_decision'),
  ALERT_PROSECUTOR_DELAY_MINUTES: intIn(5, 7 * 24 * 60, 120),
  ALERT_DEFAULT_HOURS: intIn(1, 30 * 24, 72),
  ZONE_OUTER_RADIUS_KM: intIn(5, 1000, 160),
  ZONE_STEP_MINUTES: intIn(5, 24 * 60, 30),
  // Parsed by the alert-fatigue domain module (it owns their rules), after the schema.
  ALERT_PUSH_LIMIT_PER_DAY: z.string().optional(),
  ALERT_QUIET_HOURS: z.string().optional(),
  ALERT_QUIET_TIERS: z.string().optional(),
  ...CHANNEL_ENV_SCHEMA,
  // Tip intake (http/routes/tips): free quotas per client address and per network, the proof of work
  // asked beyond them, the API tokens' rate, load shedding and the photo cap.
  TIP_FREE_PER_ADDRESS: intIn(1, 100_000, 6),
  TIP_FREE_PER_NETWORK: intIn(1, 1_000_000, 60),
  TIP_QUOTA_WINDOW_SECONDS: intIn(10, 86_400, 600),
  TIP_PROOF_BITS: intIn(12, 26, 16),
  TIP_API_PER_MINUTE: intIn(1, 1_000_000, 600),
  TIP_MAX_IN_FLIGHT: intIn(1, 100_000, 128),
  TIP_PHOTO_MAX_BYTES: intIn(64 * 1024, 15 * 1024 * 1024, 10 * 1024 * 1024),
  TIP_PHOTO_MAX_IN_FLIGHT: intIn(1, 256, 4),
  TIP_SHED_HOLD_MS: intIn(0, 10_000, 1000),
  // Retention after a case's closure (app/privacy/retention-run.ts): restricted data, then tips.
  RETENTION_RESTRICTED_MONTHS: intIn(1, 120, 12),
  RETENTION_TIPS_MONTHS: intIn(1, 120, 6),
  // Tip triage (app/tips/triage-tip.ts): a tip scoring at least this notifies the case officer at once.
  TIP_NOTIFY_SCORE: intIn(0, 100, 70),
  // Requests per minute per client address on each route, for callers who are not signed in (http/plugins/public-rate-limit.ts).
  RATE_LIMIT_PUBLIC_PER_MINUTE: intIn(1, 100_000, 300),
  // Web Push to endpoints on loopback (the tests' push service); default on except in production, where it is refused.
  WEBPUSH_ALLOW_LOOPBACK: z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' }).optional(),
  // The shred ledger, kept outside the database so restores re-apply erasures (app/backup/shred-ledger.ts).
  SHRED_LEDGER_FILE: z.string().trim().min(1).optional(),
  // Prometheus scrapes /metrics with this bearer token; without one, only loopback callers are answered.
  METRICS_TOKEN: z.string().trim().min(24, 'must be at least 24 characters').optional(),
});

export type AlertStep = 'supervisor_check' | 'central_validation' | 'prosecutor_decision';

export type DatabaseMode = 'embedded' | 'postgres';

export interface MasterKey {
  readonly id: string;
  readonly key: Buffer;
}

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly database: { readonly mode: 'embedded'; readonly dir: string } | { readonly mode: 'postgres'; readonly url: string; readonly poolMax: number };
  readonly publicBaseUrl: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly trustProxy: boolean;
  readonly bodyLimitBytes: number;
  /** Empty when not configured: the key store then uses a development key kept in DATA_DIR. */
  readonly masterKeys: readonly MasterKey[];
  readonly masterKeyActive: string | undefined;
  readonly session: { readonly idleMinutes: number; readonly maxHours: number };
  readonly login: { readonly maxAttempts: number; readonly lockoutMinutes: number };
  readonly enrolmentTtlMinutes: number;
  readonly jobsEnabled: boolean;
  readonly alerts: {
    /** Decision steps required before publication, in order (ALERT_REQUIRED_STEPS). */
    readonly requiredSteps: readonly AlertStep[];
    /** On the urgent path, the prosecutor's decision is due this long after publication. */
    readonly prosecutorDelayMinutes: number;
    readonly defaultHours: number;
    readonly zoneOuterRadiusKm: number;
    readonly zoneStepMinutes: number;
    /** Per-area push limits and quiet hours, applied by the channels that push (domain/alert-fatigue). */
    readonly fatigue: FatigueConfig;
  };
  /** Distribution channels: providers, limits, retries (config/channels-config.ts). */
  readonly channels: ChannelsConfig;
  /** Tip intake: abuse resistance and load shedding (http/routes/tips/intake-limits.ts). */
  readonly tips: {
    /** Tips one client address may send per window without a proof of work (TIP_FREE_PER_ADDRESS, default 6). */
    readonly freePerAddress: number;
    /** Tips one network (IPv4 /24, IPv6 /48) may send per window without a proof of work (TIP_FREE_PER_NETWORK, default 60). */
    readonly freePerNetwork: number;
    /** TIP_QUOTA_WINDOW_SECONDS, default 600. */
    readonly quotaWindowSeconds: number;
    /** Base difficulty of the proof of work, in leading zero bits (TIP_PROOF_BITS, default 16). */
    readonly proofBits: number;
    /** Tips per minute per API token or signed-in user (TIP_API_PER_MINUTE, default 600). */
    readonly apiPerMinute: number;
    /** Tip submissions handled at once by a process before it answers 503 (TIP_MAX_IN_FLIGHT, default 128). */
    readonly maxInFlight: number;
    /** Largest photo upload (TIP_PHOTO_MAX_BYTES, default 10 MiB, at most 15 MiB). */
    readonly photoMaxBytes: number;
    /** Tips with a photo being processed at once (TIP_PHOTO_MAX_IN_FLIGHT, default 4). */
    readonly photoMaxInFlight: number;
    /** How long a shed submission's 503 is held before it is sent (TIP_SHED_HOLD_MS, default 1000; 0 sends at once). */
    readonly shedHoldMs: number;
  };
  /** Months after a case's closure before its data is purged (app/privacy/retention-run.ts). */
  readonly retention: {
    /** Restricted data purged and the case's data key destroyed (RETENTION_RESTRICTED_MONTHS, default 12). */
    readonly restrictedMonths: number;
    /** Tips and tipsters' contacts purged (RETENTION_TIPS_MONTHS, default 6); never later than the case purge. */
    readonly tipsMonths: number;
  };
  /** Tip triage (app/tips/triage-tip.ts). */
  readonly tipTriage: {
    /** A tip scoring at least this (0–100) notifies the case officer at once (TIP_NOTIFY_SCORE, default 70). */
    readonly notifyScore: number;
  };
  /** Requests per minute per address and route for callers who are not signed in (RATE_LIMIT_PUBLIC_PER_MINUTE, default 300). */
  readonly publicRateLimitPerMinute: number;
  /** Web Push may connect to loopback endpoints (WEBPUSH_ALLOW_LOOPBACK; never in production). */
  readonly webPushAllowLoopback: boolean;
  /** The shred ledger kept outside the database (SHRED_LEDGER_FILE, default DATA_DIR/shred-ledger.jsonl). */
  readonly shredLedgerFile: string;
  /** Bearer token for GET /metrics; null: loopback callers only. */
  readonly metricsToken: string | null;
}

export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Parses the environment once. Throws ConfigError listing every bad variable by name. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const known = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, env[k] === '' && k !== 'DATABASE_URL' ? undefined : env[k]]));
  const parsed = schema.safeParse(known);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        const raw = env[name];
        const shown = name === 'DATABASE_URL' || name === 'MASTER_KEYS' || name === 'METRICS_TOKEN' || CHANNEL_SECRET_VARIABLES.includes(name) ? '(value hidden)' : JSON.stringify(raw);
        return `${name}: ${issue.message} (got ${raw === undefined ? 'nothing' : shown})`;
      }),
    );
  }
  const v = parsed.data;
  const masterKeys = (v.MASTER_KEYS ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => {
      const [id = '', b64 = ''] = pair.split(':');
      return { id, key: Buffer.from(b64, 'base64') };
    });
  const problems: string[] = [];
  for (const k of masterKeys) if (k.key.length !== 32) problems.push(`MASTER_KEYS: key "${k.id}" must decode to 32 bytes (got ${k.key.length})`);
  if (new Set(masterKeys.map((k) => k.id)).size !== masterKeys.length) problems.push('MASTER_KEYS: key ids must be unique');
  if (v.MASTER_KEY_ACTIVE && !masterKeys.some((k) => k.id === v.MASTER_KEY_ACTIVE)) problems.push(`MASTER_KEY_ACTIVE: names key "${v.MASTER_KEY_ACTIVE}", which is not in MASTER_KEYS`);
  if (v.NODE_ENV === 'production' && masterKeys.length === 0) problems.push('MASTER_KEYS: required when NODE_ENV=production (generate one with `npx tifli keys generate`)');
  const fatigue = parseFatigueConfig({ ALERT_PUSH_LIMIT_PER_DAY: v.ALERT_PUSH_LIMIT_PER_DAY, ALERT_QUIET_HOURS: v.ALERT_QUIET_HOURS, ALERT_QUIET_TIERS: v.ALERT_QUIET_TIERS });
  if (!fatigue.ok) problems.push(...fatigue.problems.map((p) => `${p.field}: ${p.message}`));
  if (v.NODE_ENV === 'production' && ['true', '1', 'yes'].includes(v.WEBPUSH_ALLOW_LOOPBACK ?? '')) problems.push('WEBPUSH_ALLOW_LOOPBACK: not allowed when NODE_ENV=production (push endpoints are chosen by strangers)');
  const channels = channelsConfig(v, problems);
  if (problems.length || !fatigue.ok) throw new ConfigError(problems);

  const port = v.PORT;
  const dataDir = path.resolve(v.DATA_DIR);
  return Object.freeze({
    env: v.NODE_ENV,
    host: v.HOST,
    port,
    dataDir,
    database: v.DATABASE_URL
      ? { mode: 'postgres' as const, url: v.DATABASE_URL, poolMax: v.DATABASE_POOL_MAX }
      : { mode: 'embedded' as const, dir: path.join(dataDir, 'pglite') },
    publicBaseUrl: (v.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    logLevel: v.LOG_LEVEL,
    trustProxy: v.TRUST_PROXY,
    bodyLimitBytes: v.BODY_LIMIT_BYTES,
    masterKeys,
    masterKeyActive: v.MASTER_KEY_ACTIVE ?? masterKeys[masterKeys.length - 1]?.id,
    session: { idleMinutes: v.SESSION_IDLE_MINUTES, maxHours: v.SESSION_MAX_HOURS },
    login: { maxAttempts: v.LOGIN_MAX_ATTEMPTS, lockoutMinutes: v.LOGIN_LOCKOUT_MINUTES },
    enrolmentTtlMinutes: v.ENROLMENT_TTL_MINUTES,
    jobsEnabled: v.JOBS_ENABLED,
    alerts: {
      requiredSteps: [...new Set(v.ALERT_REQUIRED_STEPS.split(',') as AlertStep[])],
      prosecutorDelayMinutes: v.ALERT_PROSECUTOR_DELAY_MINUTES,
      defaultHours: v.ALERT_DEFAULT_HOURS,
      zoneOuterRadiusKm: v.ZONE_OUTER_RADIUS_KM,
      zoneStepMinutes: v.ZONE_STEP_MINUTES,
      fatigue: fatigue.value,
    },
    channels,
    tips: {
      freePerAddress: v.TIP_FREE_PER_ADDRESS,
      freePerNetwork: v.TIP_FREE_PER_NETWORK,
      quotaWindowSeconds: v.TIP_QUOTA_WINDOW_SECONDS,
      proofBits: v.TIP_PROOF_BITS,
      apiPerMinute: v.TIP_API_PER_MINUTE,
      maxInFlight: v.TIP_MAX_IN_FLIGHT,
      photoMaxBytes: v.TIP_PHOTO_MAX_BYTES,
      photoMaxInFlight: v.TIP_PHOTO_MAX_IN_FLIGHT,
      shedHoldMs: v.TIP_SHED_HOLD_MS,
    },
    retention: { restrictedMonths: v.RETENTION_RESTRICTED_MONTHS, tipsMonths: v.RETENTION_TIPS_MONTHS },
    tipTriage: { notifyScore: v.TIP_NOTIFY_SCORE },
    publicRateLimitPerMinute: v.RATE_LIMIT_PUBLIC_PER_MINUTE,
    webPushAllowLoopback: v.WEBPUSH_ALLOW_LOOPBACK === undefined ? v.NODE_ENV !== 'production' : ['true', '1', 'yes'].includes(v.WEBPUSH_ALLOW_LOOPBACK),
    shredLedgerFile: path.resolve(v.SHRED_LEDGER_FILE ?? path.join(dataDir, 'shred-ledger.jsonl')),
    metricsToken: v.METRICS_TOKEN ?? null,
  });
}

/** The process environment, parsed: the one read of `process.env` in the program. */
export function loadConfigFromEnvironment(): Config {
  return loadConfig(process.env);
}

/** The variables this module understands, for the README and `tifli --help`. */
export const CONFIG_VARIABLES = Object.keys(schema.shape);
