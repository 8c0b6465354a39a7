/**
 * RFC 9457 problem+json presentation of every error. Unknown errors become a bare 500 with the
 * request id: no message, no stack, nothing from the input.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../domain/errors.ts';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance: string;
  requestId: string;
  errors?: FieldError[];
}

const clip = (s: string, n = 120) => (s.length > n ? `${s.slice(0, n)}…` : s);

const FASTIFY_CODES: Readonly<Record<string, () => AppError>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: () => new AppError('malformed_body', 'The body is not valid for its declared content type.'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => new AppError('malformed_body', 'The body is empty but its content type says JSON.'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => new AppError('malformed_body', 'The body length does not match Content-Length.'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => new AppError('unsupported_media_type', 'This route does not accept that content type.'),
  FST_ERR_CTP_INVALID_TYPE: () => new AppError('unsupported_media_type', 'This route does not accept that content type.'),
  FST_ERR_CTP_BODY_TOO_LARGE: () => new AppError('payload_too_large'),
  FST_ERR_BAD_URL: () => new AppError('not_found'),
};

/** Maps Fastify's own errors (parsing, limits, validation) onto the catalogue. */
export function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  const fe = err as Partial<FastifyError> & { validation?: { instancePath?: string; message?: string; params?: Record<string, unknown> }[]; validationContext?: string };
  if (fe.validation) {
    const where = fe.validationContext ?? 'body';
    const errors = fe.validation.map((v) => {
      const extra = typeof v.params?.additionalProperty === 'string' ? `/${clip(v.params.additionalProperty, 64)}` : '';
      const missing = typeof v.params?.missingProperty === 'string' ? `/${clip(v.params.missingProperty, 64)}` : '';
      return { field: `${where}${v.instancePath ?? ''}${extra}${missing}` || where, message: clip(v.message ?? 'is not valid') };
    });
    // A nullable or union field fails once per branch ("must be a string", "must be null", …): the first
    // message per field is the one that explains it.
    const firstPerField = errors.filter((e, i) => errors.findIndex((o) => o.field === e.field) === i);
    return new AppError('validation_failed', `The ${where} has ${firstPerField.length} problem${firstPerField.length === 1 ? '' : 's'}.`, { errors: firstPerField });
  }
  const mapped = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (mapped) return mapped();
  if (fe.statusCode === 429) return new AppError('rate_limited', 'Slow down and try again shortly.');
  if (fe.statusCode === 413) return new AppError('payload_too_large');
  if (fe.statusCode === 415) return new AppError('unsupported_media_type');
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) return new AppError('malformed_body', 'The request could not be read.');
  return undefined;
}

/**
 * Runs a use case and, if it refuses the input, rewrites its field pointers to where they sit in the
 * request (e.g. "/child/birthDate" → "body/record/child/birthDate").
 */
export async function withFieldPrefix<T>(prefix: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation_failed' && err.errors.length) {
      const errors = err.errors.map((e) => ({ field: e.field.startsWith('/') ? `${prefix}${e.field}` : e.field, message: e.message }));
      throw new AppError('validation_failed', err.message, { errors });
    }
    throw err;
  }
}

export function problemOf(err: AppError, request: FastifyRequest): ProblemBody {
  const body: ProblemBody = {
    type: `urn:tifli:problem:${err.code}`,
    title: err.title,
    status: err.status,
    code: err.code,
    detail: err.message,
    instance: request.url.split('?')[0] ?? '/',
    requestId: request.id,
  };
  if (err.errors.length) body.errors = [...err.errors];
  return body;
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, err: AppError): FastifyReply {
  if (err.retryAfter !== undefined) void reply.header('retry-after', String(Math.max(1, Math.ceil(err.retryAfter))));
  return reply.status(err.status).type('application/problem+json; charset=utf-8').send(problemOf(err, request));
}
