/**
 * The console's sign-in in headless Chromium: the first administrator enrols from the printed
 * `/enrol#code` link and sets up the authenticator by QR code; sessions that expire (on the next API
 * call, or pushed by the live dashboard) return to sign-in without losing the form in progress; the
 * language is chosen per user and remembered; everything works from the keyboard.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createFirstAdminEnrolment } from '../../src/app/accounts/enrolments.ts';
import { systemActor } from '../../src/app/accounts/actors.ts';
import { currentTotp } from '../../src/app/accounts/totp.ts';
import { createStaff, imageLoaded, inPage, newContext, nextCode, openAs, signedIn, signInUi, skipWithoutChromium, snap, startConsole, type ConsoleHarness } from './support/console-harness.ts';

let h: ConsoleHarness;

before(async () => {
  if (skipWithoutChromium) return;
  h = await startConsole();
});
after(async () => {
  await h?.close();
});

test('the first administrator enrols from the printed link, then sets up the authenticator by QR code', { skip: skipWithoutChromium }, async () => {
  const link = await createFirstAdminEnrolment(h.t, systemActor('e2e'));
  assert.ok(link);
  assert.match(link.url, /\/enrol#/);
  const { context, page } = await newContext(h);

  await page.goto(`${h.base}/enrol#${link.token}`);
  await page.getByTestId('enrol-info').waitFor();
  assert.equal(new URL(page.url()).pathname, '/console/enrol');
  assert.ok(!page.url().includes(link.token), 'the code leaves the address bar at once');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl', 'Arabic, right to left, by default');
  await snap(page, 'enrol');

  await page.locator('input[name="username"]').fill('chef-admin');
  await page.locator('input[name="display-name"]').fill('Administratrice');
  await page.locator('input[name="new-password"]').fill('une longue phrase de passe pour la console');
  await page.locator('input[name="confirm-password"]').fill('une longue phrase différente');
  assert.ok(await page.locator('form button[type="submit"]').isDisabled(), 'mismatched passwords cannot be sent');
  await page.locator('input[name="confirm-password"]').fill('une longue phrase de passe pour la console');
  await page.locator('form button[type="submit"]').click();

  // Back on sign-in, the username filled in: the password, then the authenticator set-up.
  await page.locator('input[name="password"]').waitFor();
  assert.equal(await page.locator('input[name="username"]').inputValue(), 'chef-admin');
  await page.locator('input[name="password"]').fill('une longue phrase de passe pour la console');
  await page.locator('form button[type="submit"]').click();
  const secretText = page.getByTestId('totp-secret');
  await secretText.waitFor();
  assert.ok(await imageLoaded(page, 'img.totp__qr'), 'the QR code image is shown');
  await snap(page, 'totp-enrolment');
  const secret = (await secretText.innerText()).replace(/\s+/g, '');

  await page.locator('input[name="code"]').fill('000000');
  await page.locator('form button[type="submit"]').click();
  await page.locator('.problem[data-code="second_factor_invalid"]').waitFor();

  h.clock.advance(31_000);
  await page.locator('input[name="code"]').fill(currentTotp(secret, h.clock.now()));
  await page.locator('form button[type="submit"]').click();
  await signedIn(page);
  assert.match(await page.getByTestId('whoami').innerText(), /Administratrice/);
  await context.close();
});

test('an expired session returns to sign-in; signing in again brings back the form in progress', { skip: skipWithoutChromium }, async () => {
  const officer = await createStaff(h, 'officer', 'MA-RAB');
  const { context, page } = await openAs(h, officer, { path: '/cases/new' });
  // The given name starts a duplicate search (debounced): it must be answered before the clock jumps,
  // or its 401 ends the session before the keystroke this test is about.
  const searched = page.waitForResponse((r) => r.url().includes('/api/cases?') && r.url().includes('Amina'), { timeout: 60_000 });
  await page.locator('input[name="givenNameLatin"]').fill('Amina');
  await page.locator('input[name="ageYears"]').fill('7');
  await page.locator('textarea[name="narrative"]').fill('Partie chercher du pain, jamais revenue.');
  await page.waitForFunction(`Object.keys(localStorage).some((k) => k.startsWith('tifli.draft.') && k.endsWith('.intake'))`);
  await searched;

  h.clock.advance(31 * 60_000); // past SESSION_IDLE_MINUTES
  await page.locator('input[name="familyNameLatin"]').fill('Bennani'); // the duplicate search asks the server
  await page.getByTestId('session-expired').waitFor();
  assert.equal(new URL(page.url()).pathname, '/console/cases/new', 'the officer stays where they were');
  assert.equal(await page.locator('input[name="username"]').inputValue(), officer.username);

  await page.locator('input[name="password"]').fill(officer.password);
  await page.locator('form button[type="submit"]').click();
  await page.locator('input[name="code"]').fill(nextCode(h, officer));
  await page.locator('form button[type="submit"]').click();
  await page.getByTestId('draft-restored').waitFor();
  assert.equal(await page.locator('input[name="givenNameLatin"]').inputValue(), 'Amina');
  assert.equal(await page.locator('input[name="familyNameLatin"]').inputValue(), 'Bennani', 'even the keystroke that met the expiry is kept');
  assert.equal(await page.locator('textarea[name="narrative"]').inputValue(), 'Partie chercher du pain, jamais revenue.');
  await context.close();
});

test('the live dashboard notices the expiry by itself and returns to sign-in', { skip: skipWithoutChromium }, async () => {
  const supervisor = await createStaff(h, 'supervisor', 'MA-04');
  const { context, page } = await openAs(h, supervisor);
  await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
  h.clock.advance(31 * 60_000);
  await page.getByTestId('session-expired').waitFor({ timeout: 60_000 });
  await context.close();
});

test('each user keeps their language; the sign-in works from the keyboard alone', { skip: skipWithoutChromium }, async () => {
  const officer = await createStaff(h, 'officer', 'MA-CAS');
  const other = await createStaff(h, 'officer', 'MA-CAS');
  const { context, page } = await newContext(h);
  await page.goto(`${h.base}/console/`);

  // Keyboard only: the username has the focus, Tab to the password, Enter to send.
  await page.locator('input[name="username"]').waitFor();
  assert.equal(await inPage(page, 'document.activeElement?.getAttribute("name")'), 'username');
  await page.keyboard.type(officer.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(officer.password);
  await page.keyboard.press('Enter');
  await page.locator('input[name="code"]').waitFor();
  assert.equal(await inPage(page, 'document.activeElement?.getAttribute("name")'), 'code', 'focus moves to the code');
  await page.keyboard.type(nextCode(h, officer));
  await page.keyboard.press('Enter');
  await page.getByTestId('whoami').waitFor();

  await page.getByTestId('lang-switch').click();
  await page.waitForFunction('document.documentElement.lang === "fr"');
  await page.reload();
  await page.getByTestId('whoami').waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'fr', 'remembered across a reload');
  assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
  await snap(page, 'dashboard-officer');

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.locator('input[name="username"]').waitFor();
  await signInUi(h, page, other);
  assert.equal(await page.getAttribute('html', 'lang'), 'ar', 'another user starts in their own language');
  await context.close();

  // The choice reached the account (sent with keepalive: the reload right after the click did not cancel it).
  let saved = '';
  for (let i = 0; i < 150 && saved !== 'fr'; i += 1) {
    saved = (await h.t.store.db.selectFrom('users').select('locale').where('id', '=', officer.id).executeTakeFirstOrThrow()).locale;
    if (saved !== 'fr') await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.equal(saved, 'fr', 'the account keeps the language chosen in the console');
  // Another device, nothing remembered there: the account's language.
  const elsewhere = await openAs(h, officer);
  assert.equal(await elsewhere.page.getAttribute('html', 'lang'), 'fr', 'the language follows the account to another browser');
  await elsewhere.context.close();
});
