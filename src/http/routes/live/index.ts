/**
 * The officers' dashboard: GET /api/live/dashboard (a snapshot, JSON) and GET /api/live/events
 * (server-sent events: `dashboard` with the same snapshot at once and whenever it changes,
 * `session_expired` when the session behind the stream ends). Signed-in staff only, each with the
 * sections and the jurisdiction their own permissions give (app/live/dashboard.ts). The stream does
 * not keep the session alive: an idle console still signs out on time.
 *
 * @example
 *   const events = new EventSource('/api/live/events');
 *   events.addEventListener('dashboard', (e) => render(JSON.parse(e.data)));
 */
import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../../app/context.ts';
import type { UserActor } from '../../../domain/actor.ts';
import { readAlert } from '../../../app/alerts/read-alert.ts';
import { alertDistribution, listDeadLetters } from '../../../app/distribution/alert-distribution.ts';
import { dashboardFor } from '../../../app/live/dashboard.ts';
import { LiveFeed } from '../../../app/live/live-feed.ts';
import { AppError } from '../../../domain/errors.ts';
import { guard, requireSession, requireUser } from '../../plugins/authenticate.ts';
import { presentAlert } from '../../presenters/alert.presenter.ts';
import { presentDashboard } from '../../presenters/dashboard.presenter.ts';
import { presentDeadLetter, presentDispatch } from '../../presenters/distribution.presenter.ts';
import { DashboardView, EVENT_STREAM, EventsQuery, NoQuery } from './schema.ts';

const security = [{ session: [] }];
const tags = ['live'];
/** Comment lines keep proxies from closing a quiet stream. */
const HEARTBEAT_MS = 20_000;

export const liveRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  // An alert's board, exactly as GET /api/alerts/{id}, …/distribution and …/dead-letters show it to this reader.
  const board = async (actor: UserActor, alertId: string) => {
    const alert = await readAlert(ctx, actor, alertId);
    const [dispatches, dead] = await Promise.all([alertDistribution(ctx, actor, alertId), listDeadLetters(ctx, actor, alertId, 100)]);
    return { alert: presentAlert(alert, ctx.clock.now(), ctx.config.publicBaseUrl), distribution: dispatches.map(presentDispatch), deadLetters: dead.map(presentDeadLetter) };
  };
  const feed = new LiveFeed(ctx, { present: presentDashboard, board });
  // Open streams would hold the server's close forever: end them first.
  app.addHook('preClose', async () => feed.close());

  app.get(
    '/api/live/dashboard',
    { onRequest: [guard('live.read')], schema: { tags, summary: 'The dashboard: open cases, alerts by state, decisions waiting for you, channels in trouble', security, querystring: NoQuery, response: { 200: DashboardView } } },
    async (request, reply) => reply.header('cache-control', 'no-store').send(presentDashboard(await dashboardFor(ctx, requireUser(request)))),
  );

  app.get(
    '/api/live/events',
    {
      onRequest: [guard('live.read')],
      schema: {
        tags,
        summary: 'Server-sent events: `dashboard` (at once and on every change in your jurisdiction), or with ?alert= that alert\'s `board`; `session_expired`',
        description:
          'Send `Accept: text/event-stream` (EventSource does). Without `alert`: `dashboard` events, the same as GET /api/live/dashboard. With `alert`: `board` events { alert, distribution, deadLetters }, the same as the alert, distribution and dead-letter routes; `problem` { code } when the alert cannot be read. The stream carries only what those routes show you.',
        security,
        querystring: EventsQuery,
      },
    },
    async (request, reply) => {
      const actor = requireUser(request);
      const session = requireSession(request);
      if (!(request.headers.accept ?? '').includes(EVENT_STREAM)) throw new AppError('not_acceptable', 'This is an event stream: open it with EventSource (Accept: text/event-stream).');

      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        ...(reply.getHeaders() as OutgoingHttpHeaders),
        'content-type': `${EVENT_STREAM}; charset=utf-8`,
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      });
      raw.write('retry: 5000\n\n');
      let open = true;
      let unsubscribe: () => void = () => undefined;
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      const finish = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
        raw.end();
      };
      unsubscribe = feed.subscribe({
        actor,
        sessionIdHash: session.idHash,
        alertId: request.query.alert ?? null,
        send: (event, data) => {
          if (open) raw.write(`event: ${event}\ndata: ${data}\n\n`);
        },
        end: finish,
      });
      request.raw.once('close', finish);
    },
  );
};
