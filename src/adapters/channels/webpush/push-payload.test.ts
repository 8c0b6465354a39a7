/**
 * The notification payload: every language's longest texts fit in 3,000 bytes, the cut never splits a
 * character or a word, the instruction survives whole, and the closing payload keeps the alert's tag.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALERT_LANGUAGES, ALERT_TEXT_LIMITS } from '../../../domain/alert-text/alert-languages.ts';
import { endedAlert, yasmine } from '../../../http/public/public-alert-fixtures.test-support.ts';
import { outboundAlert } from '../../../../test/peers/outbound-alert.ts';
import { encodePushPayload, MAX_PAYLOAD_BYTES, pushPayload, truncateText } from './push-payload.ts';

const repeatTo = (text: string, n: number): string => {
  const points = [...text];
  return Array.from({ length: n }, (_, i) => points[i % points.length]).join('');
};

test('the longest texts of every language fit, the instruction whole and the description cut with "…"', () => {
  const base = yasmine();
  const long = {
    'ar-MA': { ...base.texts['ar-MA'], headline: repeatTo('طفلة مختفية في الدار البيضاء ', ALERT_TEXT_LIMITS.headline), description: repeatTo('كانت ترتدي وزرة مدرسية بيضاء. ', ALERT_TEXT_LIMITS.description), instruction: repeatTo('لا تتدخلوا بأنفسكم. اتصلوا بالرقم 19. ', ALERT_TEXT_LIMITS.instruction) },
    'fr-MA': { ...base.texts['fr-MA'], headline: repeatTo('Disparue à Casablanca "fillette" ', ALERT_TEXT_LIMITS.headline), description: repeatTo('Elle portait un tablier "blanc".\n', ALERT_TEXT_LIMITS.description), instruction: repeatTo('N’intervenez pas. Appelez le 19. ', ALERT_TEXT_LIMITS.instruction) },
    'zgh-Tfng': { ...base.texts['zgh-Tfng'], headline: repeatTo('ⵜⴰⵔⴱⴰⵜ ⵉⵊⵍⴰⵏ ⴳ ⴰⵏⴼⴰ ', ALERT_TEXT_LIMITS.headline), description: repeatTo('ⵜⵍⵙⴰ ⵜⴰⴱⵍⵓⵣⵜ ⵜⴰⵎⵍⵍⴰⵍⵜ. ', ALERT_TEXT_LIMITS.description), instruction: repeatTo('ⵓⵔ ⵜⵜⴽⵛⵛⴰⵎ. ⵖⵔ 19. ', ALERT_TEXT_LIMITS.instruction) },
  };
  const message = outboundAlert(yasmine({ texts: long, exercise: true }));
  for (const lang of ALERT_LANGUAGES) {
    const payload = pushPayload(message, lang);
    const json = encodePushPayload(payload);
    assert.ok(Buffer.byteLength(json) <= MAX_PAYLOAD_BYTES, `${lang}: ${Buffer.byteLength(json)} bytes`);
    assert.ok(Buffer.byteLength(json) > MAX_PAYLOAD_BYTES - 64, `${lang}: the room is used`);
    assert.ok(payload.body.endsWith(`…\n\n${long[lang].instruction.trim()}`), lang);
    assert.ok(payload.title.startsWith('[تمرين/EXERCICE] '));
    assert.equal(payload.dir, lang === 'ar-MA' ? 'rtl' : 'ltr');
  }
});

test('a cut never splits a grapheme (combining marks, emoji sequences)', () => {
  const family = '👩‍👩‍👧';
  const text = `${'شَدَّة '.repeat(40)}${family.repeat(30)}`;
  for (let room = 10; room < 400; room += 7) {
    const cut = truncateText(text, room);
    assert.ok(Buffer.byteLength(JSON.stringify(cut)) - 2 <= room, `room ${room}`);
    const kept = cut.endsWith('…') ? cut.slice(0, -1) : cut;
    assert.ok(text.startsWith(kept), `room ${room}: a prefix`);
    const rest = text.slice(kept.length);
    const first = rest.codePointAt(0) ?? 0;
    const orphan = (first >= 0x064b && first <= 0x0652) || first === 0x200d || first === 0xfe0f;
    assert.ok(!orphan, `room ${room}: no orphaned combining mark or joiner`);
  }
  assert.equal(truncateText('short', 100), 'short');
});

test('the closing payload is the ended notice under the alert’s tag', () => {
  const message = outboundAlert(endedAlert('expired'));
  const payload = pushPayload(message, 'zgh-Tfng');
  assert.equal(payload.kind, 'ended');
  assert.equal(payload.tag, message.topic);
  assert.equal(payload.url, 'https://tifli.test/alerts/K7QX2M?lang=zgh');
});
