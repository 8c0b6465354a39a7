/**
 * Posters and found cards: exact sizes, text really drawn, under 300 KB, no photo on the found card,
 * hostile text drawn as outlines. Renders are saved to test-artifacts/posters/ for a human look.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { ALERT_LANGUAGES } from '../../domain/alert-text/alert-languages.ts';
import type { ActivePublicAlert } from '../../domain/alert/public-alert.ts';
import { endedAlert, exerciseAlert, unnamedBoy, yasmine } from '../../http/public/public-alert-fixtures.test-support.ts';
import { MAX_POSTER_BYTES, POSTER_FORMATS, renderFoundCard, renderPoster, type PosterFormat } from './poster.ts';

const ARTIFACTS = join(import.meta.dirname, '..', '..', '..', 'test-artifacts', 'posters');
mkdirSync(ARTIFACTS, { recursive: true });

/** Saves the JPEG, and a PNG copy for viewers that show PNG only. */
async function save(name: string, jpeg: Buffer): Promise<void> {
  writeFileSync(join(ARTIFACTS, `${name}.jpg`), jpeg);
  await sharp(jpeg).png().toFile(join(ARTIFACTS, `${name}.png`));
}

const SIZES: { readonly [F in PosterFormat]: readonly [number, number] } = { square: [1080, 1080], story: [1080, 1920], og: [1200, 630] };

/** A synthetic "photo": a noisy gradient, so JPEG size is realistic (flat colours compress to nothing). */
async function noisyPhoto(): Promise<Buffer> {
  const [w, h] = [600, 800];
  const raw = Buffer.alloc(w * h * 3);
  let seed = 7;
  for (let i = 0; i < raw.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = ((i % (w * 3)) / 8 + (seed % 90)) & 0xff;
  }
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 95 }).toBuffer();
}

/** A solid magenta photo: a colour no poster or card uses. */
const magentaPhoto = () => sharp({ create: { width: 600, height: 800, channels: 3, background: { r: 255, g: 0, b: 255 } } }).png().toBuffer();

/** Share of pixels close to magenta. */
async function magentaShare(jpeg: Buffer): Promise<number> {
  const { data, info } = await sharp(jpeg).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let hits = 0;
  for (let i = 0; i < data.length; i += 3) if ((data[i] ?? 0) > 200 && (data[i + 1] ?? 255) < 60 && (data[i + 2] ?? 0) > 200) hits++;
  return hits / (info.width * info.height);
}

function blankTexts(view: ActivePublicAlert): ActivePublicAlert {
  const empty = { headline: '', description: '', instruction: '', sms70: '', short90: '', short360: '' };
  return { ...view, texts: { 'ar-MA': empty, 'fr-MA': empty, 'zgh-Tfng': empty }, displayName: { ar: null, latin: null } };
}

test('every language and format renders a JPEG of the exact size, under 300 KB, saved for review', async () => {
  const photo = await noisyPhoto();
  for (const lang of ALERT_LANGUAGES) {
    for (const format of POSTER_FORMATS) {
      const jpeg = await renderPoster(yasmine(), lang, format, photo);
      const meta = await sharp(jpeg).metadata();
      assert.equal(meta.format, 'jpeg');
      assert.deepEqual([meta.width, meta.height], SIZES[format], `${lang} ${format}`);
      assert.ok(jpeg.length <= MAX_POSTER_BYTES, `${lang} ${format}: ${jpeg.length} bytes`);
      await save(`poster-${lang}-${format}`, jpeg);
      const card = await renderFoundCard(endedAlert('found'), lang, format);
      assert.deepEqual([(await sharp(card).metadata()).width, (await sharp(card).metadata()).height], SIZES[format]);
      assert.ok(card.length <= MAX_POSTER_BYTES);
      await save(`found-${lang}-${format}`, card);
    }
  }
  // The photo-less Open Graph image and an exercise poster, for the record.
  await save('poster-fr-MA-og-nophoto', await renderPoster(unnamedBoy(), 'fr-MA', 'og', null));
  await save('poster-ar-MA-square-exercise', await renderPoster(exerciseAlert(), 'ar-MA', 'square', null));
  await save('ended-fr-MA-og', await renderFoundCard(endedAlert('withdrawn'), 'fr-MA', 'og'));
});

test('the texts are really drawn: the poster differs from the same poster with empty texts', async () => {
  for (const lang of ALERT_LANGUAGES) {
    const full = await sharp(await renderPoster(yasmine(), lang, 'square', null)).stats();
    const blank = await sharp(await renderPoster(blankTexts(yasmine()), lang, 'square', null)).stats();
    // Dark glyphs on white lower the mean and widen the spread of every channel.
    const meanFull = full.channels.reduce((s, c) => s + c.mean, 0);
    const meanBlank = blank.channels.reduce((s, c) => s + c.mean, 0);
    assert.ok(meanBlank - meanFull > 3, `${lang}: mean ${meanFull} vs blank ${meanBlank}`);
  }
});

test('an alert with neither photo nor name (the Open Graph image of issue #4) still renders at 1200×630', async () => {
  const jpeg = await renderPoster(unnamedBoy(), 'ar-MA', 'og', null);
  const meta = await sharp(jpeg).metadata();
  assert.deepEqual([meta.width, meta.height], [1200, 630]);
});

test('the poster shows the photo; the found card never does, whatever the format', async () => {
  const photo = await magentaPhoto();
  assert.ok((await magentaShare(await renderPoster(yasmine(), 'fr-MA', 'square', photo))) > 0.1, 'the photo is on the poster');
  for (const outcome of ['found', 'withdrawn', 'expired'] as const) {
    for (const format of POSTER_FORMATS) {
      const card = await renderFoundCard(endedAlert(outcome), 'ar-MA', format);
      assert.equal(await magentaShare(card), 0, `${outcome} ${format}`);
    }
  }
});

test('text with markup or XML specials is drawn as outlines and cannot break the SVG', async () => {
  const hostile = '<script>alert(1)</script> & "quotes" \'x\' ]]> <!-- --> <svg onload=x>';
  const view = yasmine({
    displayName: { ar: `${hostile} ياسمين`, latin: hostile },
    texts: {
      'ar-MA': { headline: hostile, description: `${hostile} اختفت`, instruction: hostile, sms70: 'x', short90: 'x', short360: 'x' },
      'fr-MA': { headline: hostile, description: hostile, instruction: hostile, sms70: 'x', short90: 'x', short360: 'x' },
      'zgh-Tfng': { headline: hostile, description: `${hostile} ⵜⵊⵍⴰ`, instruction: hostile, sms70: 'x', short90: 'x', short360: 'x' },
    },
    reference: '<TM&"1">',
  });
  for (const lang of ALERT_LANGUAGES) {
    const jpeg = await renderPoster(view, lang, 'og', null);
    assert.deepEqual([(await sharp(jpeg).metadata()).width, (await sharp(jpeg).metadata()).height], [1200, 630]);
    const full = await sharp(jpeg).stats();
    const blank = await sharp(await renderPoster(blankTexts(view), lang, 'og', null)).stats();
    assert.ok(full.channels[0]!.mean < blank.channels[0]!.mean, `${lang}: the hostile text is drawn`);
  }
});

test('a very long description is clamped to the box and the file stays under 300 KB', async () => {
  const long = yasmine({
    texts: {
      'ar-MA': { headline: 'x', description: 'اختفت الطفلة في الرباط. '.repeat(80), instruction: 'x', sms70: 'x', short90: 'x', short360: 'x' },
      'fr-MA': { headline: 'x', description: 'Disparue à Rabat hier soir. '.repeat(70), instruction: 'x', sms70: 'x', short90: 'x', short360: 'x' },
      'zgh-Tfng': { headline: 'x', description: 'ⵜⵊⵍⴰ ⴳ ⵔⵔⴱⴰⵟ. '.repeat(120), instruction: 'x', sms70: 'x', short90: 'x', short360: 'x' },
    },
  });
  const photo = await noisyPhoto();
  for (const lang of ALERT_LANGUAGES) {
    const jpeg = await renderPoster(long, lang, 'story', photo);
    assert.ok(jpeg.length <= MAX_POSTER_BYTES);
    assert.deepEqual([(await sharp(jpeg).metadata()).width, (await sharp(jpeg).metadata()).height], [1080, 1920]);
  }
});
