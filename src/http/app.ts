/**
 * Builds the HTTP server: security headers, strict validation, problem+json errors, the OpenAPI
 * document, then every route module. Routes stay thin: authenticate → authorize → validate →
 * use case → presenter.
 *
 * @example
 *   const app = await buildHttpApp(ctx);
 *   await app.listen({ host: ctx.config.host, port: ctx.config.port });
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify';
import swagger from '@fastify/swagger';
import formbody from '@fastify/formbody';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../app/context.ts';
import { AppError } from '../domain/errors.ts';
import { sendProblem, toAppError } from './problem.ts';
import { validatorCompiler } from './validation.ts';
import { ROUTE_MODULES } from './routes/index.ts';
import { registerAuthentication } from './plugins/authenticate.ts';
import { registerPublicRateLimit } from './plugins/public-rate-limit.ts';
import { FALLBACK_SECURITY_HEADERS, registerSecurityHeaders } from './plugins/security-headers.ts';

/** What may be logged of an unexpected error: its class, its code and its stack frames, never its message. */
export function describeUnknownError(err: unknown): { type: string; code: string | null; frames: string[] } {
  const e = err as { name?: unknown; code?: unknown; stack?: unknown };
  const frames = typeof e.stack === 'string' ? e.stack.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 12).map((l) => l.trim()) : [];
  return { type: typeof e.name === 'string' ? e.name : typeof err, code: typeof e.code === 'string' ? e.code : null, frames };
}

export type HttpApp = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

export async function buildHttpApp(ctx: AppContext): Promise<HttpApp> {
  const httpLog: FastifyBaseLogger = ctx.log.child({ component: 'http' });
  const app = Fastify({
    loggerInstance: httpLog,
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: ctx.config.trustProxy,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    return503OnClosing: true,
    // Errors the router raises before any hook (a bad percent-encoding in the path) are problem+json too,
    // with the security headers helmet's hook had no chance to set.
    frameworkErrors: (err, request, reply) => void sendProblem(reply.headers(FALLBACK_SECURITY_HEADERS), request, toAppError(err) ?? new AppError('not_found')),
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSchemaErrorFormatter((errors, dataVar) => Object.assign(new Error(`${dataVar} is not valid`), { validation: errors, validationContext: dataVar }));

  await registerSecurityHeaders(app);
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  // Cookies, the sign-in rate limit and request.actor, before any route is registered.
  await registerAuthentication(app, ctx);
  // Then the per-address limit every route gets for callers who are not signed in.
  registerPublicRateLimit(app, ctx.config);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Tifli API', version: ctx.version, description: 'Missing-child alert platform «طفلي مختفي». Errors are RFC 9457 problem+json with a stable `code`.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tifli_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
          apiToken: { type: 'http', scheme: 'bearer' },
        },
      },
    },
  });

  app.setErrorHandler((err, request, reply) => {
    const known = toAppError(err);
    if (known) {
      if (known.status >= 500) request.log.error({ code: known.code }, 'server error');
      return sendProblem(reply, request, known);
    }
    // Unknown: log the error's type, its code (e.g. a SQLSTATE) and where it was thrown, for operators.
    // Not its message: driver messages can quote input ("invalid input syntax for type uuid: …").
    request.log.error({ err: describeUnknownError(err) }, 'unhandled error');
    return sendProblem(reply, request, new AppError('internal', 'Something went wrong on our side. Quote the request id if you report it.'));
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, request, new AppError('not_found', 'Nothing is served at this address.')));

  // API answers carry accounts, sessions and case data: never cached unless a route says otherwise.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
  });

  // Requests by route template (never the raw path: it may carry an id) and status, for /metrics.
  const metrics = ctx.metrics;
  if (metrics) {
    app.addHook('onResponse', async (request, reply) => {
      metrics.httpRequest(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    });
  }

  for (const mod of ROUTE_MODULES) {
    await app.register(mod.plugin, { ctx, ...(mod.prefix ? { prefix: mod.prefix } : {}) });
  }

  app.get('/api/openapi.json', { schema: { hide: true } }, async (_req, reply) => reply.header('cache-control', 'no-cache').send(app.swagger()));

  await app.ready();
  return app;
}
