import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CAP_XSD, validateXml, xpath } from '../../../test/support/xml-schema.ts';
import { CAP_DATE_TIME_PATTERN, capDateTime } from './cap-date.ts';
import { capXml, type CapAlertVersion } from './cap-document.ts';
import { AREA, exerciseChain, exerciseContent, exerciseInfo, PUBLIC_ID, SENDER, SENT } from './cap-fixtures.test-support.ts';
import { CapDocumentError } from './cap-validation.ts';
import { capAlert } from './cap-versions.ts';

const text = (xml: string, path: string) => xpath(xml, `string(${path})`);
const all = (xml: string, name: string) => `//*[local-name()='${name}']`;

async function assertValid(xml: string) {
  const r = await validateXml(xml, CAP_XSD);
  assert.ok(r.valid, `CAP document does not validate:\n${r.errors.join('\n')}`);
}

describe('CAP 1.2 documents', () => {
  const { alert, update, cancel } = exerciseChain();

  test('Alert, Update and Cancel each validate against the OASIS CAP 1.2 schema', async () => {
    for (const v of [alert, update, cancel]) await assertValid(capXml(v));
  });

  test('the Alert carries three languages, the profile constants, the area and the photo', async () => {
    const xml = capXml(alert);
    assert.equal(await text(xml, "/*[local-name()='alert']/*[local-name()='status']"), 'Exercise');
    assert.equal(await text(xml, "/*[local-name()='alert']/*[local-name()='msgType']"), 'Alert');
    assert.equal(await text(xml, "/*[local-name()='alert']/*[local-name()='scope']"), 'Public');
    assert.equal(await text(xml, "/*[local-name()='alert']/*[local-name()='identifier']"), `ma.dgsn.tifli:${PUBLIC_ID}:1`);
    assert.equal(await xpath(xml, `count(${all(xml, 'references')})`), '0');
    assert.equal(await xpath(xml, `count(${all(xml, 'info')})`), '3');
    const languages = await Promise.all([1, 2, 3].map((k) => text(xml, `(${all(xml, 'language')})[${k}]`)));
    assert.deepEqual(languages, ['ar-MA', 'fr-MA', 'zgh-Tfng']);
    assert.equal(await xpath(xml, `count(${all(xml, 'category')}[.='Rescue'])`), '3');
    assert.equal(await xpath(xml, `count(${all(xml, 'eventCode')}[*[local-name()='valueName']='SAME' and *[local-name()='value']='CAE'])`), '3');
    // Non-Latin text survives as is.
    assert.equal(await text(xml, `(${all(xml, 'headline')})[1]`), exerciseInfo('ar-MA').headline);
    assert.equal(await text(xml, `(${all(xml, 'headline')})[3]`), exerciseInfo('zgh-Tfng').headline);
    // Area: circle as "lat,lon km", closed polygon, ISO 3166-2 geocodes.
    assert.equal(await text(xml, `(${all(xml, 'circle')})[1]`), '33.5731,-7.5898 25');
    assert.equal(await text(xml, `(${all(xml, 'polygon')})[1]`), '33.58,-7.68 33.6,-7.6 33.54,-7.58 33.52,-7.66 33.58,-7.68');
    assert.equal(await text(xml, `(${all(xml, 'geocode')})[1]/*[local-name()='value']`), 'MA-CAS');
    assert.equal(await text(xml, `(${all(xml, 'geocode')})[1]/*[local-name()='valueName']`), 'ISO3166-2');
    // Photo with its size and SHA-1 digest.
    const photo = alert.infos[0]!.resources[0]!;
    assert.equal(await text(xml, `(${all(xml, 'resource')})[1]/*[local-name()='size']`), String(photo.size));
    assert.equal(await text(xml, `(${all(xml, 'resource')})[1]/*[local-name()='digest']`), photo.digest);
    assert.match(photo.digest, /^[0-9a-f]{40}$/);
  });

  test('every date is YYYY-MM-DDThh:mm:ss+00:00, without Z or fractions', async () => {
    assert.equal(capDateTime(SENT), '2026-03-11T14:30:05+00:00');
    for (const v of [alert, update, cancel]) {
      const xml = capXml(v);
      const dates = [...xml.matchAll(/<(sent|effective|onset|expires)>([^<]*)</g)].map((m) => m[2]!);
      assert.ok(dates.length >= 4);
      for (const d of dates) assert.match(d, CAP_DATE_TIME_PATTERN);
      assert.doesNotMatch(xml, /\d\d:\d\d(Z|\.\d)/);
      for (const ref of (await text(xml, all(xml, 'references'))).split(' ').filter(Boolean)) {
        assert.match(ref.split(',')[2]!, CAP_DATE_TIME_PATTERN);
      }
    }
  });

  test('an Update references the Alert; a Cancel references the Alert and the Update', async () => {
    const alertRef = `${SENDER},ma.dgsn.tifli:${PUBLIC_ID}:1,2026-03-11T14:30:05+00:00`;
    const updateRef = `${SENDER},ma.dgsn.tifli:${PUBLIC_ID}:2,2026-03-11T15:00:05+00:00`;
    const u = capXml(update);
    const c = capXml(cancel);
    assert.equal(await text(u, "/*[local-name()='alert']/*[local-name()='msgType']"), 'Update');
    assert.equal(await text(u, all(u, 'references')), alertRef);
    assert.equal(await text(c, "/*[local-name()='alert']/*[local-name()='msgType']"), 'Cancel');
    assert.equal(await text(c, all(c, 'references')), `${alertRef} ${updateRef}`);
    assert.equal(await text(c, "/*[local-name()='alert']/*[local-name()='sent']"), '2026-03-11T16:30:05+00:00');
    assert.equal(await xpath(c, `count(${all(c, 'resource')})`), '0');
    assert.equal(await xpath(c, `count(${all(c, 'responseType')}[.='AllClear'])`), '3');
  });

  test('text is escaped and characters XML forbids are dropped, so the document stays valid', async () => {
    const nasty = 'A & B <script>"x"</script> \u0001\u0008\uFFFE\uD800 end';
    const doc = capAlert({ ...exerciseContent(1, SENT), infos: [exerciseInfo('fr-MA', { description: nasty, headline: ']]> & <' })] });
    const xml = capXml(doc);
    await assertValid(xml);
    assert.equal(await text(xml, all(xml, 'description')), 'A & B <script>"x"</script>  end');
    assert.equal(await text(xml, all(xml, 'headline')), ']]> & <');
    assert.doesNotMatch(xml, /<script>/);
  });

  test('areaDesc of 50 characters or more is refused with a clear error naming the field, not the value', () => {
    const longName = 'Préfecture des arrondissements de Casablanca-Anfa Nord';
    assert.ok(Array.from(longName).length >= 50);
    const doc = capAlert({ ...exerciseContent(1, SENT), infos: [exerciseInfo('fr-MA', { areas: [{ ...AREA, areaDesc: longName }] })] });
    assert.throws(
      () => capXml(doc),
      (e: unknown) => {
        assert.ok(e instanceof CapDocumentError);
        assert.equal(e.code, 'unprocessable');
        assert.deepEqual(e.errors, [{ field: '/infos/0/areas/0/areaDesc', message: 'must be under 50 characters (at most 49)' }]);
        assert.match(e.message, /areaDesc must be under 50 characters/);
        assert.ok(!e.message.includes(longName));
        return true;
      },
    );
    // 49 characters pass.
    const ok = capAlert({ ...exerciseContent(1, SENT), infos: [exerciseInfo('fr-MA', { areas: [{ ...AREA, areaDesc: 'x'.repeat(49) }] })] });
    assert.doesNotThrow(() => capXml(ok));
  });

  test('rules the schema cannot see are enforced, all reported at once', () => {
    const bad: CapAlertVersion = {
      ...capAlert(exerciseContent(1, SENT)),
      identifier: 'has space,comma',
      infos: [
        exerciseInfo('fr-MA', {
          expires: SENT,
          web: 'javascript:alert(1)',
          resources: [{ resourceDesc: 'Photo', mimeType: 'image/jpeg', size: 0, uri: 'ftp://x', digest: 'abc' }],
          areas: [
            {
              areaDesc: 'Zone',
              polygons: [
                [
                  { lat: 33, lon: -7 },
                  { lat: 34, lon: -7 },
                  { lat: 34, lon: -8 },
                ],
              ],
              circles: [{ center: { lat: 95, lon: -7 }, radiusKm: 0 }],
              geocodes: [{ valueName: 'ISO3166-2', value: 'Casablanca' }],
            },
          ],
        }),
        exerciseInfo('fr-MA'),
      ],
    };
    assert.throws(
      () => capXml(bad),
      (e: unknown) => {
        assert.ok(e instanceof CapDocumentError);
        const fields = e.errors.map((x) => x.field);
        for (const f of [
          '/identifier',
          '/infos/0/expires',
          '/infos/0/web',
          '/infos/0/resources/0/size',
          '/infos/0/resources/0/uri',
          '/infos/0/resources/0/digest',
          '/infos/0/areas/0/polygons/0',
          '/infos/0/areas/0/circles/0/center',
          '/infos/0/areas/0/circles/0/radiusKm',
          '/infos/0/areas/0/geocodes/0/value',
          '/infos/1/language',
        ]) {
          assert.ok(fields.includes(f), `expected a problem at ${f}, got ${fields.join(', ')}`);
        }
        return true;
      },
    );
    // An Alert must not reference anything; an Update must.
    assert.throws(() => capXml({ ...alert, references: [{ sender: SENDER, identifier: 'x', sent: SENT }] }), CapDocumentError);
    assert.throws(() => capXml({ ...update, references: [] }), CapDocumentError);
    // A Cancel never carries the photo.
    assert.throws(() => capXml({ ...cancel, infos: [exerciseInfo('fr-MA', { expires: new Date(SENT.getTime() + 86_400_000 * 2) })] }), /resources must be empty for a Cancel/);
  });

  test('the schema check is real: a document with elements out of order fails validation', async () => {
    const xml = capXml(alert);
    // Swap <status> and <msgType>: well-formed, but against the schema's strict sequence.
    const status = / {2}<status>[^<]*<\/status>\n/.exec(xml)![0];
    const msgType = / {2}<msgType>[^<]*<\/msgType>\n/.exec(xml)![0];
    const swapped = xml.replace(status + msgType, msgType + status);
    assert.notEqual(swapped, xml);
    const r = await validateXml(swapped, CAP_XSD);
    assert.equal(r.valid, false);
    assert.ok(r.errors.some((e) => e.includes('msgType')), r.errors.join('\n'));
    // And a date with "Z" fails the schema's pattern.
    const zulu = await validateXml(xml.replace('<sent>2026-03-11T14:30:05+00:00</sent>', '<sent>2026-03-11T14:30:05Z</sent>'), CAP_XSD);
    assert.equal(zulu.valid, false);
  });
});
