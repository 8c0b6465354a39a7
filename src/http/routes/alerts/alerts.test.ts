import { test, before, after } from 'node:test';
import sharp from 'sharp';
import assert from 'node:assert/strict';
import { createTestContext, type TestContext } from '../../../../test/support/test-store.ts';
import { signIn } from '../../../../test/support/auth.ts';
import { CAP_XSD, checkXml, validateXml } from '../../../../test/support/xml-schema.ts';
import { buildHttpApp, type HttpApp } from '../../app.ts';
import { ManualClock } from '../../../platform/clock.ts';
import { validRecord } from '../../../domain/case/case-fixtures.test-support.ts';

type Headers = { cookie: string; 'x-csrf-token': string };
const clock = new ManualClock('2026-03-11T14:00:00Z');
let t: TestContext;
let app: HttpApp;
const h: Record<string, Headers> = {};

before(async () => {
  t = await createTestContext({ clock });
  app = await buildHttpApp(t);
  h.officer = (await signIn(t, app, { role: 'officer', jurisdiction: 'MA-RAB' })).headers;
  h.supervisor = (await signIn(t, app, { role: 'supervisor', jurisdiction: 'MA-04' })).headers;
  h.central = (await signIn(t, app, { role: 'central_command', jurisdiction: 'MA' })).headers;
  h.prosecutor = (await signIn(t, app, { role: 'prosecutor_liaison', jurisdiction: 'MA-RAB' })).headers;
  h.outsider = (await signIn(t, app, { role: 'officer', jurisdiction: 'MA-CAS' })).headers;
  h.communications = (await signIn(t, app, { role: 'communications', jurisdiction: 'MA' })).headers;
});
after(async () => {
  await app.close();
  await t.close();
});

const post = (url: string, who: Headers, payload: unknown = {}) => app.inject({ method: 'POST', url, headers: who, payload: payload as Record<string, unknown> });

test('the whole chain over HTTP: draft, edit, request, three decisions, public CAP and feed, end', async () => {
  const c = await post('/api/cases', h.officer!, { record: validRecord(), exercise: true });
  assert.equal(c.statusCode, 201, c.body);
  const caseId = c.json<{ case: { id: string } }>().case.id;
  assert.equal((await post(`/api/cases/${caseId}/assessment`, h.officer!, { publishingEndangersChild: false })).statusCode, 200);
  await post(`/api/cases/${caseId}/assessment/override`, h.officer!, { reason: 'Disparition inquiétante confirmée.', eligible: true });

  const draft = await post(`/api/cases/${caseId}/alerts`, h.officer!);
  assert.equal(draft.statusCode, 201, draft.body);
  const alert = draft.json<{ id: string; publicId: string; revision: number; draft: { texts: Record<string, Record<string, string>> } }>();
  assert.equal((await post(`/api/cases/${caseId}/alerts`, h.outsider!)).statusCode, 403, 'outside the jurisdiction');
  const seenBy = async (who: Headers) => JSON.stringify((await app.inject({ method: 'GET', url: `/api/alerts/${alert.id}`, headers: who })).json<{ draft: { zone: unknown } }>().draft.zone);
  assert.ok((await seenBy(h.officer!)).includes('34.0209'), 'the case officer sees the real zone');
  assert.ok(!(await seenBy(h.communications!)).includes('34.0209'), 'communications staff never see the last-seen point');

  const texts = structuredClone(alert.draft.texts);
  texts['fr-MA']!.headline = 'Disparue à Rabat : Yasmine, 8 ans';
  const edited = await app.inject({ method: 'PUT', url: `/api/alerts/${alert.id}/draft`, headers: h.officer!, payload: { revision: alert.revision, texts } });
  assert.equal(edited.statusCode, 200, edited.body);
  const tooLong = structuredClone(texts);
  tooLong['fr-MA']!.short90 = 'x'.repeat(91);
  const refused = await app.inject({ method: 'PUT', url: `/api/alerts/${alert.id}/draft`, headers: h.officer!, payload: { revision: alert.revision + 1, texts: tooLong } });
  assert.equal(refused.statusCode, 400);
  const stale = await app.inject({ method: 'PUT', url: `/api/alerts/${alert.id}/draft`, headers: h.officer!, payload: { revision: alert.revision, texts } });
  assert.equal(stale.statusCode, 409);
  const outside = await app.inject({ method: 'PUT', url: `/api/alerts/${alert.id}/draft`, headers: h.officer!, payload: { revision: alert.revision + 1, zone: { circles: [{ center: { lat: 40.4, lon: -3.7 }, radiusKm: 10 }], provinces: [], regions: [], polygons: [] } } });
  assert.equal(outside.statusCode, 400, 'a zone outside Morocco is refused');
  assert.match(outside.json<{ errors: { field: string }[] }>().errors[0]?.field ?? '', /^body\/zone/);

  const withFree = await app.inject({ method: 'PUT', url: `/api/alerts/${alert.id}/draft`, headers: h.officer!, payload: { revision: alert.revision + 1, freeText: { fr: 'Elle porte un bracelet rouge.' } } });
  assert.equal(withFree.statusCode, 200, withFree.body);
  assert.ok(JSON.stringify(withFree.json<{ draft: unknown }>().draft).includes('bracelet rouge'), 'free text is woven into the regenerated texts');
  const freeRevision = withFree.json<{ revision: number }>().revision;
  const keep = await app.inject({ method: 'PUT', url: `/api/alerts/${alert.id}/draft`, headers: h.officer!, payload: { revision: freeRevision, texts: { ...withFree.json<{ draft: { texts: typeof texts } }>().draft.texts, 'fr-MA': { ...withFree.json<{ draft: { texts: typeof texts } }>().draft.texts['fr-MA']!, headline: 'Disparue à Rabat : Yasmine, 8 ans' } } } });
  assert.equal(keep.statusCode, 200, keep.body);

  assert.equal((await post(`/api/alerts/${alert.id}/request`, h.officer!)).statusCode, 200);
  assert.equal((await post(`/api/alerts/${alert.id}/decisions`, h.officer!, { step: 'supervisor_check', outcome: 'approved' })).statusCode, 403);
  assert.equal((await post(`/api/alerts/${alert.id}/decisions`, h.supervisor!, { step: 'supervisor_check', outcome: 'approved' })).statusCode, 200);
  assert.equal((await app.inject({ method: 'GET', url: `/alerts/${alert.publicId}.cap` })).statusCode, 404, 'nothing public before the chain completes');
  assert.equal((await post(`/api/alerts/${alert.id}/decisions`, h.central!, { step: 'central_validation', outcome: 'approved' })).statusCode, 200);
  const last = await post(`/api/alerts/${alert.id}/decisions`, h.prosecutor!, {
    step: 'prosecutor_decision',
    outcome: 'approved',
    prosecutor: { court: 'TPI de Rabat', fileReference: '2026/77', magistrate: 'Substitut', decidedAt: '2026-03-11T13:50:00Z' },
  });
  assert.equal(last.statusCode, 200, last.body);
  assert.equal(last.json<{ state: string }>().state, 'active');

  const asComms = await app.inject({ method: 'GET', url: `/api/alerts/${alert.id}`, headers: h.communications! });
  assert.ok(!asComms.body.includes('Substitut') && !asComms.body.includes('2026/77'), 'the prosecutor’s details stay with the case officers');

  const cap = await app.inject({ method: 'GET', url: `/alerts/${alert.publicId}.cap` });
  assert.equal(cap.statusCode, 200);
  assert.match(cap.headers['content-type'] ?? '', /application\/cap\+xml/);
  assert.ok((await validateXml(cap.body, CAP_XSD)).valid);
  assert.ok(cap.body.includes('Disparue à Rabat : Yasmine, 8 ans'), 'the edited text is what went out');
  const feed = await app.inject({ method: 'GET', url: '/feeds/alerts.atom' });
  assert.equal(feed.statusCode, 200);
  assert.ok((await checkXml(feed.body)).valid);
  assert.ok(feed.body.includes(`/alerts/${alert.publicId}.cap`));

  const page = await app.inject({ method: 'GET', url: `/alerts/${alert.publicId}?lang=fr` });
  assert.equal(page.statusCode, 200);
  assert.match(page.headers['content-type'] ?? '', /text\/html/);
  assert.ok(page.body.includes('Disparue à Rabat : Yasmine, 8 ans'), 'the public page shows the published text');
  assert.match(page.body, /property="og:image" content="http:\/\/tifli\.test\/alerts\/[A-Z0-9]+\/og\.jpg/, 'every active alert has a share card');
  const og = await app.inject({ method: 'GET', url: `/alerts/${alert.publicId}/og.jpg?v=1&lang=fr` });
  assert.equal(og.statusCode, 200);
  assert.equal(og.headers['content-type'], 'image/jpeg');
  const meta = await sharp(og.rawPayload).metadata();
  assert.deepEqual([meta.width, meta.height], [1200, 630]);
  const home = await app.inject({ method: 'GET', url: '/?lang=fr' });
  assert.ok(home.body.includes(`/alerts/${alert.publicId}`), 'the home page lists the active alert');

  const ended = await post(`/api/alerts/${alert.id}/end`, h.officer!, { outcome: 'found', reason: 'Retrouvée chez une voisine, saine et sauve.' });
  assert.equal(ended.statusCode, 200, ended.body);
  const cancel = await app.inject({ method: 'GET', url: `/alerts/${alert.publicId}.cap` });
  assert.match(cancel.body, /<msgType>Cancel<\/msgType>/);
  assert.ok(!cancel.body.includes('Yasmine'));
  assert.equal((await post(`/api/alerts/${alert.id}/decisions`, h.central!, { step: 'central_validation', outcome: 'approved' })).statusCode, 409, 'no decision on an ended alert');
  const card = await app.inject({ method: 'GET', url: `/alerts/${alert.publicId}?lang=fr` });
  assert.equal(card.statusCode, 200);
  assert.ok(!card.body.includes('Yasmine'), 'the ended page names nobody');
  assert.ok(!card.body.includes('photo.jpg'), 'the ended page shows no photo');
  assert.match(card.headers['cache-control'] ?? '', /max-age=30/);
  assert.equal((await app.inject({ method: 'GET', url: `/alerts/${alert.publicId}/og.jpg?v=1&lang=fr` })).statusCode, 404, 'no share card once ended');
  const listAfter = await app.inject({ method: 'GET', url: '/?lang=fr' });
  assert.ok(!listAfter.body.includes(`/alerts/${alert.publicId}`), 'an ended alert leaves the list');
});
