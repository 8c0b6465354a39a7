/**
 * Text for the XML documents the platform publishes (CAP and its Atom index): drops the characters
 * XML 1.0 forbids (they would make the whole document unreadable), normalises to NFC so the same
 * Arabic or Tifinagh text always has the same bytes, and escapes the markup characters. The result
 * is safe both as element content and inside a double-quoted attribute.
 *
 * @example
 *   xmlText('Café & <b>'); // "Café &amp; &lt;b&gt;"
 */

// Characters XML 1.0 forbids: C0 controls other than tab, LF and CR, lone surrogates, U+FFFE/FFFF.
// eslint-disable-next-line no-control-regex -- the pattern must name the three controls XML allows
const XML_FORBIDDEN = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** The text without the characters XML forbids, in NFC. */
export const xmlClean = (s: string): string => s.replace(XML_FORBIDDEN, '').normalize('NFC');

/** Cleaned and escaped for element content or a double-quoted attribute value. */
export function xmlText(s: string): string {
  return xmlClean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Length in Unicode code points (what a reader counts), not UTF-16 units. */
export const codePoints = (s: string): number => Array.from(s).length;

/** `s` cut to at most `max` code points, ending with "…" when cut. */
export function truncateText(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : `${chars.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…`;
}
