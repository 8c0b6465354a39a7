/**
 * The citizens' e-mail channel (fan-out): one message per opted-in address inside the zone, through the
 * shared SMTP mailer (mailer.ts).
 *
 * What every alert e-mail carries, and why:
 * - text and HTML alternatives in the recipient's language (email-message.ts), the poster as an inline
 *   part (no remote resources, so nothing is fetched when the message is opened);
 * - `List-Unsubscribe: <url>` and `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058: the
 *   mailbox provider's unsubscribe button works in one POST) plus the same link in the body;
 * - a Message-ID derived from the idempotency key, so a retry after a crash is the same message to the
 *   receiving server and threads with itself in the reader's client;
 * - `Auto-Submitted: auto-generated` (RFC 3834), so auto-responders do not answer alerts;
 * - on an update or a closing message, `In-Reply-To`/`References` to the earlier messages of the alert
 *   (the delivery's previousRefs are their Message-IDs), so the reader sees one thread per alert.
 * Exercises say so in the subject ("[تمرين/EXERCICE]") and in a banner.
 *
 * A 'retract' delivery sends the closing message (found → thank you; ended otherwise), without photo or
 * name. `sendConfirmation` sends the double opt-in link.
 *
 * @example
 *   const email = createEmailChannel(config.channels.smtp);   // or (smtp, sharedMailer)
 *   const { providerRef } = await email.deliver({ idempotencyKey, message, recipient, previousRefs, signal });
 */
import type { ChannelAdapter, ConfirmationMessage, Delivery, DeliveryReceipt } from '../../../app/distribution/channel-port.ts';
import { DeliveryError } from '../../../domain/distribution/delivery-failure.ts';
import { alertEmail, closingEmail, confirmationEmail, type EmailContent } from './email-message.ts';
import { addressOf, createMailer, messageIdFor, type MailAttachment, type Mailer, type SmtpConfig } from './mailer.ts';

/** A Message-ID as we write them: "<local@domain>", nothing that could break a header. */
const MESSAGE_ID = /^<[\x21-\x3b\x3d\x3f-\x7e]+@[\x21-\x3b\x3d\x3f-\x7e]+>$/;

/** An http(s) URL serialised by the URL parser (percent-encodes spaces, quotes, angle brackets), or null. */
function webUrl(text: string | null): string | null {
  if (!text) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

export function createEmailChannel(config: SmtpConfig, mailer?: Mailer): ChannelAdapter {
  const own = mailer === undefined;
  const transport = mailer ?? createMailer(config);
  const domain = addressOf(config.from).split('@')[1] ?? 'tifli.invalid';

  async function send(to: string, key: string, content: EmailContent, headers: Record<string, string>, attachments: MailAttachment[], signal: AbortSignal): Promise<DeliveryReceipt> {
    const providerRef = await transport.send(
      { to, subject: content.subject, text: content.text, html: content.html, headers, messageId: messageIdFor(key, config.from), attachments },
      signal,
    );
    return { providerRef };
  }

  return {
    channel: 'email',

    async deliver({ idempotencyKey, message, recipient, previousRefs, signal }: Delivery): Promise<DeliveryReceipt> {
      const unsubscribeUrl = webUrl(recipient.unsubscribeUrl);
      // Every subscription e-mail must carry a working one-click unsubscribe; without one we do not send.
      if (!unsubscribeUrl) throw new DeliveryError({ kind: 'permanent', code: 'email_no_unsubscribe' });
      const lang = recipient.language;
      const headers: Record<string, string> = {
        'List-Unsubscribe': `<${unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'Auto-Submitted': 'auto-generated',
        'X-Auto-Response-Suppress': 'All',
        'Content-Language': lang,
      };
      const earlier = previousRefs.filter((ref) => MESSAGE_ID.test(ref));
      if (earlier.length > 0) {
        headers['In-Reply-To'] = earlier[earlier.length - 1] ?? '';
        headers.References = earlier.join(' ');
      }
      const view = message.view;
      if (message.action === 'retract' || view.state === 'ended') {
        const ended = view.state === 'ended' ? view : { outcome: 'withdrawn' as const, reference: view.reference, exercise: view.exercise };
        const content = closingEmail(ended, lang, { pageUrl: message.pageUrl, unsubscribeUrl });
        return send(recipient.address, idempotencyKey, content, headers, [], signal);
      }
      let poster: Buffer;
      try {
        poster = await message.poster(lang, 'og');
      } catch {
        throw new DeliveryError({ kind: 'transient', code: 'email_poster_unavailable' });
      }
      const cid = `poster.${message.publicId}.v${message.version}@${domain}`;
      const content = alertEmail(view, lang, { pageUrl: message.pageUrl, unsubscribeUrl, poster: { cid } });
      const attachment: MailAttachment = { filename: `alerte-${message.publicId}.jpg`, content: poster, contentType: 'image/jpeg', cid };
      return send(recipient.address, idempotencyKey, content, headers, [attachment], signal);
    },

    async sendConfirmation({ idempotencyKey, recipient, link, signal }: ConfirmationMessage): Promise<DeliveryReceipt> {
      const url = webUrl(link);
      if (!url) throw new DeliveryError({ kind: 'permanent', code: 'email_no_confirmation_link' });
      const content = confirmationEmail(recipient.language, url);
      return send(recipient.address, idempotencyKey, content, { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All', 'Content-Language': recipient.language }, [], signal);
    },

    async close() {
      if (own) await transport.close();
    },
  };
}
