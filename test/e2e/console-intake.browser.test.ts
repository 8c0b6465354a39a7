/**
 * Intake in headless Chromium, as an officer at a station counter: the revised report filled section
 * by section (names in both scripts, description, the last-seen point typed onto the offline map,
 * circumstances, the guardian's consents, a photo), a duplicate warned inline, the assessment shown as
 * soon as age and sex are known, the connection lost at the moment of sending (the draft survives,
 * the officer sends again), then the case file, the alert composer and the request for decisions.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { validRecord } from '../../src/domain/case/case-fixtures.test-support.ts';
import { signIn } from '../support/auth.ts';
import { createStaff, imageLoaded, inPage, openAs, skipWithoutChromium, snap, startConsole, TABLET, type ConsoleHarness, type Staff } from './support/console-harness.ts';

let h: ConsoleHarness;
let officer: Staff;
let existingReference = '';

before(async () => {
  if (skipWithoutChromium) return;
  h = await startConsole();
  officer = await createStaff(h, 'officer', 'MA-CAS', { displayName: 'Officier Karim' });
  // An open case for the same child, opened elsewhere: the form must warn while the names are typed.
  const other = await signIn(h.t, h.app, { role: 'officer', jurisdiction: 'MA-RAB' });
  const record = validRecord();
  record.child.givenNameLatin = 'Amina';
  record.child.familyNameLatin = 'Bennani';
  record.child.givenNameAr = 'أمينة';
  record.child.familyNameAr = 'بناني';
  record.lastSeen.at = new Date(h.clock.now().getTime() - 3_600_000).toISOString();
  record.reporter.consents.publishName!.at = record.lastSeen.at;
  record.reporter.consents.publishPhoto!.at = record.lastSeen.at;
  record.child.photos = [];
  const res = await h.app.inject({ method: 'POST', url: '/api/cases', headers: other.headers, payload: { record, exercise: true } });
  assert.equal(res.statusCode, 201, res.body);
  existingReference = res.json<{ case: { reference: string } }>().case.reference;
});
after(async () => {
  await h?.close();
});

test('an officer fills the revised report, loses the connection while sending, and opens the case once it is back', { skip: skipWithoutChromium }, async () => {
  const { context, page } = await openAs(h, officer, { path: '/cases/new' });
  const field = (name: string) => page.locator(`[name="${name}"]`);

  await field('givenNameAr').fill('أمينة');
  await field('givenNameLatin').fill('Amina');
  await field('familyNameLatin').fill('Bennani');
  const duplicates = page.getByTestId('duplicates');
  await duplicates.waitFor();
  assert.match(await duplicates.innerText(), new RegExp(existingReference));

  assert.equal(await page.getByTestId('assessment').count(), 0, 'no assessment before age and sex');
  await field('sex').selectOption('female');
  await field('ageYears').fill('7');
  const assessment = page.getByTestId('assessment');
  await assessment.waitFor();
  assert.equal(await assessment.locator('[data-criterion="minor"]').getAttribute('data-state'), 'met', 'a 7-year-old is a minor');
  assert.equal(await assessment.locator('[data-criterion="consent"]').getAttribute('data-state'), 'unknown');

  await field('heightCm').fill('118');
  await field('build').selectOption('slim');
  await field('hairColour').selectOption('black');
  await page.getByRole('button', { name: 'إضافة لباس' }).click();
  await page.locator('#section-description .repeat__row select').first().selectOption('school_smock');
  await page.locator('#section-description .repeat__row input[value="white"]').check();

  await field('lat').fill('33.5731');
  await field('lon').fill('-7.5898');
  await page.getByTestId('located').waitFor();
  assert.match(await page.getByTestId('located').innerText(), /الدار البيضاء/);
  await field('neighbourhood').fill('Maârif');
  await field('address').fill('12 rue des Écoles, appartement 4');

  await page.locator('#section-circumstances input[value="abduction_suspected"]').check();
  await field('narrative').fill('Sortie de l’école à 12 h, un homme inconnu lui a parlé à la sortie.');

  await field('reporterGiven').fill('Khadija');
  await field('reporterFamily').fill('Bennani');
  await field('relation').selectOption('mother');
  await field('phones').fill('0612345678');
  await page.locator('#consent-name-yes').check();
  await page.locator('#consent-photo-yes').check();

  const png = await sharp({ create: { width: 96, height: 96, channels: 3, background: { r: 200, g: 120, b: 90 } } }).png().toBuffer();
  await page.locator('#photo-input').setInputFiles({ name: 'amina.png', mimeType: 'image/png', buffer: png });
  await page.locator('.photos__item input[type="checkbox"]').check();
  await page.locator('#endangers-no').check();

  await page.locator('[data-testid="assessment"][data-eligible="true"]').waitFor();
  await snap(page, 'intake');

  // The connection drops just as the officer sends: nothing is lost.
  await context.setOffline(true);
  await page.getByTestId('open-case').click();
  await page.locator('.problem[data-code="network"]').waitFor();
  const kept = await inPage<string>(page, `Object.entries(localStorage).find(([k]) => k.endsWith('.intake'))?.[1] ?? ''`);
  assert.match(kept, /Amina/, 'the draft is still in this browser');
  assert.equal(await field('givenNameLatin').inputValue(), 'Amina');
  await context.setOffline(false);

  await page.getByTestId('open-case').click();
  // Creating the case re-encodes the photo: slow on a loaded machine.
  await page.waitForURL(/\/console\/cases\/[0-9a-f-]{36}$/, { timeout: 120_000 });
  const caseUrl = page.url();
  await page.getByTestId('assessment').waitFor();
  assert.equal(await page.getByTestId('assessment').getAttribute('data-eligible'), 'true', 'the safety judgement was recorded with the case');
  await page.locator('.photos__item img').first().waitFor();
  const photoSrc = (await page.locator('.photos__item img').first().getAttribute('src')) ?? '';
  const photoStatus = await inPage<string>(page, `fetch(${JSON.stringify(photoSrc)}).then((r) => r.status + ' ' + r.headers.get('content-type'))`);
  assert.equal(photoStatus, '200 image/jpeg', 'the uploaded photo is served back, re-encoded');
  assert.ok(await imageLoaded(page, '.photos__item img'), 'and shows');
  assert.equal(await inPage<number>(page, `Object.keys(localStorage).filter((k) => k.endsWith('.intake')).length`), 0, 'the draft is gone once the case exists');
  const body = await page.locator('main').innerText();
  assert.match(body, /12 rue des Écoles/, 'the case officer sees the restricted address');
  await snap(page, 'case-file');

  // The alert: drafted from the case, previewed per channel, then sent for decisions.
  await page.getByTestId('draft-alert').click();
  await page.waitForURL(/\/alerts\/[0-9a-f-]{36}\/compose$/);
  await page.getByTestId('sms-count').waitFor();
  assert.match(await page.getByTestId('sms-count').innerText(), /UCS-2 · \d+ · 1/, 'the Arabic SMS fits one segment');
  await page.locator('details.preview--cap summary').click();
  assert.match(await page.getByTestId('cap-preview').innerText(), /<msgType>Alert<\/msgType>/);

  // Composing: a French headline edited, a province added, a polygon drawn from the keyboard, the growth slider.
  await page.getByRole('tab', { name: 'Français' }).click();
  await page.locator('#text-fr-MA-headline').fill('Disparue à Casablanca : Amina, 7 ans');
  await page.locator('#preview-lang').selectOption('fr-MA');
  assert.match(await page.locator('.preview--facebook').innerText(), /Disparue à Casablanca : Amina, 7 ans/, 'the previews follow the edit');
  await page.locator('details', { hasText: /العمالات والأقاليم/ }).locator('summary').click();
  await page.locator('.zone input[value="MA-MOH"]').check();
  await page.getByRole('button', { name: 'رسم مضلع' }).click();
  const map = page.locator('.zone .map');
  const pane = map.locator('.leaflet-map-pane');
  const panePosition = () => pane.getAttribute('style');
  for (const key of ['ArrowUp', 'ArrowLeft', 'ArrowDown']) {
    const before = await panePosition();
    await map.focus();
    await page.keyboard.press(key);
    await page.keyboard.press(key);
    // Leaflet's pan animation: the map has moved and come to rest (a starved browser can be slow to).
    let last = before;
    for (let i = 0; i < 100; i++) {
      await page.waitForTimeout(150);
      const now = await panePosition();
      if (now !== before && now === last) break;
      last = now;
    }
    assert.notEqual(await panePosition(), before, `the map panned with ${key}`);
    await page.getByRole('button', { name: 'رأس في وسط الخريطة' }).click();
  }
  await page.getByRole('button', { name: 'إنهاء المضلع' }).click();
  await page.getByText(/المضلع 1 \(3 رؤوس\)/).waitFor();
  const slider = page.locator('#zone-time');
  await slider.focus();
  await page.keyboard.press('End');
  assert.match(await page.getByTestId('zone-step').innerText(), /160 كلم/, 'the zone reaches the outer radius');
  await snap(page, 'composer');
  await page.getByTestId('save-draft').click();
  await page.locator('[data-testid="save-draft"][data-state="saved"]').waitFor();
  await page.reload();
  await page.locator('#text-ar-MA-headline').waitFor();
  await page.getByRole('tab', { name: 'Français' }).click();
  assert.equal(await page.locator('#text-fr-MA-headline').inputValue(), 'Disparue à Casablanca : Amina, 7 ans', 'saved on the server');
  assert.match(await page.locator('details', { hasText: /العمالات والأقاليم/ }).locator('summary').innerText(), /\(1\)/);
  await page.getByRole('button', { name: 'رسم مضلع' }).waitFor();
  await page.getByText(/المضلع 1/).waitFor();
  await page.getByTestId('request-decisions').click();
  await page.waitForURL(/\/decisions\/[0-9a-f-]{36}$/);
  await page.getByTestId('chain').waitFor();
  assert.equal(await page.locator('[data-step="supervisor_check"]').getAttribute('data-outcome'), 'current');
  await page.getByTestId('no-step').waitFor();

  // Back on the dashboard, the case is listed with the time since the child was last seen.
  await page.getByRole('link', { name: 'لوحة القيادة' }).first().click();
  const cases = page.getByTestId('open-cases');
  await cases.waitFor();
  assert.match(await cases.innerText(), /منذ \d+ د/);
  assert.ok(caseUrl.includes('/console/cases/'));
  await context.close();
});

test('the intake form is usable on a tablet in portrait', { skip: skipWithoutChromium }, async () => {
  const { context, page } = await openAs(h, officer, { path: '/cases/new', viewport: TABLET });
  await page.locator('[name="givenNameAr"]').waitFor();
  const overflow = await inPage<number>(page, 'document.documentElement.scrollWidth - document.documentElement.clientWidth');
  assert.ok(overflow <= 1, `no sideways scrolling on a 768 px tablet (overflow ${overflow}px)`);
  await page.screenshot({ path: 'test-artifacts/screenshots/intake-tablet-ar.png' });
  await context.close();
});
