import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, type TestContext } from '../../../test/support/test-store.ts';
import { signIn } from '../../../test/support/auth.ts';
import { buildHttpApp, type HttpApp } from '../../http/app.ts';
import { SESSION_COOKIE } from '../../http/plugins/session-cookie.ts';
import { ManualClock } from '../../platform/clock.ts';
import { validRecord } from '../../domain/case/case-fixtures.test-support.ts';
import type { UserActor } from '../../domain/actor.ts';
import { sha256Hex } from '../accounts/secrets.ts';
import { LiveFeed, type LiveSubscriber } from './live-feed.ts';

const clock = new ManualClock('2026-03-11T14:00:00Z');
let t: TestContext;
let app: HttpApp;

before(async () => {
  t = await createTestContext({ clock });
  app = await buildHttpApp(t);
});
after(async () => {
  await app.close();
  await t.close();
});

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
};
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A signed-in officer as the feed sees one: the actor and the session id's hash. */
async function subscriberOf(jurisdiction: string, path: string[]): Promise<{ actor: UserActor; sessionIdHash: string; headers: { cookie: string; 'x-csrf-token': string } }> {
  const { userId, headers } = await signIn(t, app, { role: 'officer', jurisdiction });
  const token = headers.cookie.slice(`${SESSION_COOKIE}=`.length);
  return { actor: { kind: 'user', id: userId, username: 'u', role: 'officer', jurisdiction, jurisdictionPath: path, ip: null }, sessionIdHash: sha256Hex(token), headers };
}

async function openCaseAt(headers: { cookie: string; 'x-csrf-token': string }, point: { lat: number; lon: number }): Promise<void> {
  const record = validRecord();
  record.lastSeen.point = point;
  const res = await app.inject({ method: 'POST', url: '/api/cases', headers, payload: { record } });
  assert.equal(res.statusCode, 201, res.body);
}

test('a change wakes only the subscribers whose jurisdiction it touches; an expired session ends the stream', async () => {
  const casablanca = await subscriberOf('MA-CAS', ['MA', 'MA-06', 'MA-CAS']);
  const rabat = await subscriberOf('MA-RAB', ['MA', 'MA-04', 'MA-RAB']);
  let computed = 0;
  const feed = new LiveFeed(t, { pollMs: 50, sessionCheckMs: 50, present: (d) => (computed += 1, d) });
  const received: string[] = [];
  let ended = false;
  const sub: LiveSubscriber = { actor: casablanca.actor, sessionIdHash: casablanca.sessionIdHash, send: (event) => received.push(event), end: () => (ended = true) };
  feed.subscribe(sub);
  try {
    assert.ok(await until(() => received.length === 1), 'the first dashboard arrives at once');
    await pause(300); // a few polls: the baseline, nothing changed
    const before = computed;

    await openCaseAt(rabat.headers, { lat: 34.0209, lon: -6.8416 }); // Rabat
    await pause(400);
    assert.equal(computed, before, 'a Rabat case does not make Casablanca’s dashboard be computed again');
    assert.deepEqual(received, ['dashboard']);

    await openCaseAt(rabat.headers, { lat: 33.5731, lon: -7.5898 }); // Casablanca
    assert.ok(await until(() => received.length === 2), 'a Casablanca case is pushed');
    assert.ok(computed > before);

    clock.advance(31 * 60_000);
    assert.ok(await until(() => ended), 'the stream ends with the session');
    assert.equal(received.at(-1), 'session_expired');
    assert.equal(feed.size, 0);
  } finally {
    await feed.close();
  }
});
