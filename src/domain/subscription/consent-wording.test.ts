import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SUBSCRIPTION_CHANNELS } from '../distribution/channels.ts';
import { CONSENT_WORDINGS, consentRecord, isCurrentWording } from './consent-wording.ts';

test('every channel has a versioned wording in Arabic, French and Tamazight (Tifinagh)', () => {
  const versions = new Set<string>();
  for (const channel of SUBSCRIPTION_CHANNELS) {
    const w = CONSENT_WORDINGS[channel];
    assert.match(w.version, new RegExp(`^${channel}-\\d{4}-\\d{2}-v\\d+$`));
    versions.add(w.version);
    assert.match(w.texts.ar, /\p{Script=Arabic}/u);
    assert.match(w.texts.fr, /^J’accepte/);
    assert.match(w.texts.zgh, /\p{Script=Tifinagh}/u);
    for (const text of Object.values(w.texts)) assert.match(text, /Tifli/, `${channel}: names the service`);
  }
  assert.equal(versions.size, SUBSCRIPTION_CHANNELS.length);
});

test('WhatsApp: the person opts in to messages from the DGSN «Tifli» service on WhatsApp, named in every language', () => {
  const t = CONSENT_WORDINGS.whatsapp.texts;
  assert.match(t.fr, /recevoir sur WhatsApp des messages du service « Tifli » de la DGSN/);
  assert.match(t.ar, /واتساب/);
  assert.match(t.ar, /لمديرية العامة للأمن الوطني/);
  assert.match(t.ar, /«طفلي»/);
  assert.match(t.zgh, /WhatsApp/);
  assert.match(t.zgh, /DGSN/);
  for (const text of Object.values(t)) assert.match(text, /STOP/, 'says how to stop');
});

test('the consent record names time, channel, wording version and language; an outdated version is detected', () => {
  const at = new Date('2026-11-22T10:00:00Z');
  assert.deepEqual(consentRecord('sms', 'fr-MA', at), { at: '2026-11-22T10:00:00.000Z', channel: 'sms', wordingVersion: CONSENT_WORDINGS.sms.version, language: 'fr-MA' });
  assert.equal(isCurrentWording('sms', CONSENT_WORDINGS.sms.version), true);
  assert.equal(isCurrentWording('sms', CONSENT_WORDINGS.email.version), false);
  assert.equal(isCurrentWording('sms', 'sms-2020-01-v1'), false);
  assert.equal(isCurrentWording('sms', undefined), false);
});
