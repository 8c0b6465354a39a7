/**
 * After publication, in headless Chromium: a channel in trouble shows on the officer's live dashboard
 * without a reload, the alert board lists the dead letters and retries them, and "child found" (one
 * action, confirmed) ends the alert everywhere and closes the case while the board follows the
 * retraction per channel. A running alert is updated from the composer, renewed by central command
 * and withdrawn. Two officers editing the same case get a clear conflict and a merge, never
 * a silent overwrite. The auditor searches the audit log and verifies its chain.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createStaff, inPage, openAs, SCREENSHOTS, setLang, skipWithoutChromium, snap, startConsole, TABLET, type ConsoleHarness, type Staff } from './support/console-harness.ts';
import { makeSeeder, type SeededAlert } from './support/seed-alerts.ts';

let h: ConsoleHarness;
let seeder: Awaited<ReturnType<typeof makeSeeder>>;
let officer: Staff;
let active: SeededAlert;

before(async () => {
  if (skipWithoutChromium) return;
  h = await startConsole({ env: { PARTNER_WEBHOOKS: JSON.stringify([{ id: 'press', url: 'https://press.example/hook', secret: 'p'.repeat(20) }]) } });
  seeder = await makeSeeder(h, 'MA-RAB');
  officer = await createStaff(h, 'officer', 'MA-RAB', { displayName: 'Officier Hamza' });
  active = await seeder.requestedAlert({ given: 'Nour' });
  await seeder.decideAll(active.alertId);
});
after(async () => {
  await h?.close();
});

test('a failing channel shows live; the board retries its dead letters; "child found" ends the alert and follows the retraction', { skip: skipWithoutChromium }, async () => {
  const { context, page } = await openAs(h, officer);
  await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
  assert.equal(await page.getByTestId('channel-trouble').count(), 0, 'no channel in trouble yet');

  // The partners' webhook fails for good on two recipients (as the delivery worker records it).
  const dispatch = await h.t.store.db.selectFrom('dispatches').select(['id']).where('alert_id', '=', active.alertId).where('channel', '=', 'webhook').executeTakeFirstOrThrow();
  const at = h.clock.now();
  await h.t.store.db
    .insertInto('deliveries')
    .values([
      { dispatch_id: dispatch.id, recipient: 'press', status: 'dead', attempts: 8, error_code: 'webhook_503', updated_at: at },
      { dispatch_id: dispatch.id, recipient: 'press-archive', status: 'dead', attempts: 8, error_code: 'webhook_timeout', updated_at: at },
      { dispatch_id: dispatch.id, recipient: 'press-radio', status: 'sent', attempts: 1, updated_at: at },
    ])
    .execute();
  await sql`update dispatches set planned = true, total = 3, sent = 1, dead = 2, status = 'partially_failed', updated_at = ${at} where id = ${dispatch.id}`.execute(h.t.store.db);

  const trouble = page.getByTestId('channel-trouble');
  await trouble.waitFor({ timeout: 60_000 });
  assert.match(await trouble.innerText(), new RegExp(active.reference));
  await snap(page, 'dashboard-channel-trouble');

  await trouble.getByRole('link').first().click();
  await page.getByTestId('dead-letters').waitFor();
  assert.equal(await page.getByTestId('dead-letters').locator('tbody tr').count(), 2);
  assert.equal(await page.locator('[data-testid="channel-table"] tr[data-channel="webhook"]').getAttribute('data-status'), 'partially_failed');
  await snap(page, 'alert-board');

  await page.getByTestId('retry-all').click();
  await page.getByText(/2 إرسال|2 envoi/).waitFor();
  await page.getByTestId('dead-letters').waitFor({ state: 'detached', timeout: 60_000 });
  const requeued = await h.t.store.db.selectFrom('deliveries').select(['status']).where('dispatch_id', '=', dispatch.id).where('recipient', 'in', ['press', 'press-archive']).execute();
  assert.deepEqual(requeued.map((r) => r.status), ['pending', 'pending']);

  // "Child found": the confirmation in both languages, then the retraction.
  for (const [lang, title] of [['fr', 'l’enfant est retrouvé'], ['ar', 'تم العثور على الطفل']] as const) {
    await setLang(page, lang);
    await page.getByTestId('found').click();
    await page.getByRole('dialog').waitFor();
    assert.match(await page.getByRole('dialog').innerText(), new RegExp(title));
    await page.screenshot({ path: `${SCREENSHOTS}/child-found-confirm-${lang}.png` });
    if (lang === 'fr') {
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
    }
  }
  assert.ok(await page.getByTestId('confirm-found').isDisabled(), 'a written note is needed');
  await page.locator('select[name="closure-outcome"]').selectOption('found_safe');
  await page.locator('textarea[name="closure-reason"]').fill('Retrouvée saine et sauve chez une tante à Salé.');
  await page.getByTestId('confirm-found').click();
  await page.getByTestId('found-done').waitFor();
  await page.locator('[data-testid="alert-state"][data-state="ended"]').waitFor({ timeout: 60_000 });
  await page.getByTestId('retraction').waitFor({ timeout: 60_000 });
  await page.locator('[data-testid="channel-table"] tr[data-action="retract"]').first().waitFor();
  const rows = page.locator('[data-testid="channel-table"] tr[data-action="retract"]');
  const retracting: string[] = [];
  for (let i = 0; i < (await rows.count()); i += 1) retracting.push((await rows.nth(i).getAttribute('data-channel')) ?? '');
  assert.ok(retracting.includes('webhook') && retracting.includes('police_notice'), `every channel that carried the alert is retracted: ${retracting.join(', ')}`);
  await snap(page, 'alert-board-retraction');

  const c = await h.t.store.db.selectFrom('cases').select(['status', 'closure_outcome']).where('id', '=', active.caseId).executeTakeFirstOrThrow();
  assert.deepEqual([c.status, c.closure_outcome], ['closed', 'found_safe']);
  await context.close();
});

test('a running alert: the officer publishes an update from the composer, central command renews it, the officer withdraws it', { skip: skipWithoutChromium }, async () => {
  const running = await seeder.requestedAlert({ given: 'Yassine' });
  await seeder.decideAll(running.alertId);
  const before = await h.t.store.db.selectFrom('alerts').select(['current_version', 'expires_at']).where('id', '=', running.alertId).executeTakeFirstOrThrow();
  assert.ok(before.expires_at);

  // The officer: an Update, prepared in the composer; only what changed goes out.
  const { context, page } = await openAs(h, officer, { path: `/alerts/${running.alertId}` });
  await page.locator('[data-testid="alert-state"][data-state="active"]').waitFor();
  assert.equal(await page.getByTestId('renew').count(), 0, 'an officer cannot renew: that is central command\'s decision');
  await setLang(page, 'fr');
  await page.getByRole('link', { name: 'Préparer une mise à jour' }).click();
  await page.waitForURL(/\/alerts\/[0-9a-f-]{36}\/compose$/);
  assert.ok(await page.getByTestId('publish-update').isDisabled(), 'nothing changed yet');
  assert.equal(await page.getByLabel('Durée de l’alerte (heures)').count(), 0, 'no duration here: the expiry moves by a renewal');
  await page.getByRole('tab', { name: 'Français' }).click();
  await page.locator('#text-fr-MA-headline').fill('Disparu à Rabat : Yassine, vu près de la gare');
  await page.locator('select[name="update-kind"]').selectOption('sighting');
  await snap(page, 'alert-update');
  await page.getByTestId('publish-update').click();
  await page.waitForURL(/\/alerts\/[0-9a-f-]{36}$/);
  const updated = await h.t.store.db.selectFrom('alerts').select(['current_version', 'expires_at']).where('id', '=', running.alertId).executeTakeFirstOrThrow();
  assert.equal(updated.current_version, before.current_version + 1, 'one new version');
  const version = await h.t.store.db.selectFrom('alert_versions').selectAll().where('alert_id', '=', running.alertId).where('version', '=', updated.current_version).executeTakeFirstOrThrow();
  assert.equal(version.update_kind, 'sighting');
  assert.equal(JSON.stringify(version).includes('vu près de la gare'), true, 'the edited headline is in the new version');
  assert.equal(updated.expires_at?.getTime(), before.expires_at.getTime(), 'an update leaves the expiry');

  // Central command renews by 48 hours, with a reason.
  const central = await createStaff(h, 'central_command', 'MA', { displayName: 'Commandement Karim' });
  const cc = await openAs(h, central, { path: `/alerts/${running.alertId}` });
  await snap(cc.page, 'alert-board-actions');
  await setLang(cc.page, 'fr');
  await cc.page.getByTestId('renew').click();
  await cc.page.locator('select[name="renew-hours"]').selectOption('48');
  assert.ok(await cc.page.getByTestId('confirm-renew').isDisabled(), 'a written reason is needed');
  await cc.page.locator('textarea[name="renew-reason"]').fill('Témoignages récents à Salé : la recherche continue.');
  await cc.page.screenshot({ path: `${SCREENSHOTS}/alert-renew-confirm-fr.png` });
  await cc.page.getByTestId('confirm-renew').click();
  await cc.page.getByTestId('action-done').waitFor();
  const renewed = await h.t.store.db.selectFrom('alerts').select(['expires_at']).where('id', '=', running.alertId).executeTakeFirstOrThrow();
  assert.ok(renewed.expires_at && renewed.expires_at.getTime() >= before.expires_at.getTime() + 48 * 3_600_000, 'the expiry moved 48 hours later');
  await cc.context.close();

  // The officer withdraws it: ended everywhere with the neutral notice, the case stays open.
  await page.reload();
  await page.getByTestId('withdraw').click();
  await page.locator('textarea[name="withdraw-reason"]').fill('Signalement retiré : l’enfant est chez son père, garde partagée.');
  await page.getByTestId('confirm-withdraw').click();
  await page.locator('[data-testid="alert-state"][data-state="ended"]').waitFor({ timeout: 60_000 });
  await page.getByTestId('retraction').waitFor({ timeout: 60_000 });
  const ended = await h.t.store.db.selectFrom('alerts').select(['state', 'end_outcome']).where('id', '=', running.alertId).executeTakeFirstOrThrow();
  assert.deepEqual([ended.state, ended.end_outcome], ['ended', 'withdrawn']);
  const c = await h.t.store.db.selectFrom('cases').select(['status']).where('id', '=', running.caseId).executeTakeFirstOrThrow();
  assert.equal(c.status, 'open', 'withdrawing the alert does not close the case');
  await context.close();
});

test('two officers edit the same case: the second gets a clear conflict, merges, and both changes survive', { skip: skipWithoutChromium }, async () => {
  const { caseId } = await seeder.openCase({ given: 'Aya' });
  const colleague = await createStaff(h, 'officer', 'MA-RAB', { displayName: 'Officière Leila' });
  const a = await openAs(h, officer, { path: `/cases/${caseId}` });
  const b = await openAs(h, colleague, { path: `/cases/${caseId}` });
  for (const p of [a.page, b.page]) {
    await p.getByTestId('edit-case').click();
    await p.locator('[name="narrative"]').waitFor();
  }

  await a.page.locator('[name="narrative"]').fill('Vue en dernier devant la médiathèque, selon un voisin.');
  await a.page.getByTestId('save-case').click();
  await a.page.getByTestId('edit-case').waitFor();

  await b.page.locator('[name="neighbourhood"]').fill('Hay Riad');
  await b.page.getByTestId('save-case').click();
  await b.page.getByTestId('conflict').waitFor();
  await snap(b.page, 'edit-conflict');
  await b.page.getByTestId('conflict-rebase').click();
  assert.equal(await b.page.locator('[name="narrative"]').inputValue(), 'Vue en dernier devant la médiathèque, selon un voisin.', "the other officer's change is kept");
  assert.equal(await b.page.locator('[name="neighbourhood"]').inputValue(), 'Hay Riad', 'and mine is applied on top');
  await b.page.getByTestId('save-case').click();
  await b.page.getByTestId('edit-case').waitFor();
  const saved = await b.page.locator('main').innerText();
  assert.match(saved, /médiathèque/);
  assert.match(saved, /Hay Riad/);
  await a.context.close();
  await b.context.close();
});

test('the auditor verifies the chain and searches the log; an officer has no audit view', { skip: skipWithoutChromium }, async () => {
  const auditor = await createStaff(h, 'auditor', 'MA', { displayName: 'Auditrice Salma' });
  const { context, page } = await openAs(h, auditor, { path: '/audit' });
  await page.getByTestId('verify').click();
  await page.locator('[data-testid="verification"][data-ok="true"]').waitFor();
  await page.locator('input[dir="ltr"]').nth(3).fill('case.');
  await page.getByTestId('audit-search').click();
  const entries = page.getByTestId('audit-entries');
  await entries.waitFor();
  assert.ok((await entries.locator('tbody tr').count()) > 0);
  assert.match(await entries.innerText(), /case\.(create|update|close)/);
  await snap(page, 'audit');
  await context.close();

  const o = await openAs(h, officer);
  assert.equal(await o.page.getByRole('link', { name: 'سجل التدقيق' }).count(), 0);
  await o.context.close();
});

test('the dashboard and the alert board fit a tablet in portrait, in both languages', { skip: skipWithoutChromium }, async () => {
  const { context, page } = await openAs(h, officer, { viewport: TABLET });
  for (const path of ['/', `/alerts/${active.alertId}`]) {
    await page.goto(`${h.base}/console${path}`);
    await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
    for (const lang of ['ar', 'fr'] as const) {
      await setLang(page, lang);
      const overflow = await inPage<number>(page, 'document.documentElement.scrollWidth - document.documentElement.clientWidth');
      assert.ok(overflow <= 1, `${path} in ${lang}: no sideways scrolling on a 768 px tablet (overflow ${overflow}px)`);
    }
    await page.screenshot({ path: `${SCREENSHOTS}/tablet${path === '/' ? '-dashboard' : '-alert-board'}-fr.png`, fullPage: true });
  }
  await context.close();
});
