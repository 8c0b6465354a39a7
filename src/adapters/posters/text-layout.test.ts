/**
 * Text layout: Arabic letters are joined by shaping, lines wrap at spaces within the width, mixed
 * Arabic/Latin lines are ordered right to left, and text becomes paths, never <text>.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { arabicGlyphIds, measureText, textBlock, visualRuns, wrapText, type TextStyle } from './text-layout.ts';

const AR: TextStyle = { size: 40, weight: 'bold', fill: '#000', direction: 'rtl' };
const FR: TextStyle = { size: 40, weight: 'regular', fill: '#000', direction: 'ltr' };

test('Arabic is shaped: "طفل" joined uses other glyphs than its letters alone', () => {
  const joined = arabicGlyphIds('طفل');
  const isolated = [...'طفل'].map((letter) => arabicGlyphIds(letter));
  assert.notDeepEqual(joined, isolated.flat());
  // Each letter takes a contextual form (initial, medial, final): its isolated glyph is not in the word.
  for (const ids of isolated) assert.ok(ids.some((id) => !joined.includes(id)), `isolated form ${ids.join(',')} kept`);
  // fontkit returns glyphs in visual order: the final lam is leftmost, the initial ta rightmost.
  assert.notEqual(joined[0], arabicGlyphIds('ط')[0]);
});

test('lines wrap at spaces and never exceed the width; no word is cut', () => {
  const text = 'Yasmine El Amrani, fillette de 8 ans, est portée disparue depuis ce matin à Rabat.';
  const lines = wrapText(text, FR, 400);
  assert.ok(lines.length > 1);
  for (const line of lines) assert.ok(measureText(line, FR) <= 400, line);
  assert.equal(lines.join(' '), text);
  const arabic = 'اختفت ياسمين العمراني، طفلة تبلغ 8 سنوات، في حسان، الرباط';
  const arLines = wrapText(arabic, AR, 350);
  assert.equal(arLines.join(' '), arabic);
  for (const line of arLines) assert.ok(measureText(line, AR) <= 350, line);
});

test('a block is clamped to maxLines, and is made of paths only', () => {
  const block = textBlock('mot '.repeat(200), FR, { x: 0, y: 0, width: 300, maxLines: 3 });
  assert.equal(block.lines, 3);
  assert.doesNotMatch(block.svg, /<text|mot/u);
  assert.match(block.svg, /^<g fill="#000"><path /u);
});

/** Column range (min x, max x) of dark pixels of a rendered block. */
async function inkSpan(svg: string, width: number): Promise<[number, number]> {
  const doc = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="80"><rect width="100%" height="100%" fill="#fff"/>${svg}</svg>`;
  const { data, info } = await sharp(Buffer.from(doc)).greyscale().raw().toBuffer({ resolveWithObject: true });
  let [min, max] = [Infinity, -Infinity];
  for (let i = 0; i < data.length; i++) {
    if ((data[i] ?? 255) < 128) {
      const x = i % info.width;
      [min, max] = [Math.min(min, x), Math.max(max, x)];
    }
  }
  return [min, max];
}

test('in an Arabic line the first word is drawn rightmost and numbers stay left to right', async () => {
  const width = 900;
  const box = { x: 0, y: 0, width, maxLines: 1 };
  const [, firstRight] = await inkSpan(textBlock('اتصلوا', AR, box).svg, width);
  const [, lineRight] = await inkSpan(textBlock('اتصلوا بالرقم 19', AR, box).svg, width);
  assert.ok(Math.abs(firstRight - lineRight) <= 2, `right-aligned, first word at the right: ${firstRight} vs ${lineRight}`);
  assert.deepEqual(visualRuns('اتصلوا بالرقم 19', AR), [
    { text: '19', rtl: false },
    { text: 'اتصلوا بالرقم ', rtl: true },
  ]);
  // A plate number inside Arabic reads "6-أ-12345" from the left, as Unicode bidi would show it.
  const plate = visualRuns('المركبة 12345-أ-6', AR).map((r) => r.text).join('|');
  assert.equal(plate, '6|-|أ|-|12345|المركبة ');
  // Dates, times and references keep their left-to-right order inside Arabic.
  // (":" comes from Noto Sans, so it is a run of its own, on the Arabic side.)
  assert.deepEqual(visualRuns('شوهدت آخر مرة: 22/11/2026 06:30', AR).map((r) => r.text), ['06:30', ' ', '22/11/2026', ': ', 'شوهدت آخر مرة']);
  assert.deepEqual(visualRuns('المرجع: TM-2026-000123', AR).map((r) => r.text), ['TM-2026-000123', ': ', 'المرجع']);
  // Latin in French stays in order; an Arabic name inside French is reversed as a whole.
  assert.deepEqual(visualRuns('Yasmine (ياسمين) 8 ans', FR).map((r) => r.text), ['Yasmine (', 'ياسمين', ') 8 ans']);
});

test('glyphs scale exactly with the size (no rounding of the glyph scale)', async () => {
  const box = { x: 0, y: 0, width: 1100, maxLines: 1 };
  const text = 'Vu pour la dernière fois';
  for (const size of [22, 26, 31]) {
    const [a0, a1] = await inkSpan(textBlock(text, { ...FR, size }, box).svg, 1100);
    const [b0, b1] = await inkSpan(textBlock(text, { ...FR, size: size * 2 }, box).svg, 1100);
    const ratio = (b1 - b0) / (a1 - a0);
    assert.ok(Math.abs(ratio - 2) < 0.04, `size ${size}: ink width ratio ${ratio}`);
  }
});
