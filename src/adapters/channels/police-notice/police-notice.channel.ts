/**
 * The internal disappearance notice (broadcast channel 'police_notice'): every published version goes
 * to every police unit (jurisdictions of level 'unit') as a row in its in-app inbox (`police_notices`,
 * read through GET /api/police-notices), and once to the units' mailing list when one is configured.
 *
 * Targets. The port's `targets()` is synchronous but the units live in the database and administrators
 * add them at any time, so `createPoliceNoticeChannel` is an async factory that loads the list before
 * returning, keeps it in memory for `targets()`, and reloads it every `refreshMs` (default one minute;
 * timer unref'd, stopped by `close()`) or on demand with `refreshTargets()`. A unit created since the
 * last load is picked up by the next dispatch after a refresh; a unit that disappears between planning
 * and delivery fails permanently (`police_notice_unknown_unit`). A failed reload keeps the last list.
 *
 * E-mail. The mailing list is a separate target, `'mail'` (never a jurisdiction code, so no clash), listed
 * only when both a mailer and POLICE_NOTICE_EMAIL are configured. It gets its own delivery row, so it is
 * sent once per version, retried on its own, and does not ride on whichever unit happens to come first;
 * its Message-ID comes from the idempotency key, so a retry is the same message to the mail server.
 *
 * Idempotency. A unit's notice is inserted with ON CONFLICT (alert_id, version, jurisdiction_id) DO
 * NOTHING: a redelivery finds the row already there and returns its id as the provider reference.
 *
 * @example
 *   const notices = await createPoliceNoticeChannel({
 *     listUnits: () => listPoliceUnitCodes(ctx.store.db), store: ctx.store, clock: ctx.clock,
 *     mailer, noticeEmail: ctx.config.channels.policeNoticeEmail, mailFrom: ctx.config.channels.smtp?.from,
 *   });
 *   notices.targets(); // ['MA-CAS-U01', 'MA-RAB-U01', …, 'mail']
 */
import { randomUUID } from 'node:crypto';
import type { ChannelAdapter, Delivery, DeliveryReceipt } from '../../../app/distribution/channel-port.ts';
import { noticeContent } from '../../../app/police-notices/police-notice-content.ts';
import { DeliveryError } from '../../../domain/distribution/delivery-failure.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Database } from '../../../store/database.ts';
import { insertPoliceNotice, isPoliceUnit } from '../../../store/repositories/police-notices.repository.ts';
import { type Mailer, messageIdFor } from '../email/mailer.ts';
import { noticeMail } from './police-notice-mail.ts';

/** The mailing list's recipient key. */
export const POLICE_NOTICE_MAIL_TARGET = 'mail';
export const DEFAULT_UNIT_REFRESH_MS = 60_000;

export interface PoliceNoticeChannelDeps {
  /** Jurisdiction codes of the police units, e.g. listPoliceUnitCodes(ctx.store.db). */
  listUnits(): Promise<string[]>;
  readonly store: Pick<Database, 'db'>;
  readonly clock: Clock;
  /** The shared SMTP mailer (email/mailer.ts createMailer); null or absent: in-app notices only. */
  readonly mailer?: Pick<Mailer, 'send'> | null;
  /** POLICE_NOTICE_EMAIL: the units' mailing list. */
  readonly noticeEmail: string | null;
  /** MAIL_FROM, for Message-IDs on the sender's domain. */
  readonly mailFrom?: string | null | undefined;
  /** Reload the unit list this often; 0 turns the timer off (refreshTargets() still works). */
  readonly refreshMs?: number;
}

export interface PoliceNoticeChannel extends ChannelAdapter {
  targets(): readonly string[];
  /** Reloads the unit list now (a failure keeps the previous list and rejects). */
  refreshTargets(): Promise<void>;
  close(): Promise<void>;
}

export async function createPoliceNoticeChannel(deps: PoliceNoticeChannelDeps): Promise<PoliceNoticeChannel> {
  const mailer = deps.mailer ?? null;
  const noticeEmail = deps.noticeEmail;
  const mailOn = mailer !== null && noticeEmail !== null;
  let targets: readonly string[] = [];

  const refreshTargets = async (): Promise<void> => {
    const units = [...new Set(await deps.listUnits())].filter((u) => u !== POLICE_NOTICE_MAIL_TARGET);
    targets = Object.freeze(mailOn ? [...units, POLICE_NOTICE_MAIL_TARGET] : units);
  };
  await refreshTargets();

  const every = deps.refreshMs ?? DEFAULT_UNIT_REFRESH_MS;
  // A failed reload is not fatal: the previous list stays until the next one succeeds.
  const timer = every > 0 ? setInterval(() => void refreshTargets().catch(() => undefined), every) : null;
  timer?.unref();

  async function deliverMail(delivery: Delivery): Promise<DeliveryReceipt> {
    if (mailer === null || noticeEmail === null) throw new DeliveryError({ kind: 'permanent', code: 'police_notice_mail_off' });
    const messageId = messageIdFor(delivery.idempotencyKey, deps.mailFrom ?? 'notices@tifli.invalid');
    const accepted = await mailer.send(noticeMail(noticeContent(delivery.message), noticeEmail, messageId), delivery.signal);
    return { providerRef: accepted };
  }

  async function deliverNotice(delivery: Delivery): Promise<DeliveryReceipt> {
    const unit = delivery.recipient.key;
    if (delivery.signal.aborted) throw new DeliveryError({ kind: 'transient', code: 'police_notice_timeout' });
    if (!(await isPoliceUnit(deps.store.db, unit))) throw new DeliveryError({ kind: 'permanent', code: 'police_notice_unknown_unit' });
    const { message } = delivery;
    const { id } = await insertPoliceNotice(deps.store.db, {
      id: randomUUID(),
      alertId: message.alertId,
      version: message.version,
      jurisdictionId: unit,
      content: { ...noticeContent(message) },
      at: deps.clock.now(),
    });
    return { providerRef: id };
  }

  return {
    channel: 'police_notice',
    targets: () => targets,
    refreshTargets,
    deliver: (delivery) => (delivery.recipient.key === POLICE_NOTICE_MAIL_TARGET ? deliverMail(delivery) : deliverNotice(delivery)),
    async close() {
      if (timer) clearInterval(timer);
    },
  };
}
