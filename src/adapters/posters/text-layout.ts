/**
 * Text as SVG outlines, for posters and share cards. librsvg on a fresh machine has no Arabic or Tifinagh
 * fonts, so no SVG <text> is ever emitted: each line is shaped with fontkit (Arabic joining, marks,
 * ligatures) from the Noto fonts shipped in npm packages, ordered with a small bidi pass (Arabic
 * right-to-left, Latin, Tifinagh and digits left-to-right inside it), and drawn as <path> elements. User
 * text never reaches the SVG as characters, so it cannot inject markup.
 *
 * @example
 *   const block = textBlock('اختفت ياسمين في الرباط', { size: 40, weight: 'bold', fill: '#111', direction: 'rtl' },
 *     { x: 40, y: 200, width: 500, maxLines: 2 });
 *   svg += block.svg; y += block.height;
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';

export type FontWeight = 'regular' | 'bold';
export type TextDirection = 'ltr' | 'rtl';

export interface TextStyle {
  readonly size: number;
  readonly weight: FontWeight;
  /** A constant colour of ours (never user input). */
  readonly fill: string;
  /** The paragraph direction: 'rtl' for Arabic, 'ltr' for French and Tifinagh. */
  readonly direction: TextDirection;
  /** 'start' is the right edge for rtl; default 'start'. */
  readonly align?: 'start' | 'center' | 'end';
  /** Line advance as a multiple of size; default 1.45 (Arabic needs room for marks). */
  readonly lineHeight?: number;
}

export interface TextBox {
  readonly x: number;
  /** Top of the first line. */
  readonly y: number;
  readonly width: number;
  readonly maxLines: number;
}

export interface TextBlock {
  readonly svg: string;
  /** Height taken by the lines drawn. */
  readonly height: number;
  readonly lines: number;
}

type Script = 'arabic' | 'tifinagh' | 'latin';

interface FontSet {
  readonly arabic: Readonly<Record<FontWeight, fontkit.Font>>;
  readonly tifinagh: fontkit.Font;
  /** Noto Sans latin then latin-ext, searched in order for a glyph. */
  readonly latin: Readonly<Record<FontWeight, readonly fontkit.Font[]>>;
}

const require = createRequire(import.meta.url);
let fonts: FontSet | null = null;

function openFont(pkg: string, file: string): fontkit.Font {
  const dir = join(dirname(require.resolve(`${pkg}/package.json`)), 'files');
  const font = fontkit.create(readFileSync(join(dir, file)));
  if (!('layout' in font)) throw new Error(`font collection where a font was expected: ${file}`);
  return font;
}

/** Loads the fonts once per process (a few hundred KB). */
function loadFonts(): FontSet {
  fonts ??= {
    arabic: {
      regular: openFont('@fontsource/noto-sans-arabic', 'noto-sans-arabic-arabic-400-normal.woff'),
      bold: openFont('@fontsource/noto-sans-arabic', 'noto-sans-arabic-arabic-700-normal.woff'),
    },
    tifinagh: openFont('@fontsource/noto-sans-tifinagh', 'noto-sans-tifinagh-tifinagh-400-normal.woff'),
    latin: {
      regular: [openFont('@fontsource/noto-sans', 'noto-sans-latin-400-normal.woff'), openFont('@fontsource/noto-sans', 'noto-sans-latin-ext-400-normal.woff')],
      bold: [openFont('@fontsource/noto-sans', 'noto-sans-latin-700-normal.woff'), openFont('@fontsource/noto-sans', 'noto-sans-latin-ext-700-normal.woff')],
    },
  };
  return fonts;
}

const isArabicDigit = (cp: number) => (cp >= 0x660 && cp <= 0x669) || (cp >= 0x6f0 && cp <= 0x6f9);
const isArabicBlock = (cp: number) =>
  (cp >= 0x600 && cp <= 0x6ff) || (cp >= 0x750 && cp <= 0x77f) || (cp >= 0x8a0 && cp <= 0x8ff) || (cp >= 0xfb50 && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfeff);
const isTifinagh = (cp: number) => cp >= 0x2d30 && cp <= 0x2d7f;

function scriptOf(cp: number): Script {
  if (isArabicBlock(cp)) return 'arabic';
  if (isTifinagh(cp)) return 'tifinagh';
  return 'latin';
}

/** Bidi classes, reduced to what our texts hold: strong R (Arabic), strong L, numbers, neutrals. */
type BidiClass = 'R' | 'L' | 'EN' | 'N';
const LETTER = /\p{L}|\p{M}/u;

function bidiClassOf(ch: string): BidiClass {
  const cp = ch.codePointAt(0) ?? 0;
  if ((cp >= 0x30 && cp <= 0x39) || isArabicDigit(cp)) return 'EN';
  if (isArabicBlock(cp)) return cp === 0x60c ? 'N' : 'R';
  if (isTifinagh(cp) || LETTER.test(ch)) return 'L';
  return 'N';
}

/** Separators that belong to a number when they stand between two digits (bidi rule W4). */
const NUMBER_SEPARATORS = new Set(['/', ':', ',', '.', '-', '+']);

/**
 * Embedding level of every character of one line: a reduced Unicode bidi algorithm (rules N1/N2 for
 * neutrals, I1/I2 for levels). In a right-to-left paragraph numbers sit one level above the Arabic and
 * count as R for the neutrals around them (so "12345-أ-6" reads as on a plate); in a left-to-right
 * paragraph they count as L, which is what the paired-bracket rule gives for "Yasmine (ياسمين) 8 ans".
 */
function levelsOf(chars: readonly string[], direction: TextDirection): number[] {
  const rtl = direction === 'rtl';
  const classes = chars.map(bidiClassOf);
  // W4: one separator between two digits belongs to the number ("22/11/2026", "06:30", "1,28").
  for (let i = 1; i < classes.length - 1; i++) {
    if (classes[i] === 'N' && NUMBER_SEPARATORS.has(chars[i] ?? '') && classes[i - 1] === 'EN' && classes[i + 1] === 'EN') classes[i] = 'EN';
  }
  // W7: digits after Latin letters are Latin text ("TM-2026-000123" stays one left-to-right run).
  let lastLetter: BidiClass = rtl ? 'R' : 'L';
  for (let i = 0; i < classes.length; i++) {
    const c = classes[i];
    if (c === 'L' || c === 'R') lastLetter = c;
    else if (c === 'EN' && lastLetter === 'L') classes[i] = 'L';
  }
  const strongFor = (c: BidiClass): 'L' | 'R' | null => (c === 'L' ? 'L' : c === 'R' ? 'R' : c === 'EN' ? (rtl ? 'R' : 'L') : null);
  const baseStrong = rtl ? 'R' : 'L';
  const strongNear = (from: number, step: 1 | -1): 'L' | 'R' => {
    for (let j = from + step; j >= 0 && j < chars.length; j += step) {
      const s = strongFor(classes[j] ?? 'N');
      if (s) return s;
    }
    return baseStrong;
  };
  const levelOf = (strong: 'L' | 'R') => (strong === 'R' ? 1 : rtl ? 2 : 0);
  return classes.map((c, i) => {
    switch (c) {
      case 'L':
        return levelOf('L');
      case 'R':
        return 1;
      case 'EN':
        return rtl ? 2 : 0;
      case 'N': {
        const before = strongNear(i, -1);
        return levelOf(before === strongNear(i, 1) ? before : baseStrong);
      }
    }
  });
}

const MIRRORED: Readonly<Record<string, string>> = { '(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<', '«': '»', '»': '«', '‹': '›', '›': '‹' };

interface Run {
  readonly text: string;
  readonly level: number;
  readonly font: fontkit.Font;
  readonly script: Script;
}

function fontFor(set: FontSet, script: Script, weight: FontWeight, cp: number): fontkit.Font {
  switch (script) {
    case 'arabic':
      return set.arabic[weight];
    case 'tifinagh':
      return set.tifinagh;
    case 'latin': {
      const stack = set.latin[weight];
      return stack.find((f) => f.hasGlyphForCodePoint(cp)) ?? stack[0] ?? set.tifinagh;
    }
  }
}

/** Splits a line into runs of one level and one font, in logical order. */
function runsOf(line: string, style: TextStyle): Run[] {
  const set = loadFonts();
  const chars = [...line];
  const levels = levelsOf(chars, style.direction);
  const runs: { text: string; level: number; font: fontkit.Font; script: Script }[] = [];
  let previousScript: Script | null = null;
  chars.forEach((raw, i) => {
    const level = levels[i] ?? 0;
    const ch = level % 2 === 1 ? (MIRRORED[raw] ?? raw) : raw;
    const cp = ch.codePointAt(0) ?? 0;
    // Spaces and joiners stay with the run they are in, so an Arabic phrase is shaped as one run.
    const neutralSpace = ch === ' ' || cp === 0x200c || cp === 0x200d;
    const script: Script = neutralSpace && previousScript ? previousScript : scriptOf(cp);
    // Arabic-Indic digits and the Arabic comma exist in the Arabic font; Western digits come from Noto Sans.
    const font = fontFor(set, script, style.weight, cp);
    previousScript = script;
    const last = runs.at(-1);
    if (last && last.level === level && last.font === font) last.text += ch;
    else runs.push({ text: ch, level, font, script });
  });
  return runs;
}

/** Visual order of runs (rule L2: reverse every sequence at or above each odd level, highest first). */
function visualOrder(runs: readonly Run[]): Run[] {
  const out = [...runs];
  const max = Math.max(0, ...out.map((r) => r.level));
  const lowestOdd = Math.min(...out.map((r) => r.level).filter((l) => l % 2 === 1), max + 1);
  for (let level = max; level >= lowestOdd && level >= 1; level--) {
    let i = 0;
    while (i < out.length) {
      if ((out[i]?.level ?? 0) >= level) {
        let j = i;
        while (j < out.length && (out[j]?.level ?? 0) >= level) j++;
        const reversed = out.slice(i, j).reverse();
        out.splice(i, j - i, ...reversed);
        i = j;
      } else i++;
    }
  }
  return out;
}

const SCRIPT_TAG: Readonly<Record<Script, string>> = { arabic: 'arab', tifinagh: 'tfng', latin: 'latn' };

interface PlacedGlyph {
  readonly d: string;
  readonly x: number;
  readonly y: number;
  readonly scale: number;
}

interface ShapedLine {
  readonly width: number;
  readonly glyphs: readonly PlacedGlyph[];
}

const glyphPaths = new WeakMap<fontkit.Font, Map<number, string>>();

function glyphPath(font: fontkit.Font, glyph: fontkit.Glyph): string {
  let cache = glyphPaths.get(font);
  if (!cache) {
    cache = new Map();
    glyphPaths.set(font, cache);
  }
  let d = cache.get(glyph.id);
  if (d === undefined) {
    d = glyph.path.toSVG();
    cache.set(glyph.id, d);
  }
  return d;
}

/** Shapes one line into glyphs placed from x = 0 on a baseline at y = 0. */
function shapeLine(line: string, style: TextStyle): ShapedLine {
  const glyphs: PlacedGlyph[] = [];
  let x = 0;
  for (const run of visualOrder(runsOf(line, style))) {
    const rtl = run.level % 2 === 1;
    const shaped = run.font.layout(run.text, undefined, SCRIPT_TAG[run.script], undefined, rtl ? 'rtl' : 'ltr');
    const scale = style.size / run.font.unitsPerEm;
    shaped.glyphs.forEach((glyph, i) => {
      const pos = shaped.positions[i];
      if (!pos) return;
      const d = glyphPath(run.font, glyph);
      if (d !== '') glyphs.push({ d, x: x + pos.xOffset * scale, y: -pos.yOffset * scale, scale });
      x += pos.xAdvance * scale;
    });
  }
  return { width: x, glyphs };
}

/** Width of one line of text, in pixels. */
export function measureText(text: string, style: TextStyle): number {
  return shapeLine(text, style).width;
}

/**
 * Breaks text into lines no wider than maxWidth, at spaces only (a word is never cut; a word wider than
 * the box gets a line of its own and is drawn smaller). Line breaks in the text start new lines.
 */
export function wrapText(text: string, style: TextStyle, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/u)) {
    const words = paragraph.split(/\s+/u).filter((w) => w !== '');
    let current = '';
    for (const word of words) {
      const candidate = current === '' ? word : `${current} ${word}`;
      if (current !== '' && measureText(candidate, style) > maxWidth) {
        lines.push(current);
        current = word;
      } else current = candidate;
    }
    if (current !== '') lines.push(current);
  }
  return lines;
}

const ELLIPSIS = '…';

/** The last line shortened word by word until it fits with an ellipsis. */
function withEllipsis(line: string, style: TextStyle, maxWidth: number): string {
  const words = line.split(' ');
  while (words.length > 1 && measureText(`${words.join(' ')}${ELLIPSIS}`, style) > maxWidth) words.pop();
  return `${words.join(' ')}${ELLIPSIS}`;
}

/** Coordinates to 1/100 px; the scale needs more digits (26 px over 1000 units is 0.026). */
const fmt = (n: number) => (Math.round(n * 100) / 100).toString();
const fmtScale = (n: number) => (Math.round(n * 1e6) / 1e6).toString();

/** One shaped line as SVG paths, with its left edge at x and its baseline at y, scaled by shrink. */
function lineSvg(shaped: ShapedLine, x: number, baseline: number, shrink: number): string {
  return shaped.glyphs
    .map((g) => {
      const s = g.scale * shrink;
      return `<path transform="matrix(${fmtScale(s)} 0 0 ${fmtScale(-s)} ${fmt(x + g.x * shrink)} ${fmt(baseline + g.y * shrink)})" d="${g.d}"/>`;
    })
    .join('');
}

/**
 * Wraps text into a box and draws it: at most maxLines lines (the last one ends with "…" when text is
 * left over), aligned per direction. Returns the SVG and the height used.
 */
export function textBlock(text: string, style: TextStyle, box: TextBox): TextBlock {
  if (box.maxLines < 1) return { svg: '', height: 0, lines: 0 };
  let lines = wrapText(text, style, box.width);
  if (lines.length > box.maxLines) {
    lines = lines.slice(0, box.maxLines);
    const lastIndex = lines.length - 1;
    lines[lastIndex] = withEllipsis(lines[lastIndex] ?? '', style, box.width);
  }
  const advance = style.size * (style.lineHeight ?? 1.45);
  const align = style.align ?? 'start';
  const parts: string[] = [];
  lines.forEach((line, i) => {
    const shaped = shapeLine(line, style);
    const shrink = shaped.width > box.width ? box.width / shaped.width : 1;
    const width = shaped.width * shrink;
    const toRight = (align === 'start' && style.direction === 'rtl') || (align === 'end' && style.direction === 'ltr');
    const x = align === 'center' ? box.x + (box.width - width) / 2 : toRight ? box.x + box.width - width : box.x;
    // Baseline about one size below the line top, leaving the rest of the advance for descenders.
    const baseline = box.y + i * advance + style.size * 1.05;
    parts.push(lineSvg(shaped, x, baseline, shrink));
  });
  const svg = parts.length ? `<g fill="${style.fill}">${parts.join('')}</g>` : '';
  return { svg, height: lines.length * advance, lines: lines.length };
}

/** The runs of a line left to right as drawn, each in logical order (for tests and debugging). */
export function visualRuns(line: string, style: TextStyle): { text: string; rtl: boolean }[] {
  return visualOrder(runsOf(line, style)).map((r) => ({ text: r.text, rtl: r.level % 2 === 1 }));
}

/** Glyph ids fontkit produces for a text in the Arabic font (used to check that shaping joins letters). */
export function arabicGlyphIds(text: string, weight: FontWeight = 'bold'): number[] {
  return loadFonts()
    .arabic[weight].layout(text, undefined, 'arab', undefined, 'rtl')
    .glyphs.map((g) => g.id);
}
