import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadZoneGeography } from '../zone/zone-geography.test-support.ts';
import type { ZoneGeography } from '../zone/zone.ts';
import { CONSENT_WORDINGS } from './consent-wording.ts';
import { decimalOf, type SubscriptionRequest, validateSubscriptionRequest } from './subscription-request.ts';

let geo: ZoneGeography;
before(async () => {
  geo = await loadZoneGeography();
});

const ALL = ['email', 'sms', 'whatsapp', 'webpush'] as const;
const sms: SubscriptionRequest = {
  channel: 'sms',
  phone: '06 12 34 56 78',
  areaKind: 'circle',
  lat: '33,5731',
  lon: '-7.5898',
  radiusKm: '10',
  languages: ['fr-MA', 'ar-MA'],
  quietStart: '22:00',
  quietEnd: '07:00',
  consent: true,
  consentVersion: CONSENT_WORDINGS.sms.version,
  language: 'fr-MA',
};
const codes = (req: SubscriptionRequest, offered: readonly (typeof ALL)[number][] = ALL) => {
  const r = validateSubscriptionRequest(req, geo, offered);
  return r.ok ? [] : r.problems.map((p) => `${p.field}:${p.code}`);
};

test('a complete SMS sign-up: E.164 number, circle with cells, languages in canonical order, quiet hours', () => {
  const r = validateSubscriptionRequest(sms, geo, ALL);
  assert.ok(r.ok);
  assert.equal(r.value.address, '+212612345678');
  assert.deepEqual(r.value.area, { kind: 'circle', lat: 33.573, lon: -7.59, radiusKm: 10 });
  assert.ok(r.value.cells.length > 0);
  assert.deepEqual(r.value.languages, ['ar-MA', 'fr-MA']);
  assert.deepEqual(r.value.quietHours, { start: '22:00', end: '07:00' });
  assert.equal(r.value.pushKeys, null);
});

test('every problem is reported at once, on its field', () => {
  assert.deepEqual(
    codes({ ...sms, phone: '0522123456', lat: '40.4', lon: '-3.7', radiusKm: '80', languages: [], quietStart: '22:00', quietEnd: '', consent: false }),
    ['phone:phone_not_mobile', 'lat:point_outside_morocco', 'radiusKm:radius_out_of_range', 'languages:languages_none', 'quietHours:quiet_hours_incomplete', 'consent:consent_missing'],
  );
  assert.deepEqual(codes({ ...sms, channel: 'fax' }), ['channel:channel_unknown']);
  assert.deepEqual(codes({ ...sms, areaKind: 'world' }), ['areaKind:area_kind']);
  assert.deepEqual(codes({ ...sms, languages: ['en-US'] }), ['languages:language_unknown']);
  assert.deepEqual(codes({ ...sms, quietStart: '07:00', quietEnd: '22:00' }), ['quietHours:quiet_hours_invalid'], 'more than 12 hours');
  assert.deepEqual(codes({ ...sms, quietStart: '25:00', quietEnd: '07:00' }), ['quietHours:quiet_hours_invalid']);
  assert.deepEqual(codes({ ...sms, consentVersion: 'sms-2020-01-v0' }), ['consent:consent_outdated']);
  assert.deepEqual(codes({ ...sms, lat: 'abc', lon: '' }), ['lat:lat_invalid', 'lon:lon_invalid']);
});

test('a channel without a provider on this server is refused; the address of another channel is not read', () => {
  assert.deepEqual(codes(sms, ['email']), ['channel:channel_unavailable']);
  assert.deepEqual(codes({ ...sms, channel: 'email', email: 'amina@example.ma', phone: 'garbage', consentVersion: CONSENT_WORDINGS.email.version }), []);
  assert.deepEqual(codes({ ...sms, channel: 'email', email: 'amina@', consentVersion: CONSENT_WORDINGS.email.version }), ['email:email_invalid']);
});

test('Web Push needs the subscription the page script makes', () => {
  const push = { ...sms, channel: 'webpush', consentVersion: CONSENT_WORDINGS.webpush.version };
  assert.deepEqual(codes(push), ['push:push_needs_script']);
  assert.deepEqual(codes({ ...push, push: { endpoint: 'https://x.test/1', keys: { p256dh: 'x', auth: 'y' } } }), ['push:push_invalid']);
});

test('provinces by checkbox; decimals with a comma or a point', () => {
  assert.deepEqual(codes({ ...sms, areaKind: 'provinces', provinces: ['MA-CAS', 'MA-RAB'] }), []);
  assert.deepEqual(codes({ ...sms, areaKind: 'provinces', provinces: ['MA-CAS', 'MA-XYZ'] }), ['provinces:province_unknown']);
  assert.equal(decimalOf('33,57'), 33.57);
  assert.equal(decimalOf(' -7.5898 '), -7.5898);
  assert.ok(Number.isNaN(decimalOf('1e3')));
  assert.ok(Number.isNaN(decimalOf('0x10')));
  assert.ok(Number.isNaN(decimalOf(undefined)));
});
