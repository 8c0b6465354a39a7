import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, type TestContext } from '../../../../test/support/test-store.ts';
import { signIn } from '../../../../test/support/auth.ts';
import { buildHttpApp, type HttpApp } from '../../app.ts';
import { ManualClock } from '../../../platform/clock.ts';
import { validRecord } from '../../../domain/case/case-fixtures.test-support.ts';

type Headers = { cookie: string; 'x-csrf-token': string };
interface Dashboard {
  scope: string;
  openCases: { total: number; items: { reference: string; publicRecord: Record<string, unknown>; sinceLastSeen: { minutes: number } }[] } | null;
  alerts: { byState: Record<string, number> } | null;
  decisions: { caseReference: string; step: string }[] | null;
  channels: unknown[] | null;
}

const clock = new ManualClock('2026-03-11T14:00:00Z');
let t: TestContext;
let app: HttpApp;
let base = '';
const h: Record<string, Headers> = {};
let rabatRef = '';
let rabatAlert = '';

const MARKER = 'Récit restreint marqueur 4711';

async function openRabatCase(who: Headers, given: string): Promise<{ id: string; reference: string }> {
  const record = validRecord();
  record.child.givenNameLatin = given;
  record.circumstances.narrative = MARKER;
  const res = await app.inject({ method: 'POST', url: '/api/cases', headers: who, payload: { record } });
  assert.equal(res.statusCode, 201, res.body);
  return res.json<{ case: { id: string; reference: string } }>().case;
}

const dashboard = async (who: Headers) => {
  const res = await app.inject({ method: 'GET', url: '/api/live/dashboard', headers: who });
  assert.equal(res.statusCode, 200, res.body);
  return res.json<Dashboard>();
};

before(async () => {
  t = await createTestContext({ clock });
  app = await buildHttpApp(t);
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  h.officer = (await signIn(t, app, { role: 'officer', jurisdiction: 'MA-RAB' })).headers;
  h.unit = (await signIn(t, app, { role: 'officer', jurisdiction: 'MA-RAB-U01' })).headers;
  h.casablanca = (await signIn(t, app, { role: 'officer', jurisdiction: 'MA-CAS' })).headers;
  h.supervisor = (await signIn(t, app, { role: 'supervisor', jurisdiction: 'MA-04' })).headers;
  h.communications = (await signIn(t, app, { role: 'communications', jurisdiction: 'MA' })).headers;
  h.auditor = (await signIn(t, app, { role: 'auditor', jurisdiction: 'MA' })).headers;
  const c = await openRabatCase(h.officer, 'Salma');
  rabatRef = c.reference;
  await app.inject({ method: 'POST', url: `/api/cases/${c.id}/assessment`, headers: h.officer, payload: { publishingEndangersChild: false } });
  const alert = await app.inject({ method: 'POST', url: `/api/cases/${c.id}/alerts`, headers: h.officer });
  rabatAlert = alert.json<{ id: string }>().id;
  assert.equal((await app.inject({ method: 'POST', url: `/api/alerts/${rabatAlert}/request`, headers: h.officer })).statusCode, 200);
});
after(async () => {
  await app.close();
  await t.close();
});

test('the dashboard covers the reader’s jurisdiction: a police unit sees its province, Casablanca sees nothing of Rabat', async () => {
  const rabat = await dashboard(h.officer!);
  assert.equal(rabat.scope, 'MA-RAB');
  assert.deepEqual(rabat.openCases?.items.map((i) => i.reference), [rabatRef]);
  assert.equal(rabat.openCases?.items[0]?.sinceLastSeen.minutes, 90, 'time since last seen, from the server clock');
  assert.equal(rabat.alerts?.byState.awaiting_decisions, 1);

  const unit = await dashboard(h.unit!);
  assert.equal(unit.scope, 'MA-RAB', 'a police unit works for its whole province');
  assert.equal(unit.openCases?.total, 1);

  const casablanca = await dashboard(h.casablanca!);
  assert.equal(casablanca.openCases?.total, 0);
  assert.equal(casablanca.alerts?.byState.awaiting_decisions, 0);
});

test('cases appear as public summaries only; decisions wait for the right role; other roles get no sections', async () => {
  const comms = await dashboard(h.communications!);
  assert.equal(comms.openCases?.total, 1);
  assert.ok(!JSON.stringify(comms).includes(MARKER), 'no restricted field on the dashboard');
  assert.ok(!JSON.stringify(await dashboard(h.officer!)).includes(MARKER), 'not even for the case officer: a list is not a place to read restricted data');
  assert.equal(comms.decisions, null);

  const sup = await dashboard(h.supervisor!);
  assert.deepEqual(sup.decisions?.map((d) => [d.caseReference, d.step]), [[rabatRef, 'supervisor_check']]);
  assert.deepEqual((await dashboard(h.officer!)).decisions, null, 'an officer takes no decision step');

  const auditor = await dashboard(h.auditor!);
  assert.deepEqual([auditor.openCases, auditor.alerts, auditor.decisions, auditor.channels], [null, null, null, null]);
  assert.equal((await app.inject({ method: 'GET', url: '/api/live/dashboard' })).statusCode, 401);
});

const decisionsIn = (data: string) => (JSON.parse(data) as Dashboard).decisions?.length;

/** Reads server-sent events from a real socket until `until` says stop. */
async function readEvents(path: string, who: Headers, until: (events: { event: string; data: string }[]) => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<{ event: string; data: string }[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const events: { event: string; data: string }[] = [];
  try {
    const res = await fetch(`${base}${path}`, { headers: { cookie: who.cookie, accept: 'text/event-stream' }, signal: controller.signal });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      // The time limit ends a quiet stream: what arrived until then is the answer.
      const { value, done } = await reader.read().catch((err: unknown) => {
        if (err instanceof DOMException && err.name === 'AbortError') return { value: undefined, done: true as const };
        throw err;
      });
      if (done) break;
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data !== undefined) events.push({ event, data });
      }
      if (await until(events)) break;
    }
    await reader.cancel().catch(() => undefined);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}

test('the event stream pushes the dashboard at once, again on a change in the reader’s jurisdiction, and ends when the session expires', async () => {
  assert.equal((await app.inject({ method: 'GET', url: '/api/live/events', headers: h.supervisor! })).statusCode, 406, 'only an event-stream client gets a stream');
  assert.equal((await app.inject({ method: 'GET', url: '/api/live/events', headers: { accept: 'text/event-stream' } })).statusCode, 401);

  let changed = false;
  const events = await readEvents('/api/live/events', h.supervisor!, async (evs) => {
    if (evs.length === 1 && !changed) {
      changed = true;
      const c = await openRabatCase(h.officer!, 'Ilyas');
      await app.inject({ method: 'POST', url: `/api/cases/${c.id}/assessment`, headers: h.officer!, payload: { publishingEndangersChild: false } });
      const a = await app.inject({ method: 'POST', url: `/api/cases/${c.id}/alerts`, headers: h.officer! });
      await app.inject({ method: 'POST', url: `/api/alerts/${a.json<{ id: string }>().id}/request`, headers: h.officer! });
    }
    return evs.some((e) => e.event === 'dashboard' && decisionsIn(e.data) === 2);
  });
  assert.equal(events[0]?.event, 'dashboard');
  assert.equal(decisionsIn(events[0]?.data ?? '{}'), 1);
  assert.ok(events.some((e) => decisionsIn(e.data) === 2), 'the new request was pushed');

  const expired = await readEvents('/api/live/events', h.supervisor!, (evs) => {
    if (evs.length === 1) clock.advance(31 * 60_000);
    return evs.some((e) => e.event === 'session_expired');
  });
  assert.equal(expired.at(-1)?.event, 'session_expired');
});

test('?alert= follows one alert’s board, as the alert routes show it; an alert outside the jurisdiction is refused', async () => {
  const officer = (await signIn(t, app, { role: 'officer', jurisdiction: 'MA-RAB' })).headers;
  const board = await readEvents(`/api/live/events?alert=${rabatAlert}`, officer, (evs) => evs.length >= 1);
  assert.equal(board[0]?.event, 'board');
  const view = JSON.parse(board[0]?.data ?? '{}') as { alert: { id: string; state: string }; distribution: unknown[]; deadLetters: unknown[] };
  assert.deepEqual([view.alert.id, view.alert.state, view.distribution, view.deadLetters], [rabatAlert, 'awaiting_decisions', [], []]);

  const outsider = (await signIn(t, app, { role: 'officer', jurisdiction: 'MA-CAS' })).headers;
  const refused = await readEvents(`/api/live/events?alert=${rabatAlert}`, outsider, (evs) => evs.length >= 1);
  assert.deepEqual(refused.map((e) => [e.event, (JSON.parse(e.data) as { code: string }).code]), [['problem', 'forbidden']]);
});
