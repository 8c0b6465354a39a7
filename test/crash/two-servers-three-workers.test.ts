/**
 * Horizontal scale (issue #9, point 1): two `tifli serve` processes and three `tifli worker` processes
 * share one PostgreSQL and take one alert from intake to withdrawal, each step on whichever server
 * the user happens to reach. The officer opens the case on server A; the supervisor, central command
 * and the prosecutor liaison decide on server B; the WhatsApp peer's status webhooks land on B; the
 * officer closes the case on B. The workers fan the alert out to WhatsApp and e-mail subscribers, and
 * to a partner's webhook, then withdraw it. The verdict comes from the peers' own records: every
 * subscriber got the alert once and the closing message once, the partner one Alert and one Cancel.
 *
 * PostgreSQL only (several processes share the database).
 *
 * @example
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --test test/crash/two-servers-three-workers.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import sharp from 'sharp';
import { boot, type BootedContext } from '../../src/app/bootstrap.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { systemActor } from '../../src/app/accounts/actors.ts';
import { createUser } from '../../src/app/accounts/users.ts';
import { completeEnrolment } from '../../src/app/accounts/enrolments.ts';
import { currentTotp } from '../../src/app/accounts/totp.ts';
import type { Role } from '../../src/domain/actor.ts';
import { validRecord } from '../../src/domain/case/case-fixtures.test-support.ts';
import { createTestConfig, DEV_MASTER_KEYS } from '../support/test-store.ts';
import { startWhatsAppPeer, whatsappEnv } from '../peers/whatsapp-peer.ts';
import { startSmtpPeer } from '../peers/smtp-peer.ts';
import { startHttpRecorder } from '../peers/http-recorder.ts';
import { insertEmailSubscribers, insertWhatsAppSubscribers } from './bulk-subscribers.ts';
import { TifliProcesses } from './tifli-process.ts';

const WHATSAPP_SUBSCRIBERS = 2_000;
const EMAIL_SUBSCRIBERS = 300;
const RABAT = { lat: 34.0209, lon: -6.8416 };

interface Session {
  readonly base: string;
  readonly headers: Record<string, string>;
}

/** The user is made in the shared database; the sign-in (password, then TOTP enrolment) goes over HTTP to `base`. */
async function signInOver(ctx: BootedContext, base: string, role: Role, jurisdiction: string): Promise<Session> {
  const username = `${role.replace(/_/g, '-')}-${Math.random().toString(36).slice(2, 8)}`;
  const password = `scale test passphrase ${username}`;
  const { enrolment } = await createUser(ctx, systemActor('test'), { username, displayName: `Scale ${role}`, role, jurisdiction });
  await completeEnrolment(ctx, enrolment.token, { password }, { ip: '127.0.0.1', userAgent: 'test' });
  const call = async (path: string, headers: Record<string, string>, body?: unknown) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
    const text = await res.text();
    assert.equal(res.status, 200, `${path}: ${text}`);
    const cookie = /tifli_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
    return { json: JSON.parse(text) as Record<string, unknown>, cookie };
  };
  const login = await call('/api/auth/login', {}, { username, password });
  let headers: Record<string, string> = { cookie: `tifli_session=${login.cookie ?? ''}`, 'x-csrf-token': String(login.json.csrfToken) };
  if (login.json.stage === 'enrol_second_factor') {
    const enrol = await call('/api/auth/second-factor/enrol', headers);
    const confirm = await call('/api/auth/second-factor/confirm', headers, { code: currentTotp(String(enrol.json.secret), new Date()) });
    headers = { cookie: `tifli_session=${confirm.cookie ?? login.cookie ?? ''}`, 'x-csrf-token': String(confirm.json.csrfToken ?? login.json.csrfToken) };
  }
  return { base, headers };
}

async function send<T>(s: Session, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
  const res = await fetch(`${s.base}${path}`, {
    method,
    headers: { ...s.headers, ...(body === undefined ? {} : { 'content-type': contentType }) },
    ...(body === undefined ? {} : { body: Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body) }),
  });
  const text = await res.text();
  assert.ok(res.status < 300, `${method} ${path} on ${s.base}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

test(
  'two servers and three workers take one alert from intake to withdrawal: every delivery exactly once (the peers’ records)',
  { skip: process.env.DATABASE_URL ? false : 'needs PostgreSQL (DATABASE_URL): several processes share the database', timeout: 280_000 },
  async (t) => {
    const procs = new TifliProcesses();
    const whatsapp = await startWhatsAppPeer({ ratePerSecond: 5_000, pairRateMs: 0, autoStatuses: { statuses: ['sent'] }, statusBatch: { size: 100, delayMs: 50 } });
    const smtp = await startSmtpPeer();
    const partner = await startHttpRecorder();
    let ctx: BootedContext | undefined;
    let dropDatabase: (() => Promise<void>) | undefined;
    try {
      const common: Record<string, string> = {
        NODE_ENV: 'test',
        MASTER_KEYS: DEV_MASTER_KEYS,
        PUBLIC_BASE_URL: 'http://tifli.test',
        LOG_LEVEL: 'warn',
        GRAPH_API_VERSION: whatsapp.version,
        ...whatsappEnv(whatsapp, 'scale-test-verify-token'),
        SMTP_URL: smtp.url,
        PARTNER_WEBHOOKS: JSON.stringify([{ id: 'press', url: `${partner.url}/hook`, secret: 'partner-secret-0123456789' }]),
        // Whatever the hour: no quiet hours, and no zone growth (an extra version) during the test.
        ALERT_QUIET_HOURS: 'off',
        ZONE_STEP_MINUTES: String(24 * 60),
      };
      const scratch = await createTestConfig({ ...common, DATABASE_POOL_MAX: '4' });
      dropDatabase = scratch.cleanup;
      assert.equal(scratch.config.database.mode, 'postgres');
      const databaseUrl = scratch.config.database.url;
      ctx = await boot(scratch.config, { log: createLogger('warn'), clock: systemClock });
      const db = ctx.store.db;
      const wa = await insertWhatsAppSubscribers(db, { count: WHATSAPP_SUBSCRIBERS, ...RABAT, prefix: '0' });
      const mail = await insertEmailSubscribers(db, { count: EMAIL_SUBSCRIBERS, ...RABAT });

      const env = { ...common, DATABASE_URL: databaseUrl, DATA_DIR: scratch.dataDir };
      const [a, b] = await Promise.all(['server A', 'server B'].map((label) => procs.start('serve', label, { ...env, JOBS_ENABLED: 'false', HOST: '127.0.0.1', PORT: '0', DATABASE_POOL_MAX: '6' })));
      assert.ok(a && b);
      whatsapp.setCallbackUrl(`http://127.0.0.1:${b.port}/webhooks/whatsapp`);
      const workers = await Promise.all([1, 2, 3].map((n) => procs.start('worker', `worker ${n}`, { ...env, DATABASE_POOL_MAX: '5' })));
      const onA = `http://127.0.0.1:${a.port}`;
      const onB = `http://127.0.0.1:${b.port}`;

      const officerA = await signInOver(ctx, onA, 'officer', 'MA-RAB');
      const officerB: Session = { ...officerA, base: onB };
      const supervisor = await signInOver(ctx, onB, 'supervisor', 'MA-04');
      const central = await signInOver(ctx, onB, 'central_command', 'MA');
      const prosecutor = await signInOver(ctx, onB, 'prosecutor_liaison', 'MA-RAB');

      // Intake on A.
      const opened = await send<{ case: { id: string } }>(officerA, 'POST', '/api/cases', { record: validRecord(), exercise: true });
      const caseId = opened.case.id;
      await send(officerA, 'POST', `/api/cases/${caseId}/assessment`, { publishingEndangersChild: false });
      // Refused when the assessment already found the case eligible: either way the alert may be drafted next.
      await send(officerA, 'POST', `/api/cases/${caseId}/assessment/override`, { reason: 'Disparition inquiétante confirmée.', eligible: true }).catch(() => undefined);
      const jpeg = await sharp({ create: { width: 300, height: 400, channels: 3, background: { r: 180, g: 90, b: 60 } } }).jpeg().toBuffer();
      await send(officerA, 'POST', `/api/cases/${caseId}/photos?publishable=true`, jpeg, 'image/jpeg');
      const draft = await send<{ id: string }>(officerA, 'POST', `/api/cases/${caseId}/alerts`, {});
      await send(officerA, 'POST', `/api/alerts/${draft.id}/request`, {});

      // Decisions on B; the last one publishes.
      await send(supervisor, 'POST', `/api/alerts/${draft.id}/decisions`, { step: 'supervisor_check', outcome: 'approved' });
      await send(central, 'POST', `/api/alerts/${draft.id}/decisions`, { step: 'central_validation', outcome: 'approved' });
      const published = await send<{ state: string }>(prosecutor, 'POST', `/api/alerts/${draft.id}/decisions`, {
        step: 'prosecutor_decision',
        outcome: 'approved',
        prosecutor: { court: 'TPI de Rabat', fileReference: '2026/88', magistrate: 'Substitut', decidedAt: new Date(Date.now() - 60_000).toISOString() },
      });
      assert.equal(published.state, 'active');

      const done = (version: number) => async () => {
        const rows = await db.selectFrom('dispatches').select(['status']).where('alert_id', '=', draft.id).where('version', '=', version).execute();
        return rows.length >= 3 && rows.every((r) => r.status === 'sent' || r.status === 'retracted');
      };
      const started = Date.now();
      await until('every channel delivered the alert', done(1), 150_000);
      t.diagnostic(`publication delivered to ${WHATSAPP_SUBSCRIBERS + EMAIL_SUBSCRIBERS} subscribers and the partner in ${((Date.now() - started) / 1000).toFixed(1)} s`);

      // "Child found" on B: the case closes, the alert ends, the workers withdraw it.
      await send(officerB, 'POST', `/api/cases/${caseId}/close`, { outcome: 'found_safe', reason: 'Retrouvée saine et sauve chez une tante.' });
      const ended = await db.selectFrom('alerts').select(['state', 'current_version']).where('id', '=', draft.id).executeTakeFirstOrThrow();
      assert.equal(ended.state, 'ended');
      await until('every channel withdrew the alert', done(ended.current_version), 150_000);

      // Stop the workers gracefully, then let the last webhooks land before reading the records.
      await Promise.all(workers.map((w) => w.kill('SIGTERM')));
      await whatsapp.settled();

      const waCount = new Map<string, string[]>();
      for (const m of whatsapp.accepted) waCount.set(m.to, [...(waCount.get(m.to) ?? []), m.template]);
      const alertTemplate = whatsapp.accepted.find((m) => m.headerImage)?.template;
      assert.ok(alertTemplate, 'the alert went out on WhatsApp with its poster');
      const wrongWa = wa.addresses.filter((n) => {
        const got = waCount.get(n) ?? [];
        return got.length !== 2 || got.filter((x) => x === alertTemplate).length !== 1;
      });
      assert.equal(wrongWa.length, 0, `${wrongWa.length} WhatsApp subscribers did not get exactly one alert and one closing message (first: ${wrongWa.slice(0, 3).map((n) => `${n}: ${JSON.stringify(waCount.get(n))}`).join('; ')})`);
      assert.equal(whatsapp.accepted.length, 2 * WHATSAPP_SUBSCRIBERS, 'nobody else got a WhatsApp message');

      const mailCount = new Map<string, number>();
      for (const m of smtp.messages) for (const to of m.envelope.to) mailCount.set(to, (mailCount.get(to) ?? 0) + 1);
      const wrongMail = mail.addresses.filter((x) => mailCount.get(x) !== 2);
      assert.equal(wrongMail.length, 0, `${wrongMail.length} e-mail subscribers did not get exactly the alert and the closing message (first: ${wrongMail.slice(0, 3).map((x) => `${x}×${mailCount.get(x) ?? 0}`).join(', ')})`);

      const kinds = partner.requests.map((r) => /<msgType>(\w+)<\/msgType>/.exec(r.body.toString())?.[1]);
      assert.deepEqual(kinds, ['Alert', 'Cancel'], 'the partner got one Alert, then one Cancel');

      const dupes = await db
        .selectFrom('deliveries')
        .innerJoin('dispatches', 'dispatches.id', 'deliveries.dispatch_id')
        .select(['deliveries.status', (eb) => eb.fn.countAll<string>().as('n')])
        .where('dispatches.alert_id', '=', draft.id)
        .groupBy('deliveries.status')
        .execute();
      assert.ok(dupes.every((r) => r.status === 'sent' || r.status === 'skipped'), `deliveries by status: ${JSON.stringify(dupes)}`);
      await Promise.all([a.kill('SIGTERM'), b.kill('SIGTERM')]);
    } finally {
      await procs.killAll();
      await whatsapp.close();
      await smtp.close();
      await partner.close();
      await ctx?.close();
      await dropDatabase?.();
    }
  },
);
