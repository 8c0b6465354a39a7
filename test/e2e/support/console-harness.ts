/**
 * The officers' console in a real browser: a test context (fresh database, manual clock set to now),
 * the HTTP app listening on a random port with the console built into dist/console, and headless
 * Chromium. Staff accounts are made with a known password and, for roles that need one, an enrolled
 * authenticator seed, so a test signs in through the console's own screens. Each browser context
 * comes from its own client address (X-Forwarded-For, with TRUST_PROXY on) so the per-address
 * sign-in limit never trips across users.
 *
 * @example
 *   const h = await startConsole();
 *   const officer = await createStaff(h, 'officer', 'MA-RAB');
 *   const { page } = await openAs(h, officer);        // signed in, on the dashboard
 *   await snap(page, 'dashboard');                     // test-artifacts/screenshots/dashboard-ar.png and -fr.png
 *   await h.close();
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ensureConsoleBuilt } from '../../../console/build-if-stale.ts';
import { systemActor } from '../../../src/app/accounts/actors.ts';
import { completeEnrolment } from '../../../src/app/accounts/enrolments.ts';
import { currentTotp } from '../../../src/app/accounts/totp.ts';
import { createUser } from '../../../src/app/accounts/users.ts';
import type { Role } from '../../../src/domain/actor.ts';
import { buildHttpApp, type HttpApp } from '../../../src/http/app.ts';
import { SESSION_COOKIE } from '../../../src/http/plugins/session-cookie.ts';
import { ManualClock } from '../../../src/platform/clock.ts';
import { ensureJurisdiction, testClientAddress } from '../../support/auth.ts';
import { createTestContext, type TestContext } from '../../support/test-store.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = 'test-artifacts/screenshots';
export const skipWithoutChromium = existsSync(CHROMIUM) ? false : 'Chromium is not installed';
const TOTP_STEP_MS = 30_000;

export interface ConsoleHarness {
  readonly t: TestContext;
  readonly app: HttpApp;
  readonly clock: ManualClock;
  readonly base: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

export interface Staff {
  readonly id: string;
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  readonly jurisdiction: string;
  readonly displayName: string;
  /** The authenticator seed (base32), null for roles without a second factor. */
  readonly totpSecret: string | null;
  /** The last TOTP time step used: a code is accepted once, so the next sign-in needs a later step. */
  lastStep: number;
}

export async function startConsole(options: { readonly env?: Record<string, string> } = {}): Promise<ConsoleHarness> {
  await ensureConsoleBuilt();
  const clock = new ManualClock(new Date());
  const t = await createTestContext({ clock, env: { TRUST_PROXY: 'true', LOG_LEVEL: 'warn', ...options.env } });
  const app = await buildHttpApp(t);
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  await mkdir(SCREENSHOTS, { recursive: true });
  return {
    t,
    app,
    clock,
    base,
    browser,
    async close() {
      await browser.close().catch(() => undefined);
      await app.close();
      await t.close();
    },
  };
}

const stepOf = (clock: ManualClock) => Math.floor(clock.now().getTime() / TOTP_STEP_MS);

/** The next fresh TOTP code for this user, moving the manual clock to a later step when needed. */
export function nextCode(h: ConsoleHarness, user: Staff): string {
  assert.ok(user.totpSecret, `${user.username} has no authenticator`);
  if (stepOf(h.clock) <= user.lastStep) h.clock.advance((user.lastStep + 1 - stepOf(h.clock)) * TOTP_STEP_MS + 1000);
  user.lastStep = stepOf(h.clock);
  return currentTotp(user.totpSecret, h.clock.now());
}

/** A staff account with a known password; roles that need it get an enrolled authenticator (through the API). */
export async function createStaff(h: ConsoleHarness, role: Role, jurisdiction: string, options: { readonly enrolTotp?: boolean; readonly displayName?: string } = {}): Promise<Staff> {
  await ensureJurisdiction(h.t, jurisdiction);
  const username = `${role.replace(/_/g, '-')}-${randomBytes(3).toString('hex')}`;
  const password = `e2e passphrase ${randomBytes(8).toString('base64url')}`;
  const displayName = options.displayName ?? `${role} ${jurisdiction}`;
  const { user, enrolment } = await createUser(h.t, systemActor('e2e'), { username, displayName, role, jurisdiction });
  await completeEnrolment(h.t, enrolment.token, { password }, { ip: '127.0.0.1', userAgent: 'e2e' });
  const staff: Staff = { id: user.id, username, password, role, jurisdiction, displayName, totpSecret: null, lastStep: 0 };
  if (options.enrolTotp === false) return staff;

  const remoteAddress = testClientAddress();
  const login = await h.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password } });
  assert.equal(login.statusCode, 200, login.body);
  if (login.json<{ stage: string }>().stage !== 'enrol_second_factor') return staff;
  const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE);
  const headers = { cookie: `${SESSION_COOKIE}=${cookie?.value ?? ''}`, 'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken };
  const enrol = await h.app.inject({ method: 'POST', url: '/api/auth/second-factor/enrol', remoteAddress, headers });
  assert.equal(enrol.statusCode, 200, enrol.body);
  const withSecret: Staff = { ...staff, totpSecret: enrol.json<{ secret: string }>().secret };
  const confirm = await h.app.inject({ method: 'POST', url: '/api/auth/second-factor/confirm', remoteAddress, headers, payload: { code: nextCode(h, withSecret) } });
  assert.equal(confirm.statusCode, 200, confirm.body);
  return withSecret;
}

export interface Viewport {
  readonly width: number;
  readonly height: number;
}
export const LAPTOP: Viewport = { width: 1366, height: 768 };
export const TABLET: Viewport = { width: 768, height: 1024 };

/** A fresh browser context (its own cookies, storage and client address). */
export async function newContext(h: ConsoleHarness, viewport: Viewport = LAPTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await h.browser.newContext({ viewport, extraHTTPHeaders: { 'x-forwarded-for': testClientAddress() }, locale: 'ar-MA', timezoneId: 'Africa/Casablanca' });
  // The machine running the suite may be busy with other test files: each step may wait this long.
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  const trail: string[] = [];
  trails.set(page, trail);
  page.on('response', (r) => void trail.push(`${new Date().toISOString().slice(11, 23)} ${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`));
  page.on('requestfailed', (r) => void trail.push(`${new Date().toISOString().slice(11, 23)} ${r.method()} ${new URL(r.url()).pathname} failed: ${r.failure()?.errorText ?? '?'}`));
  page.on('pageerror', (e) => void trail.push(`page error: ${e.message}`));
  return { context, page };
}

/** Each page's last requests: a wait that times out says what the console asked and was answered. */
const trails = new WeakMap<Page, string[]>();

/**
 * Waits for the signed-in frame; if it never comes, fails with what the screen shows instead (its
 * problem boxes and path) and the page's last twenty API answers.
 */
export async function signedIn(page: Page): Promise<void> {
  try {
    await page.getByTestId('whoami').waitFor();
  } catch (err) {
    const problems = await page.locator('.problem').allInnerTexts().catch(() => []);
    const heading = await page.locator('h1, h2').allInnerTexts().catch(() => []);
    const trail = (trails.get(page) ?? []).slice(-20).join('\n  ');
    throw new Error(`the signed-in frame did not appear on ${page.url()}; headings ${JSON.stringify(heading)}; problems ${JSON.stringify(problems)}; last answers:\n  ${trail}`, { cause: err });
  }
}

/** Fills the sign-in screen (password, then the code) and waits for the signed-in frame. */
export async function signInUi(h: ConsoleHarness, page: Page, user: Staff): Promise<void> {
  await page.locator('input[name="username"]').fill(user.username);
  await page.locator('input[name="password"]').fill(user.password);
  await page.locator('form button[type="submit"]').click();
  if (user.totpSecret) {
    await page.locator('input[name="code"]').waitFor();
    await page.locator('input[name="code"]').fill(nextCode(h, user));
    await page.locator('form button[type="submit"]').click();
  }
  await signedIn(page);
}

/** A new context signed in as `user`, on `path` (the dashboard by default). */
export async function openAs(h: ConsoleHarness, user: Staff, options: { readonly path?: string; readonly viewport?: Viewport } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await newContext(h, options.viewport);
  await page.goto(`${h.base}/console${options.path ?? '/'}`);
  await signInUi(h, page, user);
  return { context, page };
}

/**
 * Runs `expression` in the page. Written as source text: this project's TypeScript has no DOM types
 * (it is a server), so page-side code is not type-checked here.
 */
export async function inPage<T>(page: Page, expression: string): Promise<T> {
  const value: unknown = await page.evaluate(expression);
  return value as T;
}

/** Whether the first <img> matched by `selector` loads a real image (within 60 s). */
export async function imageLoaded(page: Page, selector: string): Promise<boolean> {
  // The console's images load lazily: bring this one into view, as the officer's eye would.
  await page.locator(selector).first().scrollIntoViewIfNeeded();
  const check = `(() => { const img = document.querySelector(${JSON.stringify(selector)}); return !!img && img.complete && img.naturalWidth > 0; })()`;
  return page.waitForFunction(check, undefined, { timeout: 60_000 }).then(
    () => true,
    () => false,
  );
}

export async function currentLang(page: Page): Promise<'ar' | 'fr'> {
  return (await page.getAttribute('html', 'lang')) === 'fr' ? 'fr' : 'ar';
}

export async function setLang(page: Page, lang: 'ar' | 'fr'): Promise<void> {
  if ((await currentLang(page)) !== lang) await page.getByTestId('lang-switch').first().click();
  await page.waitForFunction(`document.documentElement.lang === ${JSON.stringify(lang)}`);
}

/** Screenshots of the current screen in Arabic and in French, leaving the page in the language it was in. */
export async function snap(page: Page, name: string): Promise<void> {
  const was = await currentLang(page);
  for (const lang of ['ar', 'fr'] as const) {
    await setLang(page, lang);
    assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr', `${name}: direction in ${lang}`);
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${lang}.png`, fullPage: true });
  }
  await setLang(page, was);
}
