/**
 * A real SMTP server on 127.0.0.1 for the e-mail adapters' tests (smtp-server + mailparser): it records
 * every message it accepts (envelope, raw source, parsed headers, text, HTML, attachments), and can be
 * told to refuse the next N messages with a chosen reply (at RCPT TO, as servers do for an unknown
 * mailbox, or after DATA) or to sit on them for a while before answering. STARTTLS is not offered, so
 * clients talk plain SMTP on loopback.
 *
 * @example
 *   const peer = await startSmtpPeer();
 *   after(() => peer.close());
 *   peer.rejectNext(1, { code: 550, text: '5.1.1 Mailbox unknown', at: 'rcpt' });
 *   const mailer = createMailer({ url: peer.url, from: 'Tifli <alertes@tifli.test>' });
 *   peer.messages[0]?.parsed.subject;
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  readonly envelope: { readonly from: string; readonly to: readonly string[] };
  /** The message exactly as it crossed the wire (after dot-unstuffing). */
  readonly raw: Buffer;
  readonly parsed: ParsedMail;
  /** Raw header lines by lowercase name (unfolded), for exact checks of what was sent. */
  header(name: string): string[];
}

export interface SmtpReply {
  /** 421, 450, 451, 452, 550, 551, 553, 554… */
  readonly code: number;
  /** Reply text, enhanced status code first when wanted ("5.1.1 Mailbox unknown"). */
  readonly text?: string;
  /** Where the refusal comes: at RCPT TO (unknown mailbox) or after the message data (default). */
  readonly at?: 'rcpt' | 'data';
}

export interface SmtpPeer {
  readonly port: number;
  /** smtp://127.0.0.1:port */
  readonly url: string;
  readonly messages: ReceivedMail[];
  /** Refuse the next `count` message transactions with `reply`. */
  rejectNext(count: number, reply: SmtpReply): void;
  /** Hold the next `count` messages `ms` before accepting them. */
  delayNext(count: number, ms: number): void;
  close(): Promise<void>;
}

type Action = { readonly kind: 'reject'; readonly reply: SmtpReply } | { readonly kind: 'delay'; readonly ms: number };

function smtpError(reply: SmtpReply): Error {
  const error = new Error(reply.text ?? 'Refused by the test peer') as Error & { responseCode: number };
  error.responseCode = reply.code;
  return error;
}

/** Unfolds "Name: value\r\n continued" into "value continued". */
const headerValue = (line: string): string => line.replace(/^[^:]*:\s?/, '').replace(/\r?\n[ \t]+/g, ' ');

export async function startSmtpPeer(): Promise<SmtpPeer> {
  const messages: ReceivedMail[] = [];
  const planned: Action[] = [];
  /** The action for each session's current transaction, taken when MAIL FROM starts it. */
  const current = new Map<string, Action | null>();
  const timers = new Set<NodeJS.Timeout>();

  const actionOf = (session: SMTPServerSession): Action | null => current.get(session.id) ?? null;

  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    closeTimeout: 100,
    size: 10 * 1024 * 1024,
    onMailFrom(_address, session, callback) {
      current.set(session.id, planned.shift() ?? null);
      callback();
    },
    onRcptTo(_address, session, callback) {
      const action = actionOf(session);
      if (action?.kind === 'reject' && action.reply.at === 'rcpt') return callback(smtpError(action.reply));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const action = actionOf(session);
        if (action?.kind === 'reject') return callback(smtpError(action.reply));
        const raw = Buffer.concat(chunks);
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        simpleParser(raw, { keepCidLinks: true }).then(
          (parsed) => {
            messages.push({
              envelope,
              raw,
              parsed,
              header: (name) => parsed.headerLines.filter((h) => h.key === name.toLowerCase()).map((h) => headerValue(h.line)),
            });
            if (action?.kind === 'delay') {
              const timer = setTimeout(() => {
                timers.delete(timer);
                callback();
              }, action.ms);
              timers.add(timer);
            } else callback();
          },
          (error: unknown) => callback(error instanceof Error ? error : new Error('unparseable message')),
        );
      });
    },
    onClose(session) {
      current.delete(session.id);
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // Clients that vanish mid-session are normal in failure tests.
  server.on('error', () => undefined);
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    rejectNext(count, reply) {
      for (let i = 0; i < count; i++) planned.push({ kind: 'reject', reply });
    },
    delayNext(count, ms) {
      for (let i = 0; i < count; i++) planned.push({ kind: 'delay', ms });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
      }),
  };
}
