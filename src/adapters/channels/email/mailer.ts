/**
 * The one way the platform sends e-mail: a pooled nodemailer SMTP transport behind a two-method API,
 * shared by the citizens' e-mail channel (email.channel.ts) and the police units' notice. It sends one
 * message to one recipient, resolves with the Message-ID the server accepted, and turns every SMTP or
 * connection failure into a DeliveryError (smtp-failure.ts) that the dispatcher can act on.
 *
 * Configuration is SMTP_URL and MAIL_FROM (config/channels-config.ts):
 * - `smtp://user:pass@relay.example:587` upgrades with STARTTLS, and refuses to send in clear text to
 *   any host but loopback (add `?requireTLS=false` for a relay inside a trusted network);
 * - `smtps://…:465` is TLS from the first byte.
 * Connections are pooled (reused across messages, replaced after 100) and every phase has a timeout, so
 * a silent server costs at most those seconds; the caller's signal cancels one send early.
 *
 * A retry must be recognisable downstream, so callers pass a Message-ID derived from their idempotency
 * key (`messageIdFor`): the same key always gives the same Message-ID.
 *
 * @example
 *   const mailer = createMailer(config.channels.smtp);
 *   const id = await mailer.send({ to: 'unit@police.ma', subject, text, html, messageId: messageIdFor(key, config.channels.smtp.from) }, AbortSignal.timeout(10_000));
 *   await mailer.close();
 */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { ChannelsConfig } from '../../../config/channels-config.ts';
import { DeliveryError } from '../../../domain/distribution/delivery-failure.ts';
import { smtpFailure } from './smtp-failure.ts';

export type SmtpConfig = NonNullable<ChannelsConfig['smtp']>;

export interface MailAttachment {
  readonly filename: string;
  readonly content: Buffer;
  readonly contentType: string;
  /** Content-ID for an inline part the HTML shows as `<img src="cid:…">`. */
  readonly cid?: string;
}

export interface OutboundMail {
  /** One address; lists, groups and display names are refused (one message, one recipient). */
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Extra header fields (List-Unsubscribe, Auto-Submitted…), ASCII values. */
  readonly headers?: Readonly<Record<string, string>>;
  /** "<…@domain>"; nodemailer makes a random one when absent. */
  readonly messageId?: string;
  readonly attachments?: readonly MailAttachment[];
}

export interface Mailer {
  /** Resolves with the accepted Message-ID ("<…>"); rejects with a DeliveryError. */
  send(mail: OutboundMail, signal: AbortSignal): Promise<string>;
  /** Ends the pool's connections (idle ones at once, busy ones after their message). */
  close(): Promise<void>;
}

export interface MailerOptions {
  /** Connections open at once (default 4, the e-mail channel's default concurrency). */
  readonly maxConnections?: number;
  /** Connect and greeting timeout (default 10 s). */
  readonly connectTimeoutMs?: number;
  /** Inactivity on an open connection (default 30 s). */
  readonly socketTimeoutMs?: number;
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\]|::1|localhost)$/i;

/** One mailbox, no list separators, comments, quotes or spaces (which could add recipients). */
const SINGLE_ADDRESS = /^[^\s@,;:<>()[\]"\\]+@[^\s@,;:<>()[\]"\\]+\.[^\s@,;:<>()[\]"\\]+$/u;

/** The address part of "Name <a@b>" or of a bare "a@b". */
export function addressOf(from: string): string {
  const bracketed = /<([^<>]+)>\s*$/.exec(from);
  return (bracketed?.[1] ?? from).trim();
}

/**
 * A Message-ID that is the same for the same idempotency key (so a retried delivery is the same message
 * to the receiving server and to the reader's client), on the sender's domain, revealing nothing of the key.
 */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = addressOf(from).split('@')[1] ?? 'tifli.invalid';
  const digest = createHash('sha256').update(`tifli-mail\u0000${idempotencyKey}`).digest('hex').slice(0, 40);
  return `<${digest}@${domain}>`;
}

/** nodemailer's pool options for SMTP_URL (exported for its tests: TLS policy, port defaults, credentials). */
export function smtpTransportOptions(config: SmtpConfig, options: MailerOptions = {}) {
  const url = new URL(config.url);
  const secure = url.protocol === 'smtps:';
  const loopback = LOOPBACK.test(url.hostname);
  const user = decodeURIComponent(url.username);
  const connectTimeout = options.connectTimeoutMs ?? 10_000;
  return {
    pool: true as const,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    requireTLS: !secure && !loopback && url.searchParams.get('requireTLS') !== 'false',
    ...(user ? { auth: { user, pass: decodeURIComponent(url.password) } } : {}),
    maxConnections: options.maxConnections ?? 4,
    maxMessages: 100,
    connectionTimeout: connectTimeout,
    greetingTimeout: connectTimeout,
    socketTimeout: options.socketTimeoutMs ?? 30_000,
    dnsTimeout: connectTimeout,
    // Never log: transcripts hold recipients' addresses and message bodies.
    logger: false,
    debug: false,
    // Content comes from our own buffers; nodemailer must never read files or fetch URLs on our behalf.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

export function createMailer(config: SmtpConfig, options: MailerOptions = {}): Mailer {
  const from = config.from;
  const envelopeFrom = addressOf(from);
  const transport = nodemailer.createTransport(smtpTransportOptions(config, options));
  return {
    async send(mail, signal) {
      if (!SINGLE_ADDRESS.test(mail.to)) throw new DeliveryError({ kind: 'permanent', code: 'smtp_bad_address' });
      if (signal.aborted) throw new DeliveryError({ kind: 'transient', code: 'timeout' });
      try {
        const info = await transport.sendMail({
          from,
          to: mail.to,
          // An explicit envelope: the recipient list is exactly this one address, whatever the headers say.
          envelope: { from: envelopeFrom, to: [mail.to] },
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          ...(mail.messageId ? { messageId: mail.messageId } : {}),
          ...(mail.headers ? { headers: { ...mail.headers } } : {}),
          attachments: (mail.attachments ?? []).map((a) => ({
            filename: a.filename,
            content: a.content,
            contentType: a.contentType,
            ...(a.cid ? { cid: a.cid, contentDisposition: 'inline' as const } : {}),
          })),
          signal,
        });
        return info.messageId;
      } catch (error) {
        throw new DeliveryError(signal.aborted ? { kind: 'transient', code: 'timeout' } : smtpFailure(error));
      }
    },
    async close() {
      transport.close();
    },
  };
}
