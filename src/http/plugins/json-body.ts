/**
 * Route gate for JSON APIs: a request that carries a body must declare it as JSON
 * (`application/json` or `application/*+json`), otherwise 415. Without it Fastify would also accept
 * text/plain and HTML form bodies, which a cross-site form can send.
 *
 * @example
 *   app.post('/api/auth/login', { onRequest: [requireJsonBody] }, handler);
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../domain/errors.ts';

const JSON_TYPE = /^application\/(?:[a-z0-9!#$&^_.+-]+\+)?json\s*(?:;|$)/i;

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  if (length !== undefined) return length.trim() !== '0';
  return request.headers['transfer-encoding'] !== undefined;
}

export async function requireJsonBody(request: FastifyRequest): Promise<void> {
  if (!hasBody(request)) return;
  if (!JSON_TYPE.test(request.headers['content-type'] ?? '')) throw new AppError('unsupported_media_type', 'Send the body as application/json.');
}

/**
 * preValidation gate for actions that take no body (logout, disable…): nothing, or `{}`, is fine;
 * anything else is refused rather than silently ignored.
 */
export async function requireNoBody(request: FastifyRequest): Promise<void> {
  const body: unknown = request.body;
  if (body === undefined) return;
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0) return;
  throw new AppError('validation_failed', 'This request takes no body.', { errors: [{ field: 'body', message: 'must be empty' }] });
}
