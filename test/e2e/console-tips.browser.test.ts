/**
 * Tip triage in headless Chromium: tips for a live alert wait on the officer's dashboard; the case's
 * tips show as a list, on the map and on a timeline, near-duplicates grouped; a tip written to run a
 * script shows as plain text and runs nothing; the officer marks one credible, dismisses another with
 * a reason, takes one for themself; a tip arriving meanwhile appears without a reload.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { triageTip } from '../../src/app/tips/triage-tip.ts';
import { createStaff, inPage, openAs, skipWithoutChromium, snap, startConsole, type ConsoleHarness, type Staff } from './support/console-harness.ts';
import { makeSeeder, type SeededAlert } from './support/seed-alerts.ts';

let h: ConsoleHarness;
let seeder: Awaited<ReturnType<typeof makeSeeder>>;
let officer: Staff;
let colleague: Staff;
let alert: SeededAlert;

const SCRIPTED = '<img src=x onerror="window.__pwned=1"> Vue près de la gare Rabat-Ville avec un sac rose et un homme en veste noire';

async function tip(body: { seen: string; lat?: number; lon?: number; place?: string; minutesAgo: number }): Promise<{ id: string; reference: string }> {
  const seenAt = new Date(h.clock.now().getTime() - body.minutesAgo * 60_000).toISOString();
  const res = await h.app.inject({
    method: 'POST',
    url: `/api/alerts/${alert.publicId}/tips`,
    headers: seeder.officer,
    payload: { seen: body.seen, seenAt, ...(body.lat !== undefined ? { lat: body.lat, lon: body.lon } : {}), ...(body.place ? { place: body.place } : {}) },
  });
  assert.ok(res.statusCode === 201 || res.statusCode === 200, res.body);
  const receipt = res.json<{ id: string; reference: string }>();
  await triageTip(h.t, receipt.id); // what the tips.triage job does seconds after intake
  return receipt;
}

before(async () => {
  if (skipWithoutChromium) return;
  h = await startConsole();
  seeder = await makeSeeder(h, 'MA-RAB');
  officer = await createStaff(h, 'officer', 'MA-RAB', { displayName: 'Officier Driss' });
  colleague = await createStaff(h, 'officer', 'MA-RAB', { displayName: 'Officière Salma' });
  await createStaff(h, 'officer', 'MA-CAS', { displayName: 'Officier Casablanca' });
  alert = await seeder.requestedAlert({ given: 'Hiba' });
  await seeder.decideAll(alert.alertId);
});
after(async () => {
  await h?.close();
});

test('tips wait on the dashboard, show as list, map and timeline, render as text only, and are triaged', { skip: skipWithoutChromium }, async () => {
  const scripted = await tip({ seen: SCRIPTED, lat: 34.0134, lon: -6.8352, minutesAgo: 20 });
  await tip({ seen: 'Une fillette avec un sac rose près de la gare Rabat-Ville, avec un homme en veste noire', lat: 34.0137, lon: -6.8349, minutesAgo: 18 });
  const far = await tip({ seen: 'Je crois l’avoir vue sur la plage', lat: 30.4202, lon: -9.5982, place: 'Agadir, plage', minutesAgo: 15 });

  const { context, page } = await openAs(h, officer);
  const waiting = page.getByTestId('tips-waiting');
  await waiting.waitFor();
  assert.match(await waiting.innerText(), new RegExp(`${alert.reference}[\\s\\S]*3`));
  await waiting.getByRole('link').first().click();

  const list = page.getByTestId('tip-list');
  await list.waitFor();
  assert.equal(await list.locator('li').count(), 3);
  await page.getByTestId('tip-timeline').locator('li.timeline__entry').nth(2).waitFor();
  // The map draws its markers once Leaflet has laid out; wait for them rather than count at once.
  await page.locator('.tips .leaflet-interactive').nth(3).waitFor({ state: 'attached' });
  assert.equal(await page.locator('.tips .leaflet-interactive').count() >= 4, true, 'the three tips and the last sighting are on the map');

  // The scripted tip: its words on screen exactly as written, nothing executed.
  await list.locator(`li[data-tip="${scripted.reference}"] .tip__open`).click();
  const words = page.getByTestId('tip-text');
  await words.waitFor();
  assert.equal(await words.innerText(), SCRIPTED);
  assert.equal(await words.locator('img').count(), 0, 'no element made from the tip');
  assert.equal(await inPage(page, 'window.__pwned === undefined'), true, 'no script ran');
  await page.getByTestId('tip-score').waitFor();
  await snap(page, 'tips');

  await page.locator('select[name="tip-status"]').selectOption('credible');
  await page.getByTestId('tip-move').click();
  await list.locator(`li[data-tip="${scripted.reference}"][data-status="credible"]`).waitFor();
  await page.getByTestId('tip-assign-me').click();
  await page.getByTestId('tip-detail').getByText('أنا').waitFor();
  // Handed on to a colleague by name: the list offers only staff who may triage this case's tips.
  const offered = await page.locator('select[name="tip-assignee"] option').allInnerTexts();
  assert.ok(offered.some((o) => o.includes('Officière Salma')), `the colleague of the same province is offered: ${offered.join(' | ')}`);
  assert.ok(!offered.some((o) => o.includes('Officier Casablanca')), 'an officer of another province is not');
  await page.locator('select[name="tip-assignee"]').selectOption({ label: offered.find((o) => o.includes('Officière Salma')) ?? '' });
  await page.getByTestId('tip-assign').click();
  await page.getByTestId('tip-assignee').getByText('Officière Salma').waitFor();
  const assigned = await h.t.store.db.selectFrom('tips').select(['assigned_to']).where('reference', '=', scripted.reference).executeTakeFirstOrThrow();
  assert.equal(assigned.assigned_to, colleague.id);

  await list.locator(`li[data-tip="${far.reference}"] .tip__open`).click();
  await page.getByTestId('tip-detail').getByText(far.reference).waitFor();
  await page.locator('select[name="tip-status"]').selectOption('dismissed');
  assert.ok(await page.getByTestId('tip-move').isDisabled(), 'dismissing needs a reason');
  await page.locator('textarea[name="tip-reason"]').fill('Trop loin, trop tôt : impossible d’y être à cette heure.');
  await page.getByTestId('tip-move').click();
  await list.locator(`li[data-tip="${far.reference}"][data-status="dismissed"]`).waitFor();

  // A tip arriving while the screen is open is listed without a reload.
  const late = await tip({ seen: 'Vue au tramway station Bab Chellah, sac rose', lat: 34.0199, lon: -6.8351, minutesAgo: 5 });
  await list.locator(`li[data-tip="${late.reference}"]`).waitFor({ timeout: 60_000 });
  await context.close();
});
