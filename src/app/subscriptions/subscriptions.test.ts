/**
 * Subscriptions end to end on the database (PGlite, or PostgreSQL with DATABASE_URL): sign-up in each
 * channel, the confirmation job in the outbox, codes and links, lockout and expiry, unsubscribing by
 * token and by address, cells present exactly while a subscription is active, duplicate sign-ups that
 * reveal nothing, and master key rotation. The confirmation job's worker is the lead's (jobs/
 * subscription-jobs.ts): here the queued job is inspected and issueConfirmation called directly, as
 * the worker does.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { getResolution } from 'h3-js';
import { createTestContext, type TestContext } from '../../../test/support/test-store.ts';
import type { ManualClock } from '../../platform/clock.ts';
import type { MasterKeyRing } from '../../platform/crypto/master-keys.ts';
import { areaCells, cellRows, storedArea } from '../../domain/subscription/subscription-area.ts';
import { findSubscriptionById, subscriptionCells } from '../../store/repositories/subscriptions.repository.ts';
import type { AppContext } from '../context.ts';
import { confirm, confirmByLink } from './confirm.ts';
import { issueConfirmation } from './issue-confirmation.ts';
import { subscribe } from './subscribe.ts';
import { addressKeyCandidates } from './subscription-keys.ts';
import { purgeStalePending, rekeyAddressKeys } from './subscription-maintenance.ts';
import { SUBSCRIPTION_CONFIRM_QUEUE, SubscriptionInputError } from './subscription-support.ts';
import { CHANNELS_ENV, emailRequest, pushRequest, pushSubscription, smsRequest, whatsappRequest } from './subscription-fixtures.test-support.ts';
import { unsubscribe, unsubscribeByAddress, unsubscribeUrl } from './unsubscribe.ts';

let t: TestContext;
let clock: ManualClock;

before(async () => {
  t = await createTestContext({ env: { ...CHANNELS_ENV } });
  clock = t.clock as ManualClock;
});
after(async () => {
  await t.close();
});

const row = async (id: string) => {
  const r = await findSubscriptionById(t.store.db, id);
  assert.ok(r, 'the subscription exists');
  return r;
};
const cellsOf = (id: string) => subscriptionCells(t.store.db, id);
const queuedFor = async (id: string) => (await t.queue.boss.findJobs<{ subscriptionId: string }>(SUBSCRIPTION_CONFIRM_QUEUE)).filter((j) => j.data.subscriptionId === id);
const tokenOf = (url: string) => new URL(url).searchParams.get('t') ?? '';
const minutes = (n: number) => n * 60_000;

async function issuedCode(id: string): Promise<string> {
  const issued = await issueConfirmation(t, id);
  assert.ok(issued?.code, 'a code is issued');
  return issued.code;
}

test('SMS: pending with a queued confirmation job; the right code activates it and writes its cells', async () => {
  const r = await subscribe(t, smsRequest('06 11 22 33 44'));
  assert.deepEqual({ channel: r.channel, next: r.next, unsubscribeUrl: r.unsubscribeUrl }, { channel: 'sms', next: 'code', unsubscribeUrl: null });
  const pending = await row(r.subscriptionId);
  assert.equal(pending.status, 'pending');
  assert.equal(pending.address, '+212611223344');
  assert.deepEqual(pending.languages, ['ar-MA', 'fr-MA']);
  assert.deepEqual(pending.area, { kind: 'circle', lat: 33.573, lon: -7.59, radiusKm: 10 });
  assert.deepEqual(pending.consent, { at: '2026-11-22T10:00:00.000Z', channel: 'sms', wordingVersion: 'sms-2026-11-v1', language: 'fr-MA' });
  assert.equal((await cellsOf(r.subscriptionId)).length, 0, 'no cells while pending');
  assert.equal((await queuedFor(r.subscriptionId)).length, 1, 'the confirmation job is in the outbox');

  const issued = await issueConfirmation(t, r.subscriptionId);
  assert.ok(issued);
  assert.equal(issued.channel, 'sms');
  assert.equal(issued.address, '+212611223344');
  assert.equal(issued.language, 'fr-MA');
  assert.match(issued.code ?? '', /^[0-9]{6}$/);
  assert.equal(issued.link, null);
  assert.match(issued.unsubscribeUrl, /^http:\/\/tifli\.test\/unsubscribe\?t=/);
  const stored = await row(r.subscriptionId);
  assert.ok(stored.confirm_secret_hash && !stored.confirm_secret_hash.includes(issued.code ?? 'x'), 'only a keyed hash is stored');
  assert.equal(stored.confirm_expires_at?.toISOString(), '2026-11-22T10:15:00.000Z');

  assert.equal(await confirm(t, { subscriptionId: r.subscriptionId, code: ` ${issued.code?.slice(0, 3)} ${issued.code?.slice(3)} ` }), 'confirmed');
  const active = await row(r.subscriptionId);
  assert.equal(active.status, 'active');
  assert.ok(active.confirmed_at);
  const cells = await cellsOf(r.subscriptionId);
  const expected = cellRows(areaCells(storedArea(active.area) ?? assert.fail('area'), t.geo));
  assert.deepEqual(cells, [...expected].sort((a, b) => (a.cell < b.cell ? -1 : 1)));
  assert.equal(cells.length, 1, 'a circle is stored as its centre cell');
  assert.ok(getResolution(BigInt(cells[0]?.cell ?? '0').toString(16)) === 7 && (cells[0]?.reach ?? 0) > 0);

  assert.equal(await confirm(t, { subscriptionId: r.subscriptionId, code: issued.code ?? '' }), 'confirmed', 'idempotent: a double submit');
  assert.equal((await cellsOf(r.subscriptionId)).length, cells.length, 'cells are not duplicated');
  assert.equal(await issueConfirmation(t, r.subscriptionId), null, 'a retried job after confirmation sends nothing');
});

test('five wrong codes lock the confirmation; a new sign-up a minute later issues a new code that works', async () => {
  const r = await subscribe(t, smsRequest('0622334455'));
  const code = await issuedCode(r.subscriptionId);
  const wrong = code === '000000' ? '111111' : '000000';
  const outcomes = [];
  for (let i = 0; i < 5; i++) outcomes.push(await confirm(t, { subscriptionId: r.subscriptionId, code: wrong }));
  assert.deepEqual(outcomes, ['wrong', 'wrong', 'wrong', 'wrong', 'locked']);
  assert.equal(await confirm(t, { subscriptionId: r.subscriptionId, code }), 'locked', 'even the right code');
  assert.equal((await row(r.subscriptionId)).status, 'pending');

  const again = await subscribe(t, smsRequest('0622334455'));
  assert.equal(again.subscriptionId, r.subscriptionId);
  assert.equal((await queuedFor(r.subscriptionId)).length, 1, 'within a minute: no new job (the first is still queued)');
  clock.advance(minutes(1));
  await subscribe(t, smsRequest('0622334455'));
  const fresh = await issuedCode(r.subscriptionId);
  assert.equal((await row(r.subscriptionId)).confirm_attempts, 0);
  assert.equal(await confirm(t, { subscriptionId: r.subscriptionId, code: fresh }), 'confirmed');
});

test('an expired code confirms nothing; a malformed code or an unknown id is just wrong', async () => {
  const r = await subscribe(t, whatsappRequest('+33 6 12 34 56 78'));
  assert.equal((await row(r.subscriptionId)).address, '+33612345678', 'WhatsApp takes a foreign mobile');
  const code = await issuedCode(r.subscriptionId);
  clock.advance(minutes(15));
  assert.equal(await confirm(t, { subscriptionId: r.subscriptionId, code }), 'expired');
  assert.equal((await row(r.subscriptionId)).status, 'pending');
  assert.equal((await cellsOf(r.subscriptionId)).length, 0);
  assert.equal(await confirm(t, { subscriptionId: r.subscriptionId, code: 'abc' }), 'wrong');
  assert.equal(await confirm(t, { subscriptionId: '00000000-0000-4000-8000-000000000000', code }), 'wrong');
  assert.equal(await confirm(t, { subscriptionId: 'not-a-uuid', code }), 'wrong');
});

test('e-mail: double opt-in by link, idempotent; a tampered link is invalid, an old one expired', async () => {
  const r = await subscribe(t, emailRequest('  Amina.B@Example.MA '));
  assert.equal(r.next, 'link');
  assert.equal((await row(r.subscriptionId)).address, 'Amina.B@example.ma');
  const issued = await issueConfirmation(t, r.subscriptionId);
  assert.ok(issued?.link);
  assert.equal(issued.code, null);
  assert.match(issued.link, /^http:\/\/tifli\.test\/subscriptions\/confirm\?t=[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
  const token = tokenOf(issued.link);
  const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
  assert.equal(await confirmByLink(t, tampered), 'invalid');
  assert.equal(await confirmByLink(t, 'nonsense'), 'invalid');
  assert.equal((await row(r.subscriptionId)).status, 'pending');
  clock.advance(minutes(60));
  assert.equal(await confirmByLink(t, token), 'confirmed');
  assert.equal((await row(r.subscriptionId)).status, 'active');
  assert.ok((await cellsOf(r.subscriptionId)).length > 0);
  assert.equal(await confirmByLink(t, token), 'confirmed', 'following the link twice');

  const late = await subscribe(t, emailRequest('late@example.ma'));
  const lateLink = (await issueConfirmation(t, late.subscriptionId))?.link ?? assert.fail('link');
  clock.advance(minutes(24 * 60));
  assert.equal(await confirmByLink(t, tokenOf(lateLink)), 'expired');
  assert.equal((await row(late.subscriptionId)).status, 'pending');
});

test('Web Push is active at once with its cells; the same endpoint again replaces its area and keys, not duplicates', async () => {
  const r = await subscribe(t, pushRequest(7));
  assert.equal(r.next, 'active');
  assert.ok(r.unsubscribeUrl);
  const active = await row(r.subscriptionId);
  assert.equal(active.status, 'active');
  assert.equal(active.address, 'https://push.example.test/send/7');
  assert.deepEqual(active.push_keys, pushSubscription(7).keys);
  const before = await cellsOf(r.subscriptionId);
  assert.ok(before.length > 0);
  assert.equal((await queuedFor(r.subscriptionId)).length, 0, 'no confirmation for Web Push');

  const again = await subscribe(t, pushRequest(7, { areaKind: 'provinces', provinces: ['MA-RAB'] }));
  assert.equal(again.subscriptionId, r.subscriptionId);
  const after = await cellsOf(r.subscriptionId);
  assert.notDeepEqual(after, before);
  assert.deepEqual(after, [...cellRows(areaCells({ kind: 'provinces', codes: ['MA-RAB'] }, t.geo))].sort((a, b) => (a.cell < b.cell ? -1 : 1)));
});

test('unsubscribe by token: one action, idempotent, cells and address gone; forged tokens refused', async () => {
  const r = await subscribe(t, pushRequest(8));
  const url = unsubscribeUrl(t, r.subscriptionId);
  assert.equal(url, r.unsubscribeUrl);
  const token = tokenOf(url);
  assert.match(token, /^[A-Za-z0-9_-]{22}\.test1\.[A-Za-z0-9_-]{22}$/);
  const forged = [`${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`, token.replace('.test1.', '.other.'), `${token}x`, '', 'x'.repeat(500), token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))];
  for (const f of forged) assert.equal(await unsubscribe(t, f), 'invalid', f.slice(0, 40));
  assert.equal((await row(r.subscriptionId)).status, 'active');

  assert.equal(await unsubscribe(t, token), 'unsubscribed');
  const gone = await row(r.subscriptionId);
  assert.equal(gone.status, 'unsubscribed');
  assert.equal(gone.address, '');
  assert.equal(gone.push_keys, null);
  assert.ok(gone.unsubscribed_at);
  assert.equal(gone.consent.wordingVersion, 'webpush-2026-11-v1', 'the consent record stays');
  assert.equal((await cellsOf(r.subscriptionId)).length, 0);
  assert.equal(await unsubscribe(t, token), 'unsubscribed', 'again: same answer');

  const back = await subscribe(t, pushRequest(8));
  assert.notEqual(back.subscriptionId, r.subscriptionId, 'signing up again after unsubscribing starts a new subscription');
});

test('STOP by address (WhatsApp sender id without "+"): normalised, found by address key, only on that channel', async () => {
  const wa = await subscribe(t, whatsappRequest('0633445566'));
  await confirm(t, { subscriptionId: wa.subscriptionId, code: await issuedCode(wa.subscriptionId) });
  const sms = await subscribe(t, smsRequest('0633445566'));
  await confirm(t, { subscriptionId: sms.subscriptionId, code: await issuedCode(sms.subscriptionId) });
  assert.ok((await cellsOf(wa.subscriptionId)).length > 0);

  assert.equal(await unsubscribeByAddress(t, 'whatsapp', '212633445566'), true);
  assert.equal((await row(wa.subscriptionId)).status, 'unsubscribed');
  assert.equal((await cellsOf(wa.subscriptionId)).length, 0);
  assert.equal((await row(sms.subscriptionId)).status, 'active', 'the SMS subscription of the same number stays');
  assert.equal(await unsubscribeByAddress(t, 'whatsapp', '+212 6 33 44 55 66'), false, 'nothing live any more');
  assert.equal(await unsubscribeByAddress(t, 'sms', 'not a number'), false);
  assert.equal(await unsubscribeByAddress(t, 'sms', '06 33 44 55 66'), true);
  const email = await subscribe(t, emailRequest('stop@example.ma'));
  assert.equal(await unsubscribeByAddress(t, 'email', 'stop@EXAMPLE.ma'), true, 'a pending one too, domain case folded');
  assert.equal((await row(email.subscriptionId)).status, 'unsubscribed');
  assert.equal(await unsubscribeByAddress(t, 'webpush', 'https://push.example.test/send/999'), false);
});

test('a duplicate sign-up reveals nothing: same answer for a new, a pending and an active number; an active one is left as it was', async () => {
  const activeSignUp = await subscribe(t, smsRequest('0644556677'));
  await confirm(t, { subscriptionId: activeSignUp.subscriptionId, code: await issuedCode(activeSignUp.subscriptionId) });
  const activeBefore = await row(activeSignUp.subscriptionId);
  const cellsBefore = await cellsOf(activeSignUp.subscriptionId);
  const jobsBefore = (await queuedFor(activeSignUp.subscriptionId)).length;
  clock.advance(minutes(2));

  const stranger = await subscribe(t, smsRequest('0644556677', { areaKind: 'provinces', provinces: ['MA-OUD'] }));
  const newcomer = await subscribe(t, smsRequest('0655667788', { areaKind: 'provinces', provinces: ['MA-OUD'] }));
  assert.deepEqual(Object.keys(stranger).sort(), Object.keys(newcomer).sort());
  assert.deepEqual({ ...stranger, subscriptionId: '' }, { ...newcomer, subscriptionId: '' });
  assert.equal(stranger.subscriptionId, activeSignUp.subscriptionId);

  const activeAfter = await row(activeSignUp.subscriptionId);
  assert.equal(activeAfter.status, 'active');
  assert.deepEqual(activeAfter.area, activeBefore.area, 'a stranger cannot change an active subscription');
  assert.deepEqual(await cellsOf(activeSignUp.subscriptionId), cellsBefore);
  assert.equal((await queuedFor(activeSignUp.subscriptionId)).length, jobsBefore, 'and nothing is sent to its owner');

  // Guessing codes behaves the same on both: wrong, then locked at the 5th try.
  const newcomerCode = await issuedCode(newcomer.subscriptionId);
  const guesses = ['100000', '100001', '100002', '100003', '100004', '100005'].filter((g) => g !== newcomerCode).slice(0, 5);
  for (const id of [stranger.subscriptionId, newcomer.subscriptionId]) {
    const outcomes = [];
    for (const code of guesses) outcomes.push(await confirm(t, { subscriptionId: id, code }));
    assert.deepEqual(outcomes.slice(0, 4), ['wrong', 'wrong', 'wrong', 'wrong']);
    assert.equal(outcomes[4], 'locked');
  }
  assert.equal((await row(stranger.subscriptionId)).status, 'active', 'the owner is unaffected');

  // A pending one: preferences replaced by the new sign-up.
  const pending = await subscribe(t, emailRequest('dup@example.ma'));
  const replaced = await subscribe(t, emailRequest('dup@example.ma', { areaKind: 'provinces', provinces: ['MA-CAS'], languages: ['zgh-Tfng'] }));
  assert.equal(replaced.subscriptionId, pending.subscriptionId);
  const p = await row(pending.subscriptionId);
  assert.deepEqual(p.area, { kind: 'provinces', codes: ['MA-CAS'] });
  assert.deepEqual(p.languages, ['zgh-Tfng']);
});

test('two sign-ups for one address at the same moment end in one subscription', async () => {
  const [a, b] = await Promise.all([subscribe(t, smsRequest('0666778899')), subscribe(t, smsRequest('+212666778899'))]);
  assert.equal(a.subscriptionId, b.subscriptionId);
  const rows = await t.store.db.selectFrom('subscriptions').select('id').where('address', '=', '+212666778899').execute();
  assert.equal(rows.length, 1);
});

test('refused input throws validation_failed with problem codes and messages that quote nothing typed', async () => {
  const err = await subscribe(t, smsRequest('0522123456', { lat: '40.4168', lon: '-3.7038' })).catch((e: unknown) => e);
  assert.ok(err instanceof SubscriptionInputError);
  assert.equal(err.code, 'validation_failed');
  assert.deepEqual(err.problems.map((p) => p.code), ['phone_not_mobile', 'point_outside_morocco']);
  assert.ok(!JSON.stringify(err.errors).includes('0522'));
  const none = await t.store.db.selectFrom('subscriptions').select('id').where('address', '=', '+212522123456').execute();
  assert.equal(none.length, 0);
});

test('after a master key rotation old tokens and address keys still work, and re-keying moves them to the new key', async () => {
  const r = await subscribe(t, whatsappRequest('0677889900'));
  const oldToken = tokenOf(unsubscribeUrl(t, r.subscriptionId));
  const oldKey = t.keys.active;
  const newKey = { id: 'test2', key: Buffer.alloc(32, 9) };
  const ring: MasterKeyRing = { active: newKey, ids: [oldKey.id, newKey.id], development: false, get: (id) => (id === oldKey.id ? oldKey : id === newKey.id ? newKey : undefined) };
  const rotated: AppContext = { ...t, keys: ring };

  const again = await subscribe(rotated, whatsappRequest('0677889900'));
  assert.equal(again.subscriptionId, r.subscriptionId, 'the old address key is still found');
  assert.match(tokenOf(unsubscribeUrl(rotated, r.subscriptionId)), /\.test2\./);
  assert.ok(await rekeyAddressKeys(rotated) >= 1);
  const rekeyed = await row(r.subscriptionId);
  assert.ok(rekeyed.address_key.startsWith('test2.'));
  assert.deepEqual(addressKeyCandidates(ring, '+212677889900')[0], rekeyed.address_key);
  assert.equal(await unsubscribe(rotated, oldToken), 'unsubscribed', 'a link sent before the rotation still unsubscribes');
});

test('pending sign-ups never confirmed are purged after a week; active ones stay', async () => {
  const r = await subscribe(t, emailRequest('forgotten@example.ma'));
  const kept = await subscribe(t, pushRequest(11));
  clock.advance(minutes(8 * 24 * 60));
  assert.ok(await purgeStalePending(t) >= 1);
  assert.equal(await findSubscriptionById(t.store.db, r.subscriptionId), undefined);
  assert.equal((await row(kept.subscriptionId)).status, 'active');
});

test('no address, number, code or token reached the log', () => {
  const log = t.logLines.join('\n');
  for (const secret of ['612345678', '611223344', 'amina', 'Amina', 'example.ma', 'push.example.test', '+33612345678']) assert.ok(!log.includes(secret), secret);
});
