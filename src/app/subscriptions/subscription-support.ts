/**
 * What the subscription use cases share: the channels this server offers, the error a refused
 * sign-up throws (its problems keep their stable codes, so the public site can word them in the
 * visitor's language), the confirmation job's queue name, and reading a stored row back.
 *
 * @example
 *   offeredChannels(ctx.config);                  // ['email', 'webpush'] when only SMTP and VAPID are set
 *   throw new SubscriptionInputError(problems);   // 400 validation_failed, errors per field
 */
import type { Config } from '../../config/config.ts';
import { ALERT_LANGUAGES, type AlertLanguage } from '../../domain/alert-text/alert-languages.ts';
import type { SubscriptionChannel } from '../../domain/distribution/channels.ts';
import { AppError } from '../../domain/errors.ts';
import { areaCells, cellRows, storedArea } from '../../domain/subscription/subscription-area.ts';
import { SUBSCRIPTION_PROBLEM_MESSAGES, type SubscriptionProblem } from '../../domain/subscription/subscription-problems.ts';
import type { CellRow, SubscriptionRow } from '../../store/repositories/subscriptions.repository.ts';
import type { AppContext } from '../context.ts';

/** The job queued by a sign-up that needs a confirmation; its worker (jobs/subscription-jobs.ts) calls issueConfirmation. */
export { SUBSCRIPTION_CONFIRM_QUEUE } from '../../jobs/queues.ts';

/** The subscription channels with a provider configured on this server, in the form's order. */
export function offeredChannels(config: Pick<Config, 'channels'>): SubscriptionChannel[] {
  const c = config.channels;
  const on: Readonly<Record<SubscriptionChannel, boolean>> = { email: c.smtp !== null, sms: c.smpp !== null, whatsapp: c.whatsapp !== null, webpush: c.webpush !== null };
  return (['email', 'sms', 'whatsapp', 'webpush'] as const).filter((ch) => on[ch]);
}

/** A refused sign-up: 400 validation_failed, with the problems' codes for the public site. */
export class SubscriptionInputError extends AppError {
  readonly problems: readonly SubscriptionProblem[];
  constructor(problems: readonly SubscriptionProblem[]) {
    super('validation_failed', 'The subscription is not valid.', { errors: problems.map((p) => ({ field: p.field, message: SUBSCRIPTION_PROBLEM_MESSAGES[p.code] })) });
    this.name = 'SubscriptionInputError';
    this.problems = problems;
  }
}

/** Which kind of secret confirms a channel; Web Push needs none (the browser's subscription is the proof). */
export function secretKind(channel: SubscriptionChannel): 'code' | 'link' | null {
  switch (channel) {
    case 'email':
      return 'link';
    case 'sms':
    case 'whatsapp':
      return 'code';
    case 'webpush':
      return null;
  }
}

const isAlertLanguage = (v: unknown): v is AlertLanguage => typeof v === 'string' && (ALERT_LANGUAGES as readonly string[]).includes(v);

/** The language a subscriber read the form in (the consent's), else their first alert language. */
export function languageOf(row: Pick<SubscriptionRow, 'consent' | 'languages'>): AlertLanguage {
  const fromConsent = (row.consent as { language?: unknown }).language;
  if (isAlertLanguage(fromConsent)) return fromConsent;
  return row.languages.find(isAlertLanguage) ?? 'ar-MA';
}

/** The stored cells of a row's area (recomputed from the stored area, which never changes shape). */
export function cellsOfRow(ctx: Pick<AppContext, 'geo'>, row: Pick<SubscriptionRow, 'area'>): CellRow[] {
  const area = storedArea(row.area);
  if (!area) throw new AppError('internal', 'A stored subscription area could not be read.');
  return cellRows(areaCells(area, ctx.geo));
}

/** PostgreSQL unique_violation (two sign-ups for the same address at the same moment). */
export const isUniqueViolation = (err: unknown): boolean => typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
