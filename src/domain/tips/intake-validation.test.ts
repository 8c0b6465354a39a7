import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateTipInput, type TipInput } from './intake-validation.ts';
import { moroccoWallTime, parseSeenAt } from './tip-time.ts';
import { TIP_FIELD_LIMITS } from './tip-fields.ts';

const NOW = new Date('2026-11-23T15:00:00Z');
const MOROCCO = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Africa/Casablanca', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
/** Morocco's wall-clock time of an instant, as a datetime-local value (from the runtime's time-zone data). */
const wallOf = (at: Date) => MOROCCO.format(at).replace(' ', 'T');
const codes = (input: TipInput) => {
  const r = validateTipInput(input, NOW);
  return r.ok ? [] : r.problems.map((p) => `${p.field}:${p.code}`);
};

test('a full tip from the form becomes a clean draft; Morocco time becomes UTC', () => {
  const r = validateTipInput(
    { seen: '  Une fille en survêtement rouge\r\nprès de la gare  ', seenAt: wallOf(new Date('2026-11-23T13:30:00Z')), place: 'Gare\troutière', lat: '34.02091', lon: '-6.84163', name: 'Amina', phone: '06 12 34 56 78', contactConsent: 'yes', lang: 'fr', version: '2' },
    NOW,
  );
  assert.ok(r.ok);
  assert.deepEqual(r.draft, {
    seen: 'Une fille en survêtement rouge\nprès de la gare',
    seenAt: new Date('2026-11-23T13:30:00Z'),
    place: 'Gare routière',
    point: { lat: 34.02091, lon: -6.84163 },
    contact: { name: 'Amina', phone: '+212612345678', callbackConsent: true, whatsappSender: false },
    language: 'fr',
    alertVersion: 2,
  });
});

test('only what was seen is required; empty fields are absent', () => {
  const r = validateTipInput({ seen: 'vu', seenAt: '', place: '', lat: '', lon: '', name: '', phone: '', contactConsent: '', lang: '', version: '' }, NOW);
  assert.ok(r.ok);
  assert.deepEqual(r.draft, { seen: 'vu', seenAt: null, place: null, point: null, contact: null, language: null, alertVersion: null });
  assert.deepEqual(codes({}), ['seen:seen_required']);
  assert.deepEqual(codes({ seen: '   \n\t ' }), ['seen:seen_required']);
});

test('every text field is bounded in characters, Arabic and emoji counted as one', () => {
  assert.deepEqual(codes({ seen: 'ب'.repeat(TIP_FIELD_LIMITS.seen) }), []);
  assert.deepEqual(codes({ seen: '😀'.repeat(TIP_FIELD_LIMITS.seen) }), []);
  assert.deepEqual(codes({ seen: 'x'.repeat(TIP_FIELD_LIMITS.seen + 1) }), ['seen:too_long']);
  assert.deepEqual(codes({ seen: 'x', place: 'p'.repeat(TIP_FIELD_LIMITS.place + 1) }), ['place:too_long']);
  assert.deepEqual(codes({ seen: 'x', name: 'n'.repeat(TIP_FIELD_LIMITS.name + 1), contactConsent: 'yes' }), ['name:too_long']);
  assert.deepEqual(codes({ seen: 'x'.repeat(10_000_000) }), ['seen:too_long']);
});

test('control characters, lone surrogates and non-text values are refused, not stored', () => {
  for (const seen of ['a\u0000b', 'a\u001bb', 'a\u0085b', 'a\ud800b', 'a\udc00', '\uffff']) assert.deepEqual(codes({ seen }), ['seen:text_invalid'], JSON.stringify(seen));
  assert.deepEqual(codes({ seen: ['a', 'b'] }), ['seen:text_invalid']);
  assert.deepEqual(codes({ seen: { $gt: '' } }), ['seen:text_invalid']);
  assert.deepEqual(codes({ seen: 42 }), ['seen:text_invalid']);
  // Composed and decomposed accents are stored alike (NFC).
  const a = validateTipInput({ seen: 'e\u0301' }, NOW);
  assert.ok(a.ok && a.draft.seen === '\u00e9');
  // Script is text like any other: it is stored as typed and escaped wherever it is shown.
  const s = validateTipInput({ seen: '<script>alert(1)</script>' }, NOW);
  assert.ok(s.ok && s.draft.seen === '<script>alert(1)</script>');
});

test('seen-at: Morocco wall time or an instant with offset, not in the future, not over a year ago', () => {
  assert.deepEqual(codes({ seen: 'x', seenAt: wallOf(new Date('2026-11-23T15:04:00Z')) }), [], 'within the clock skew');
  assert.deepEqual(codes({ seen: 'x', seenAt: wallOf(new Date('2026-11-23T15:10:00Z')) }), ['seenAt:seen_at_future']);
  assert.deepEqual(codes({ seen: 'x', seenAt: '2025-11-01T10:00' }), ['seenAt:seen_at_too_old']);
  for (const seenAt of ['hier', '2026-02-30T10:00', '2026-11-23 14:30', '2026-11-23T25:00', '2026-11-23T14:30+25:00', 'x'.repeat(100), 12]) {
    assert.deepEqual(codes({ seen: 'x', seenAt }), ['seenAt:seen_at_invalid'], String(seenAt));
  }
  const r = validateTipInput({ seen: 'x', seenAt: '2026-11-23T12:00:00Z' }, NOW);
  assert.ok(r.ok && r.draft.seenAt?.toISOString() === '2026-11-23T12:00:00.000Z');
});

test('Morocco wall time is read in Africa/Casablanca, across its changes of offset (Ramadan)', () => {
  // Every hour of 2026: the wall time of an instant reads back as that instant (the runtime's tz data
  // decides the offsets; a wall time skipped by a change has no instant and lands an hour on).
  for (let at = Date.UTC(2026, 0, 1); at < Date.UTC(2027, 0, 1); at += 3_600_000) {
    const wall = wallOf(new Date(at));
    const back = moroccoWallTime(wall);
    assert.ok(back, wall);
    assert.equal(wallOf(back), wall, `${new Date(at).toISOString()} → ${wall}`);
  }
  assert.equal(parseSeenAt('2026-03-01T12:00:00+01:00')?.toISOString(), '2026-03-01T11:00:00.000Z');
  assert.equal(moroccoWallTime('2026-13-01T12:00'), undefined);
  assert.equal(moroccoWallTime('2026-02-29T12:00'), undefined);
});

test('a point needs both coordinates within range; phone becomes E.164; contact needs the consent', () => {
  assert.deepEqual(codes({ seen: 'x', lat: '34.0' }), ['point:point_invalid']);
  assert.deepEqual(codes({ seen: 'x', lat: '91', lon: '0' }), ['point:point_invalid']);
  assert.deepEqual(codes({ seen: 'x', lat: 'NaN', lon: '0' }), ['point:point_invalid']);
  assert.deepEqual(codes({ seen: 'x', lat: '1e2', lon: '0' }), ['point:point_invalid']);
  const json = validateTipInput({ seen: 'x', lat: 33.5731, lon: -7.5898, contactConsent: true, phone: '+33 6 12 34 56 78' }, NOW);
  assert.ok(json.ok);
  assert.deepEqual(json.draft.point, { lat: 33.5731, lon: -7.5898 });
  assert.equal(json.draft.contact?.phone, '+33612345678');
  assert.deepEqual(codes({ seen: 'x', phone: '0612345678' }), ['contactConsent:consent_required']);
  assert.deepEqual(codes({ seen: 'x', name: 'Amina' }), ['contactConsent:consent_required']);
  assert.deepEqual(codes({ seen: 'x', phone: 'call me', contactConsent: 'yes' }), ['phone:phone_invalid']);
  assert.deepEqual(codes({ seen: 'x', phone: '123', contactConsent: 'yes' }), ['phone:phone_invalid']);
  assert.deepEqual(codes({ seen: 'x', contactConsent: 'maybe' }), ['contactConsent:consent_invalid']);
  // Consent without any contact keeps no contact.
  const r = validateTipInput({ seen: 'x', contactConsent: 'yes' }, NOW);
  assert.ok(r.ok && r.draft.contact === null);
  // A landline is fine for a call back.
  const l = validateTipInput({ seen: 'x', phone: '0522 12 34 56', contactConsent: 'on' }, NOW);
  assert.ok(l.ok && l.draft.contact?.phone === '+212522123456');
});

test('language and version are checked; several problems are reported together', () => {
  assert.deepEqual(codes({ seen: 'x', lang: 'en' }), ['lang:lang_invalid']);
  assert.deepEqual(codes({ seen: 'x', version: '0' }), ['version:version_invalid']);
  assert.deepEqual(codes({ seen: 'x', version: '1.5' }), ['version:version_invalid']);
  assert.deepEqual(codes({ seen: '', seenAt: 'nope', phone: 'x', lat: '1' }), ['seen:seen_required', 'seenAt:seen_at_invalid', 'point:point_invalid', 'phone:phone_invalid', 'contactConsent:consent_required']);
});
