/**
 * The public site in a real browser (Debian's Chromium, driven by playwright-core), with JavaScript
 * disabled as many phones and savers have it: the alert page is readable, right-to-left in Arabic, shows
 * the number to call and the tip form; then, once the alert ends, the same URL shows the found card.
 * Screenshots land in test-artifacts/e2e/ for people to look at.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser } from 'playwright-core';
import { createTestContext, type TestContext } from '../support/test-store.ts';
import { buildHttpApp, type HttpApp } from '../../src/http/app.ts';
import { seedDemo } from '../../src/app/demo/seed-demo.ts';
import { endAlert } from '../../src/app/alerts/alert-actions.ts';
import { findAlertByPublicId } from '../../src/store/repositories/alerts.repository.ts';
import { findUserByUsername } from '../../src/store/repositories/users.repository.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = 'test-artifacts/e2e';
let t: TestContext;
let app: HttpApp;
let browser: Browser;
let base = '';

before(async () => {
  t = await createTestContext();
  app = await buildHttpApp(t);
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  await mkdir(ARTIFACTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  await app?.close();
  await t?.close();
});

test('an alert page reads without JavaScript in Arabic and French, then turns into the ended card', { skip: existsSync(CHROMIUM) ? false : 'Chromium is not installed' }, async () => {
  const demo = await seedDemo(t);
  const publicId = demo.activeAlertUrl.split('/').pop() ?? '';
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();

  const res = await page.goto(`${base}/alerts/${publicId}?lang=ar`);
  assert.equal(res?.status(), 200);
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  const arabic = await page.innerText('body');
  assert.match(arabic, /سلمى/, 'the consented name is shown');
  assert.match(arabic, /19/, 'the number to call is shown');
  assert.ok((await page.$$('form')).length >= 1, 'the tip form is there without JavaScript');
  await page.screenshot({ path: `${ARTIFACTS}/alert-ar.png`, fullPage: true });

  await page.goto(`${base}/alerts/${publicId}?lang=fr`);
  assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
  assert.match(await page.innerText('body'), /Salma/);
  await page.screenshot({ path: `${ARTIFACTS}/alert-fr.png`, fullPage: true });

  const home = await page.goto(`${base}/?lang=fr`);
  assert.equal(home?.status(), 200);
  assert.ok(await page.$(`a[href*="/alerts/${publicId}"]`), 'the home page links the active alert');

  const alert = await findAlertByPublicId(t.store.db, publicId);
  const officer = await findUserByUsername(t.store.db, 'demo-officer-rabat');
  assert.ok(alert && officer);
  await endAlert(t, { kind: 'user', id: officer.id, username: officer.username, role: 'officer', jurisdiction: 'MA-RAB', jurisdictionPath: ['MA', 'MA-04', 'MA-RAB'], ip: null }, alert.id, 'found', 'Retrouvée saine et sauve (exercice).');
  // A new visitor (no cached copy; the 30-second cache is what bounds an old copy's life).
  const fresh = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const after = await fresh.newPage();
  await after.goto(`${base}/alerts/${publicId}?lang=fr`);
  const ended = await after.innerText('body');
  assert.ok(!/Salma/.test(ended), `the ended card names nobody: ${ended}`);
  assert.equal(await after.$('img[src*="photo"]'), null, 'and shows no photo');
  await after.screenshot({ path: `${ARTIFACTS}/alert-ended-fr.png`, fullPage: true });
  await fresh.close();
  await context.close();
});
