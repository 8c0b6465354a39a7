/**
 * No server-side fetch of user-supplied URLs (issue #8, point 6).
 * - Every place in src/ that opens a network connection is listed here with where its destination comes
 *   from; a new one fails this test until someone states it. Only one destination is chosen by
 *   strangers: a browser's Web Push endpoint.
 * - That one is vetted: https only (http on loopback only when allowed), and the connection is made only
 *   to public unicast addresses, checked on the very addresses the name resolves to: private, loopback,
 *   link-local (cloud metadata), CGNAT, multicast, unique-local and IPv4-wrapping IPv6 are refused as
 *   permanent `webpush_blocked_endpoint`, and no request leaves.
 * - Loopback is allowed for the tests' push service only: WEBPUSH_ALLOW_LOOPBACK is refused in production.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LookupAddress } from 'node:dns';
import webpush from 'web-push';
import { createWebPushChannel } from '../../src/adapters/channels/webpush/webpush.channel.ts';
import type { Delivery, Recipient } from '../../src/app/distribution/channel-port.ts';
import { isAllowedAddress } from '../../src/platform/outbound-address.ts';
import { loadConfig } from '../../src/config/config.ts';
import { yasmine, NOW } from '../../src/http/public/public-alert-fixtures.test-support.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { outboundAlert } from '../peers/outbound-alert.ts';
import { startWebPushPeer, type WebPushPeer } from '../peers/webpush-peer.ts';
import { failureOf } from '../support/delivery-failure.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Server-side code that connects somewhere, and where the destination comes from. */
const OUTBOUND: Readonly<Record<string, string>> = {
  'src/adapters/channels/meta-graph/graph-client.ts': 'GRAPH_BASE_URL (configuration), fixed API paths, configured page and account ids',
  'src/adapters/channels/whatsapp/whatsapp.channel.ts': 'WHATSAPP_BASE_URL and the phone number id (configuration)',
  'src/adapters/channels/webhook/partner-http.ts': 'PARTNER_WEBHOOKS and META_PARTNER_URL (configuration, set by the operator)',
  'src/adapters/channels/email/mailer.ts': 'SMTP_URL (configuration); e-mail addresses are envelope data, never hosts we connect to',
  'src/adapters/channels/sms/smpp-session.ts': 'SMPP_URL (configuration)',
  'src/adapters/channels/webpush/webpush.channel.ts': 'USER-SUPPLIED push endpoint: push-endpoint.ts, then guardedLookup (platform/outbound-address.ts)',
};
const CONNECTS = /\bfetch\s*\(|\bhttps?\.(?:request|get)\s*\(|\btransport\.request\s*\(|\b(?:net|tls)\.connect\s*\(|\bcreateConnection\s*\(|\bcreateTransport\s*\(|\bsmpp\.connect\s*\(|\bnew\s+WebSocket\s*\(|\bnew\s+(?:Agent|Dispatcher)\s*\(/;
/** Scripts the public site sends to browsers: their fetch() runs on the visitor's device, same origin. */
const BROWSER_CODE = /^src\/http\/public\/[a-z-]*scripts?\.ts$/;

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await sourceFiles(rel)));
    else if (/\.(ts|js|mjs)$/.test(entry.name) && !/\.test\.ts$|test-support\.ts$|\.d\.ts$/.test(entry.name)) out.push(rel);
  }
  return out;
}

const withoutComments = (code: string): string => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

test('every server-side network connection in src/ is listed with where its destination comes from', async () => {
  const found: string[] = [];
  for (const file of await sourceFiles('src')) {
    if (BROWSER_CODE.test(file)) continue;
    if (CONNECTS.test(withoutComments(await readFile(path.join(ROOT, file), 'utf8')))) found.push(file);
  }
  const unlisted = found.filter((f) => !(f in OUTBOUND));
  assert.deepEqual(unlisted, [], 'new outbound connections: state where their destination comes from (never a user-supplied URL unless vetted like Web Push)');
  assert.deepEqual(Object.keys(OUTBOUND).filter((f) => !found.includes(f)), [], 'listed files that no longer connect anywhere');
  // The scanner sees what it looks for.
  assert.ok(CONNECTS.test('await fetch(url)') && CONNECTS.test('https.request(u, o)') && !CONNECTS.test(withoutComments('// fetch(x)')));
});

test('public unicast addresses are allowed; private, loopback, link-local, CGNAT, multicast and wrapped addresses are not', () => {
  const closed = { allowLoopback: false };
  for (const ok of ['8.8.8.8', '93.184.216.34', '142.250.74.110', '2606:4700:4700::1111', '2a00:1450:4007:80e::200a']) assert.equal(isAllowedAddress(ok, closed), true, ok);
  for (const bad of [
    '127.0.0.1', '127.8.9.10', '::1', '10.0.0.7', '172.16.4.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '224.0.0.1', '255.255.255.255', '198.18.0.1', '192.0.2.10', 'fd00::1', 'fc12:3456::1', 'fe80::1', 'ff02::1', '::', '::ffff:127.0.0.1',
    '::ffff:10.0.0.1', '64:ff9b::a00:1', '2002:a00:1::1', '2001:0:4136:e378::1', 'not-an-ip', '',
  ]) assert.equal(isAllowedAddress(bad, closed), false, bad);
  assert.equal(isAllowedAddress('127.0.0.1', { allowLoopback: true }), true);
  assert.equal(isAllowedAddress('10.0.0.7', { allowLoopback: true }), false, 'allowing loopback allows nothing else');
});

let peer: WebPushPeer;
const vapid = webpush.generateVAPIDKeys();
const config = { publicKey: vapid.publicKey, privateKey: vapid.privateKey, subject: 'mailto:alertes@tifli.test' };
const clock = new ManualClock(NOW);

before(async () => {
  peer = await startWebPushPeer();
});
after(() => peer.close());

function delivery(endpoint: string, keys: { p256dh: string; auth: string }): Delivery {
  const recipient: Recipient = { key: 'sub-1', address: endpoint, language: 'fr-MA', pushKeys: keys, unsubscribeUrl: 'https://tifli.test/u?t=x' };
  return { idempotencyKey: 'k-1', message: outboundAlert(yasmine()), recipient, previousRefs: [], signal: AbortSignal.timeout(5000) };
}

test('a Web Push endpoint whose name resolves to a non-public address is refused before any connection', async () => {
  const answers: Record<string, readonly LookupAddress[]> = {
    'push.private.test': [{ address: '10.1.2.3', family: 4 }],
    'push.metadata.test': [{ address: '169.254.169.254', family: 4 }],
    'push.loopback.test': [{ address: '127.0.0.1', family: 4 }],
    'push.ula.test': [{ address: 'fd00::1', family: 6 }],
    'push.mapped.test': [{ address: '::ffff:127.0.0.1', family: 6 }],
    // One bad address spoils the name: a resolver cannot slip a private one in beside a public one.
    'push.mixed.test': [{ address: '93.184.216.34', family: 4 }, { address: '192.168.0.10', family: 4 }],
  };
  const asked: string[] = [];
  const channel = createWebPushChannel(config, {
    clock,
    allowLoopback: false,
    resolve: async (hostname) => {
      asked.push(hostname);
      const a = answers[hostname];
      if (!a) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
      return a;
    },
  });
  const keys = peer.subscribe().keys;
  const before = peer.requests.length;
  for (const host of Object.keys(answers)) {
    assert.deepEqual(await failureOf(channel.deliver(delivery(`https://${host}/push/abc`, keys))), { kind: 'permanent', code: 'webpush_blocked_endpoint' }, host);
  }
  assert.deepEqual(asked, Object.keys(answers), 'each name was resolved once, and that answer was the one vetted');
  // IP literals never go through a resolver: they are vetted as they are.
  for (const endpoint of ['https://10.0.0.1/push/x', 'https://169.254.169.254/latest/meta-data', 'https://[fd00::1]/x', 'https://[::ffff:7f00:1]/x', 'https://127.0.0.1/x', 'https://[::1]/x']) {
    assert.deepEqual(await failureOf(channel.deliver(delivery(endpoint, keys))), { kind: 'permanent', code: 'webpush_blocked_endpoint' }, endpoint);
  }
  // The tests' own push service on loopback is refused too when loopback is not allowed (production).
  const sub = peer.subscribe({ applicationServerKey: vapid.publicKey });
  assert.equal((await failureOf(channel.deliver(delivery(sub.endpoint, sub.keys)))).kind, 'permanent');
  assert.equal(peer.requests.length, before, 'no request reached any server');
});

test('with loopback allowed (tests only), the push service on loopback is reached; a public name still resolves through the guard', async () => {
  const channel = createWebPushChannel(config, { clock, allowLoopback: true });
  const sub = peer.subscribe({ applicationServerKey: vapid.publicKey });
  const receipt = await channel.deliver(delivery(sub.endpoint, sub.keys));
  assert.ok(receipt.providerRef?.startsWith(peer.origin));
  assert.equal(peer.requestsTo(sub.endpoint).length, 1);
  const strict = createWebPushChannel(config, { clock, allowLoopback: true, resolve: async () => [{ address: '10.9.9.9', family: 4 }] });
  assert.equal((await failureOf(strict.deliver(delivery('https://push.example.test/x', sub.keys)))).code, 'webpush_blocked_endpoint', 'allowing loopback allows nothing else');
});

test('WEBPUSH_ALLOW_LOOPBACK: on by default outside production, off in production, and refused there', () => {
  const base = { MASTER_KEYS: `k1:${Buffer.alloc(32, 3).toString('base64')}` };
  assert.equal(loadConfig({ ...base, NODE_ENV: 'test' }).webPushAllowLoopback, true);
  assert.equal(loadConfig({ ...base, NODE_ENV: 'test', WEBPUSH_ALLOW_LOOPBACK: 'false' }).webPushAllowLoopback, false);
  assert.equal(loadConfig({ ...base, NODE_ENV: 'production' }).webPushAllowLoopback, false);
  assert.throws(() => loadConfig({ ...base, NODE_ENV: 'production', WEBPUSH_ALLOW_LOOPBACK: 'true' }), /WEBPUSH_ALLOW_LOOPBACK/);
});
