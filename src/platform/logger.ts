/**
 * Structured JSON logs. Redaction is a second line of defence: the first is that code never logs
 * personal data. Request lines carry the path only (never the query string) and the request id.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.totp',
  '*.code',
  '*.token',
  '*.secret',
];

interface RequestLike {
  readonly method?: string;
  readonly url?: string;
  readonly id?: string;
}

/**
 * Request lines carry the method, the path without its query string (queries may hold names,
 * coordinates or purposes) and the request id; never the client address, headers or body.
 */
export function serializeRequest(req: RequestLike): { method: string | undefined; path: string; id: string | undefined } {
  return { method: req.method, path: (req.url ?? '').split('?')[0] ?? '', id: req.id };
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      serializers: { req: serializeRequest },
      base: { service: 'tifli' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
