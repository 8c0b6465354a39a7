/**
 * Tip intake over HTTP:
 * - POST /alerts/:publicId/tips            the public form (no account, no script needed): multipart/
 *                                          form-data (with an optional photo) or urlencoded; a browser
 *                                          gets the receipt page (201) in its language, or its form back
 *                                          with what it typed and why (400, 429), or a short status page
 *                                          (404 unknown, 410 ended, 503 busy). JSON clients send JSON and
 *                                          get JSON or problem+json.
 * - GET  /alerts/:publicId/tips/challenge  whether this network's next tip needs a proof of work, and
 *                                          the challenge (the form's script asks before sending).
 * - POST /api/alerts/:id/tips              media partners and police units (API token with `tips:write`,
 *                                          or signed-in staff): JSON, Idempotency-Key header; source
 *                                          'partner' or 'police' from the token; 201, or 200 on a replay.
 * - GET  /assets/tip.js                    the form's script ("use my location", proof of work).
 *
 * The receipt reference is shown only after the tip's transaction committed (app/tips/submit-tip.ts).
 * Abuse resistance and load shedding: intake-limits.ts (free quotas per address and network, proof of
 * work beyond, 503 before reading the body when the process is full). The honeypot: a filled one is
 * refused with the form and a clear message (400), never answered with a fake receipt, because every
 * receipt must name a stored tip: a person whose browser filled the hidden field is told, not lost.
 *
 * Bodies are read strictly (tip-body.ts): invalid UTF-8, unknown or repeated fields, broken multipart
 * are 400; an oversized body 413; another content type 415. Nothing the tipster typed reaches a log.
 * The public routes are hidden from the OpenAPI document; the API route is in it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../app/context.ts';
import { submitTip, type TipReceipt, type TipUpload } from '../../../app/tips/submit-tip.ts';
import { tipProofKey } from '../../../app/tips/tip-keys.ts';
import { AppError } from '../../../domain/errors.ts';
import { type TipInput, validateTipInput } from '../../../domain/tips/intake-validation.ts';
import { isTipLanguage, TIP_FIELDS } from '../../../domain/tips/tip-fields.ts';
import { type TipProblem, TIP_PROBLEM_MESSAGES } from '../../../domain/tips/tip-problems.ts';
import { authorize } from '../../plugins/authenticate.ts';
import { requireJsonBody } from '../../plugins/json-body.ts';
import { sendProblem, toAppError } from '../../problem.ts';
import type { SiteContext } from '../../public/layout.ts';
import { loadSiteAssets } from '../../public/site-assets.ts';
import { negotiateLanguage, type NegotiatedLanguage, SITE_LANGUAGES } from '../../public/site-language.ts';
import { TIP_SCRIPT_PATH, type TipFormValues } from '../../public/tip-form.ts';
import { renderTipFormPage, renderTipReceiptPage, renderTipStatusPage, type TipStatusKind } from '../../public/tip-pages.ts';
import { TIP_SCRIPT } from '../../public/tip-script.ts';
import { ASSET_CACHE, sendRepresentation } from '../public-site/http-cache.ts';
import { type SourceDecision, TipIntakeLimits } from './intake-limits.ts';
import { ApiTipBody, ApiTipParams, ApiTipResponse, ChallengeResponse, IdempotencyHeaders, ProofQuery, PublicTipParams } from './schema.ts';
import { readJsonObject, readMultipart, readUrlEncoded, type TipBody, TipBodyError } from './tip-body.ts';

const HTML = 'text/html; charset=utf-8';
const NO_STORE = 'no-store';
/** Text fields of the public form and JSON body; anything larger is refused before it is read. */
const FORM_BODY_LIMIT = 64 * 1024;
/** Seconds a busy server asks the client to wait. */
const BUSY_RETRY_SECONDS = 2;
const PUBLIC_FIELDS: ReadonlySet<string> = new Set(Object.values(TIP_FIELDS));

/** The raw body the public route's parsers hand on (read strictly in the handler, where its language is known). */
type RawTipBody = { readonly kind: 'urlencoded' | 'multipart'; readonly bytes: Buffer; readonly contentType: string } | { readonly kind: 'json'; readonly value: Record<string, unknown> };

interface RequestState {
  decision?: SourceDecision;
  photoSlot: boolean;
}

const busy = (): AppError => new AppError('service_unavailable', 'Many tips are arriving right now. Send yours again in a few seconds.', { retryAfter: BUSY_RETRY_SECONDS });

function bodyError(err: TipBodyError): AppError {
  switch (err.code) {
    case 'photo_too_large':
      return new AppError('payload_too_large', err.message, { errors: [{ field: 'photo', message: err.message }] });
    case 'not_utf8':
    case 'malformed':
    case 'not_an_object':
      return new AppError('malformed_body', err.message);
    case 'unknown_field':
    case 'repeated_field':
    case 'too_many_parts':
    case 'field_too_large':
      return new AppError('validation_failed', err.message, { errors: [{ field: 'body', message: err.message }] });
  }
}

const isMultipart = (request: FastifyRequest): boolean => /^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '');

/** A browser posting the form (not a script sending JSON): answered with pages. */
function wantsHtml(request: FastifyRequest): boolean {
  const type = request.headers['content-type'] ?? '';
  if (/^application\/json\b/i.test(type)) return false;
  return /\btext\/html\b/i.test(request.headers.accept ?? '');
}

function fieldsOf(body: TipBody | Record<string, unknown>): TipInput & { website?: unknown } {
  const get = (name: string): unknown => (body.fields instanceof Map ? body.fields.get(name) : (body as Record<string, unknown>)[name]);
  const f = TIP_FIELDS;
  return {
    seen: get(f.seen),
    seenAt: get(f.seenAt),
    place: get(f.place),
    lat: get(f.lat),
    lon: get(f.lon),
    name: get(f.name),
    phone: get(f.phone),
    contactConsent: get(f.contactConsent),
    lang: get(f.lang),
    version: get(f.version),
    website: get(f.honeypot),
  };
}

const asText = (v: unknown): string => (typeof v === 'string' ? v.slice(0, 4000) : typeof v === 'number' && Number.isFinite(v) ? String(v) : '');

function formValues(input: TipInput): TipFormValues {
  return {
    seen: asText(input.seen),
    seenAt: asText(input.seenAt),
    place: asText(input.place),
    lat: asText(input.lat),
    lon: asText(input.lon),
    name: asText(input.name),
    phone: asText(input.phone),
    contactConsent: input.contactConsent === true || (typeof input.contactConsent === 'string' && input.contactConsent !== '' && input.contactConsent !== 'no'),
  };
}

const EMPTY_VALUES: TipFormValues = { seen: '', seenAt: '', place: '', lat: '', lon: '', name: '', phone: '', contactConsent: false };

const problemsError = (problems: readonly TipProblem[]): AppError =>
  new AppError('validation_failed', `The tip has ${problems.length} problem${problems.length === 1 ? '' : 's'}.`, {
    errors: problems.map((p) => ({ field: p.field === 'point' ? 'lat' : p.field, message: TIP_PROBLEM_MESSAGES[p.code] })),
  });

/** A photo refusal from the image pipeline, as a form problem. */
function photoProblem(err: AppError): TipProblem | undefined {
  if (!err.errors.some((e) => e.field === 'photo')) return undefined;
  return { field: 'photo', code: err.code === 'payload_too_large' ? 'photo_too_large' : 'photo_invalid' };
}

function decodeBase64Photo(base64: string, contentType: string | undefined): TipUpload {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) throw new AppError('validation_failed', 'The photo is empty.', { errors: [{ field: 'body/photo/base64', message: 'is empty' }] });
  return { bytes, ...(contentType ? { declaredType: contentType } : {}) };
}

export const tipRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const assets = await loadSiteAssets();
  const site: SiteContext = { baseUrl: ctx.config.publicBaseUrl, cssHref: assets.cssHref };
  const limits = new TipIntakeLimits(ctx.config.tips, tipProofKey(ctx.keys));
  const states = new WeakMap<FastifyRequest, RequestState>();
  const stateOf = (request: FastifyRequest): RequestState => {
    let s = states.get(request);
    if (!s) states.set(request, (s = { photoSlot: false }));
    return s;
  };

  /** onRequest: a submission slot (503 when the process is full), released when the response is done. */
  const admit = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!limits.enter()) {
      const hold = limits.holdRefusal();
      if (hold > 0) await sleep(hold).finally(() => limits.releaseHold());
      throw busy();
    }
    const s = stateOf(request);
    reply.raw.once('close', () => {
      limits.leave();
      if (s.photoSlot) limits.leavePhoto();
    });
    // A body that may hold a photo takes a photo slot before it is read: memory and CPU stay bounded.
    const length = Number(request.headers['content-length'] ?? NaN);
    if (isMultipart(request) && !(length <= FORM_BODY_LIMIT)) {
      if (!limits.enterPhoto()) throw busy();
      s.photoSlot = true;
    }
  };

  const language = (request: FastifyRequest, fromBody?: unknown): NegotiatedLanguage =>
    isTipLanguage(fromBody) ? { lang: fromBody, fromQuery: true } : negotiateLanguage(request.query, request.headers['accept-language']);

  function sendHtml(request: FastifyRequest, reply: FastifyReply, status: number, page: string, lang: NegotiatedLanguage): FastifyReply {
    return sendRepresentation(request, reply, {
      status,
      contentType: HTML,
      body: page,
      cacheControl: NO_STORE,
      headers: { 'content-language': SITE_LANGUAGES[lang.lang].tag, ...(lang.fromQuery ? {} : { vary: 'Accept-Language' }) },
    });
  }

  const publicIdOf = (request: FastifyRequest): string | undefined => {
    const p = (request.params as { publicId?: unknown } | undefined)?.publicId;
    return typeof p === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(p) ? p : undefined;
  };

  const statusKind = (err: AppError): TipStatusKind => {
    if (err.code === 'service_unavailable') return 'busy';
    if (err.code === 'alert_ended') return 'ended';
    if (err.code === 'not_found') return 'not_found';
    return err.status >= 500 ? 'error' : 'bad_request';
  };

  /** Errors of these routes: problem+json for scripts and API clients, pages for browsers (same status). */
  app.setErrorHandler((err, request, reply) => {
    const known = toAppError(err);
    if (!known || known.status >= 500) {
      if (!known || known.code !== 'service_unavailable') {
        const e = err as { name?: unknown; code?: unknown };
        request.log.error({ err: { type: typeof e.name === 'string' ? e.name : typeof err, code: typeof e.code === 'string' ? e.code : null } }, 'tip route error');
      }
    }
    const shown = known ?? new AppError('internal', 'Something went wrong on our side. Quote the request id if you report it.');
    if (!wantsHtml(request) || request.url.startsWith('/api/')) return sendProblem(reply, request, shown);
    if (shown.retryAfter !== undefined) void reply.header('retry-after', String(Math.max(1, Math.ceil(shown.retryAfter))));
    const lang = language(request);
    return sendHtml(request, reply, shown.status, renderTipStatusPage(site, lang.lang, statusKind(shown), publicIdOf(request)), lang);
  });

  // ── The public form ────────────────────────────────────────────────────────────────────────────

  await app.register(async (instance) => {
    const pub = instance.withTypeProvider<TypeBoxTypeProvider>();
    pub.removeAllContentTypeParsers();
    pub.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer', bodyLimit: FORM_BODY_LIMIT }, (request, body, done) => {
      done(null, { kind: 'urlencoded', bytes: body as Buffer, contentType: request.headers['content-type'] ?? '' } satisfies RawTipBody);
    });
    pub.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: ctx.config.tips.photoMaxBytes + FORM_BODY_LIMIT }, (request, body, done) => {
      done(null, { kind: 'multipart', bytes: body as Buffer, contentType: request.headers['content-type'] ?? '' } satisfies RawTipBody);
    });
    pub.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: FORM_BODY_LIMIT }, (_request, body, done) => {
      try {
        done(null, { kind: 'json', value: readJsonObject(body as Buffer) } satisfies RawTipBody);
      } catch (err) {
        done(err instanceof TipBodyError ? bodyError(err) : (err as Error), undefined);
      }
    });

    /**
     * onRequest, before the body is read: counts this attempt against the source's free quota. Over it
     * without a valid proof, a script is refused at once (429); a browser's body is still read (it is
     * bounded) so its form comes back with what was typed and the challenge.
     */
    const sourceGate = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      const publicId = publicIdOf(request);
      if (publicId === undefined) return;
      const q = request.query as { proof?: unknown } | undefined;
      const header = request.headers['x-tip-proof'];
      const proof = typeof q?.proof === 'string' ? q.proof : typeof header === 'string' ? header : undefined;
      const decision = limits.admitSource(request.ip, publicId, proof, ctx.clock.now().getTime());
      stateOf(request).decision = decision;
      if (decision.kind === 'proof_required' && !wantsHtml(request)) {
        void reply.header('x-tip-challenge', decision.challenge);
        throw new AppError('rate_limited', 'Too many tips from this network. Solve the challenge in X-Tip-Challenge (see GET …/tips/challenge) or wait.', { retryAfter: decision.retryAfterSeconds });
      }
    };

    pub.post('/alerts/:publicId/tips', { schema: { hide: true, params: PublicTipParams, querystring: ProofQuery }, onRequest: [admit, sourceGate] }, async (request, reply) => {
      const { publicId } = request.params;
      const html = wantsHtml(request);
      const raw = request.body as RawTipBody | undefined;
      const s = stateOf(request);

      let body: TipBody | Record<string, unknown>;
      try {
        if (raw === undefined) throw new TipBodyError('malformed', 'The tip has no body.');
        body =
          raw.kind === 'json'
            ? raw.value
            : raw.kind === 'urlencoded'
              ? readUrlEncoded(raw.bytes, PUBLIC_FIELDS)
              : readMultipart(raw.bytes, raw.contentType, PUBLIC_FIELDS, { maxFileBytes: ctx.config.tips.photoMaxBytes, fileField: TIP_FIELDS.photo });
        if (raw.kind === 'json') {
          for (const [k, v] of Object.entries(raw.value)) {
            if (!PUBLIC_FIELDS.has(k) || k === TIP_FIELDS.photo) throw new TipBodyError('unknown_field', 'The body has a field this form does not have.');
            if (v !== null && !['string', 'number', 'boolean'].includes(typeof v)) throw new TipBodyError('malformed', 'Tip fields are text, numbers or booleans.');
          }
        }
      } catch (err) {
        if (!(err instanceof TipBodyError)) throw err;
        const refused = bodyError(err);
        if (!html) throw refused;
        const lang = language(request);
        const problem: TipProblem = err.code === 'photo_too_large' ? { field: 'photo', code: 'photo_too_large' } : { field: 'form', code: 'form_invalid' };
        return sendHtml(request, reply, refused.status, renderTipFormPage(site, lang.lang, { publicId, version: 1, state: { values: EMPTY_VALUES, problems: [problem] } }), lang);
      }

      const input = fieldsOf(body);
      const lang = language(request, input.lang);
      const file = 'fields' in body && body.fields instanceof Map ? (body as TipBody).file : undefined;
      const version = typeof input.version === 'string' && /^\d{1,7}$/.test(input.version) ? Number(input.version) : 1;
      const formPage = (status: number, problems: readonly TipProblem[], extra: { challenge?: string; retryAfterSeconds?: number } = {}) =>
        sendHtml(
          request,
          reply,
          status,
          renderTipFormPage(site, lang.lang, {
            publicId,
            version,
            state: { values: formValues(input), problems, ...(extra.challenge ? { challenge: extra.challenge } : {}) },
            ...(extra.retryAfterSeconds !== undefined ? { retryAfterSeconds: extra.retryAfterSeconds } : {}),
          }),
          lang,
        );

      // A browser over its network's quota without a proof: its form back, with the challenge.
      const decision = s.decision;
      if (decision?.kind === 'proof_required') {
        void reply.header('retry-after', String(decision.retryAfterSeconds)).header('x-tip-challenge', decision.challenge);
        return formPage(429, [], { challenge: decision.challenge, retryAfterSeconds: decision.retryAfterSeconds });
      }

      if (asText(input.website) !== '') {
        if (!html) throw problemsError([{ field: 'website', code: 'honeypot_filled' }]);
        return formPage(400, [{ field: 'website', code: 'honeypot_filled' }]);
      }

      const checked = validateTipInput(input, ctx.clock.now());
      if (!checked.ok) {
        if (!html) throw problemsError(checked.problems);
        return formPage(400, checked.problems);
      }

      if (file && !s.photoSlot) {
        if (!limits.enterPhoto()) throw busy();
        s.photoSlot = true;
      }
      let receipt: TipReceipt;
      try {
        receipt = await submitTip(ctx, {
          alert: { publicId },
          origin: { kind: 'web' },
          draft: checked.draft,
          ...(file ? { photo: { bytes: file.bytes, ...(file.contentType ? { declaredType: file.contentType } : {}) } } : {}),
        });
      } catch (err) {
        if (!html || !(err instanceof AppError)) throw err;
        const problem = photoProblem(err);
        if (problem) return formPage(err.status, [problem]);
        // Unknown or ended alert, busy: a page in the language the form was sent in.
        if (err.retryAfter !== undefined) void reply.header('retry-after', String(Math.max(1, Math.ceil(err.retryAfter))));
        return sendHtml(request, reply, err.status, renderTipStatusPage(site, lang.lang, statusKind(err), publicId), lang);
      }
      if (!html) return reply.code(201).header('cache-control', NO_STORE).send({ reference: receipt.reference, receivedAt: receipt.receivedAt.toISOString() });
      return sendHtml(request, reply, 201, renderTipReceiptPage(site, lang.lang, publicId, receipt.reference), lang);
    });

    pub.get('/alerts/:publicId/tips/challenge', { schema: { hide: true, params: PublicTipParams, response: { 200: ChallengeResponse } } }, async (request, reply) => {
      const offer = limits.offerChallenge(request.ip, request.params.publicId, ctx.clock.now().getTime());
      if (offer === 'too_many') throw new AppError('rate_limited', 'Too many challenge requests from this address.', { retryAfter: 60 });
      void reply.header('cache-control', NO_STORE);
      if (!offer.required) return { required: false };
      return { required: true, challenge: offer.challenge, bits: offer.bits, expiresAt: new Date(offer.expiresAt * 1000).toISOString() };
    });
  });

  // ── Partners and police units ───────────────────────────────────────────────────────────────────

  await app.register(async (instance) => {
    const api = instance.withTypeProvider<TypeBoxTypeProvider>();
    api.removeAllContentTypeParsers();
    // A photo travels as base64 (4 bytes per 3) next to the text fields.
    const apiJsonLimit = Math.ceil(ctx.config.tips.photoMaxBytes / 3) * 4 + FORM_BODY_LIMIT;
    api.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: apiJsonLimit }, (_request, body, done) => {
      try {
        done(null, readJsonObject(body as Buffer));
      } catch (err) {
        done(err instanceof TipBodyError ? bodyError(err) : (err as Error), undefined);
      }
    });

    const actorGate = async (request: FastifyRequest): Promise<void> => {
      const actor = authorize(request, 'tip.submit');
      const r = limits.admitApi(actor.id, ctx.clock.now().getTime());
      if (!r.ok) throw new AppError('rate_limited', 'Too many tips from this token. Wait and send again.', { retryAfter: r.retryAfterSeconds });
    };

    api.post(
      '/api/alerts/:id/tips',
      {
        onRequest: [admit, actorGate, requireJsonBody],
        schema: {
          tags: ['tips'],
          summary: 'Submit a tip for an active alert (media partners, police units): Idempotency-Key makes a retry the same tip',
          security: [{ apiToken: [] }, { session: [], csrf: [] }],
          params: ApiTipParams,
          headers: IdempotencyHeaders,
          body: ApiTipBody,
          response: { 200: ApiTipResponse, 201: ApiTipResponse },
        },
      },
      async (request, reply) => {
        const actor = authorize(request, 'tip.submit');
        const { photo, ...fields } = request.body;
        const checked = validateTipInput(fields, ctx.clock.now());
        if (!checked.ok) throw problemsError(checked.problems);
        const s = stateOf(request);
        if (photo && !s.photoSlot) {
          if (!limits.enterPhoto()) throw busy();
          s.photoSlot = true;
        }
        const id = request.params.id;
        const receipt = await submitTip(ctx, {
          alert: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? { alertId: id } : { publicId: id },
          origin: { kind: 'api', actor, idempotencyKey: request.headers['idempotency-key'] ?? null },
          draft: checked.draft,
          ...(photo ? { photo: decodeBase64Photo(photo.base64, photo.contentType) } : {}),
        });
        return reply
          .code(receipt.replayed ? 200 : 201)
          .send({ id: receipt.tipId, reference: receipt.reference, receivedAt: receipt.receivedAt.toISOString(), replayed: receipt.replayed });
      },
    );
  });

  app.get(TIP_SCRIPT_PATH, { schema: { hide: true } }, async (request, reply) =>
    sendRepresentation(request, reply, { status: 200, contentType: 'application/javascript; charset=utf-8', body: TIP_SCRIPT, cacheControl: ASSET_CACHE }),
  );
};

