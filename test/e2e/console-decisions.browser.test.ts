/**
 * The decision chain in headless Chromium, each step by its own user: the supervisor of the region
 * sees the request arrive on a live dashboard and approves it, the central command room validates it,
 * the prosecutor liaison records the prosecutor's decision and the alert is published. A refusal needs
 * a reason; the urgent path shows the prosecutor's countdown. What each may not see or do: the
 * communications officer reads only the public summary; the prosecutor liaison cannot close a case.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createStaff, openAs, SCREENSHOTS, setLang, skipWithoutChromium, snap, startConsole, type ConsoleHarness, type Staff } from './support/console-harness.ts';
import { makeSeeder, RESTRICTED_MARKERS, type SeededAlert } from './support/seed-alerts.ts';

let h: ConsoleHarness;
let seeder: Awaited<ReturnType<typeof makeSeeder>>;
let supervisor: Staff;
let central: Staff;
let prosecutor: Staff;
let communications: Staff;
let salma: SeededAlert;

before(async () => {
  if (skipWithoutChromium) return;
  h = await startConsole();
  seeder = await makeSeeder(h, 'MA-RAB');
  supervisor = await createStaff(h, 'supervisor', 'MA-04', { displayName: 'Superviseure Nadia' });
  central = await createStaff(h, 'central_command', 'MA', { displayName: 'Commandement Youssef' });
  prosecutor = await createStaff(h, 'prosecutor_liaison', 'MA-RAB', { displayName: 'Liaison Amal' });
  communications = await createStaff(h, 'communications', 'MA', { displayName: 'Communication Sara' });
  salma = await seeder.requestedAlert({ given: 'Salma' });
});
after(async () => {
  await h?.close();
});

async function openDecision(page: Page, reference: string): Promise<void> {
  const waiting = page.getByTestId('decisions-waiting');
  await waiting.getByText(reference).waitFor();
  await waiting.getByText(reference).click();
  await page.getByTestId('chain').waitFor();
}

test('supervisor, central command and prosecutor liaison each take their step; the alert goes live', { skip: skipWithoutChromium }, async () => {
  const sup = await openAs(h, supervisor);
  const waiting = sup.page.getByTestId('decisions-waiting');
  await waiting.getByText(salma.reference).waitFor();
  await snap(sup.page, 'dashboard-supervisor');

  // A new request arrives while the dashboard is open: it appears without a reload.
  const late = await seeder.requestedAlert({ given: 'Ilyas' });
  await waiting.getByText(late.reference).waitFor({ timeout: 60_000 });

  await openDecision(sup.page, salma.reference);
  // The file loads after the decision chain: wait for it rather than read a page still loading.
  const narrative = new RegExp(RESTRICTED_MARKERS.narrative.slice(0, 20));
  await sup.page.locator('main').getByText(narrative).first().waitFor({ timeout: 60_000 });
  assert.match(await sup.page.locator('main').innerText(), narrative, 'the supervisor of the region reads the whole file');
  await snap(sup.page, 'decision-supervisor');
  await sup.page.locator('textarea[name="reason"]').fill('Vérifié avec la brigade.');
  await sup.page.getByTestId('approve').click();
  await sup.page.locator('[data-step="supervisor_check"][data-outcome="approved"]').waitFor();
  await sup.page.getByTestId('no-step').waitFor();

  // The other request: refusal needs a written reason.
  await sup.page.goto(`${h.base}/console/decisions/${late.alertId}`);
  await sup.page.getByTestId('decision-form').waitFor();
  assert.ok(await sup.page.getByTestId('refuse').isDisabled(), 'no refusal without a reason');
  await sup.page.locator('textarea[name="reason"]').fill('Enfant retrouvé par la famille avant la diffusion.');
  await sup.page.getByTestId('refuse').click();
  await sup.page.locator('[data-testid="alert-state"][data-state="refused"]').waitFor();
  await sup.context.close();

  const cc = await openAs(h, central, { path: '/decisions' });
  await openDecision(cc.page, salma.reference);
  await snap(cc.page, 'decision-central');
  await cc.page.getByTestId('approve').click();
  await cc.page.locator('[data-step="central_validation"][data-outcome="approved"]').waitFor();
  await cc.context.close();

  const pl = await openAs(h, prosecutor);
  await openDecision(pl.page, salma.reference);
  assert.ok(await pl.page.getByTestId('approve').isDisabled(), "the prosecutor's decision needs its reference first");
  await pl.page.locator('input[name="court"]').fill('Parquet — Tribunal de première instance de Rabat');
  await pl.page.locator('input[name="file-reference"]').fill('2026/4411');
  await pl.page.locator('input[name="magistrate"]').fill('Substitut du procureur du Roi');
  await pl.page.getByLabel('يأذن بنشر الصورة').check();
  await snap(pl.page, 'decision-prosecutor');
  await pl.page.getByTestId('approve').click();
  await pl.page.locator('[data-testid="alert-state"][data-state="active"]').waitFor();

  // The prosecutor liaison may follow the alert but not close the case: no button, and the API refuses.
  await pl.page.goto(`${h.base}/console/alerts/${salma.alertId}`);
  await pl.page.getByTestId('channel-table').or(pl.page.getByText('لم يرسل أي شيء بعد.')).first().waitFor();
  assert.equal(await pl.page.getByTestId('found').count(), 0, 'no "child found" for the prosecutor liaison');
  const refused = await pl.page.evaluate(async (caseId) => {
    const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
    const res = await fetch(`/api/cases/${caseId}/close`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken }, body: JSON.stringify({ outcome: 'found_safe', reason: 'Tentative de clôture non autorisée.' }) });
    return res.status;
  }, salma.caseId);
  assert.equal(refused, 403);
  await pl.context.close();
});

test('the communications officer sees the public summary of a case, never its restricted fields', { skip: skipWithoutChromium }, async () => {
  const { context, page } = await openAs(h, communications, { path: `/cases/${salma.caseId}` });
  await page.getByTestId('summary-only').waitFor();
  const text = await page.locator('main').innerText();
  for (const marker of Object.values(RESTRICTED_MARKERS)) assert.ok(!text.includes(marker), `no "${marker}" for communications`);
  assert.equal(await page.getByTestId('edit-case').count(), 0);
  await snap(page, 'case-summary-communications');

  await page.goto(`${h.base}/console/alerts/${salma.alertId}`);
  await page.locator('[data-testid="alert-state"]').waitFor();
  const board = await page.locator('main').innerText();
  for (const marker of Object.values(RESTRICTED_MARKERS)) assert.ok(!board.includes(marker), `no "${marker}" on the board for communications`);
  assert.ok(!board.includes('Vérifié avec la brigade'), 'decision reasons are restricted');
  await context.close();
});

test('the urgent path: central command publishes at once, the prosecutor liaison sees the countdown', { skip: skipWithoutChromium }, async () => {
  const urgent = await seeder.requestedAlert({ given: 'Rayan' });
  const { context, page } = await openAs(h, central, { path: `/decisions/${urgent.alertId}` });
  await page.locator('textarea[name="urgent-reason"]').fill('Enlèvement vu par un témoin, véhicule en fuite vers le sud.');
  // The confirmation, in each language (a modal dialog: the language is switched with it closed).
  for (const [lang, open] of [['fr', 'Publier en urgence'], ['ar', 'النشر الاستعجالي']] as const) {
    await setLang(page, lang);
    await page.getByRole('button', { name: open }).click();
    await page.getByRole('dialog').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/urgent-confirm-${lang}.png` });
    if (lang === 'fr') {
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
    }
  }
  await page.getByRole('dialog').getByRole('button', { name: 'نعم، النشر الآن' }).click();
  await page.locator('[data-testid="alert-state"][data-state="active"]').waitFor();
  await context.close();

  const pl = await openAs(h, prosecutor);
  const row = pl.page.getByTestId('decisions-waiting').locator('li', { hasText: urgent.reference });
  await row.waitFor();
  await row.getByTestId('countdown').waitFor();
  // The harness's server clock stands still, so the first frame can show the whole delay (2:00:00).
  assert.match(await row.getByTestId('countdown').locator('time').innerText(), /^(?:1:\d{2}:\d{2}|2:00:00)$/, 'about two hours left (ALERT_PROSECUTOR_DELAY_MINUTES)');
  await snap(pl.page, 'dashboard-prosecutor');
  await pl.context.close();
});
