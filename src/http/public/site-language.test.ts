import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromAcceptLanguage, negotiateLanguage } from './site-language.ts';

test('?lang picks the language whatever the browser says', () => {
  assert.deepEqual(negotiateLanguage({ lang: 'fr' }, 'ar'), { lang: 'fr', fromQuery: true });
  assert.deepEqual(negotiateLanguage({ lang: 'zgh', fbclid: 'IwAR0x' }, undefined), { lang: 'zgh', fromQuery: true });
  assert.deepEqual(negotiateLanguage({ lang: 'ar' }, 'fr'), { lang: 'ar', fromQuery: true });
});

test('an unknown or repeated ?lang falls back to Accept-Language, then Arabic', () => {
  assert.deepEqual(negotiateLanguage({ lang: 'en' }, 'fr-FR,fr;q=0.9'), { lang: 'fr', fromQuery: false });
  assert.deepEqual(negotiateLanguage({ lang: ['fr', 'ar'] }, undefined), { lang: 'ar', fromQuery: false });
  assert.deepEqual(negotiateLanguage({ lang: 'FR' }, undefined), { lang: 'ar', fromQuery: false });
  assert.deepEqual(negotiateLanguage(undefined, undefined), { lang: 'ar', fromQuery: false });
});

test('Accept-Language: the highest weight the site speaks wins; order breaks ties', () => {
  assert.equal(fromAcceptLanguage('en-US,en;q=0.9,fr;q=0.8,ar;q=0.7'), 'fr');
  assert.equal(fromAcceptLanguage('ar-MA,fr;q=0.9'), 'ar');
  assert.equal(fromAcceptLanguage('fr;q=0.5, ar;q=0.6'), 'ar');
  assert.equal(fromAcceptLanguage('fr, ar'), 'fr');
  assert.equal(fromAcceptLanguage('zgh-Tfng'), 'zgh');
  assert.equal(fromAcceptLanguage('shi-MA, fr;q=0.5'), 'zgh', 'Tachelhit reads the Tamazight pages');
  assert.equal(fromAcceptLanguage('tzm;q=0.9,ar;q=0.8'), 'zgh');
});

test('Accept-Language: unknown, refused (q=0) and malformed entries are skipped', () => {
  assert.equal(fromAcceptLanguage('en-GB,en;q=0.9'), undefined);
  assert.equal(fromAcceptLanguage('*'), undefined);
  assert.equal(fromAcceptLanguage('fr;q=0, ar;q=0.1'), 'ar');
  assert.equal(fromAcceptLanguage('fr;q=abc, ar;q=2'), undefined);
  assert.equal(fromAcceptLanguage(''), undefined);
  assert.equal(fromAcceptLanguage(`${'x,'.repeat(1000)}fr`), undefined, 'only the start of a huge header is read');
});
