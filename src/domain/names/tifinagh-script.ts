/**
 * Tifinagh (IRCAM Neo-Tifinagh, used for Tamazight in Morocco) transliterated to Latin letters, so an
 * Amazigh name written "ⵢⵓⴱⴰ" is then handled like "Yuba". ⵄ becomes the Arabizi 3 (ع), emphatics
 * fold onto their plain letter, the labialisation mark ⵯ is dropped.
 *
 * @example
 *   tifinaghToLatin('ⵜⵉⵍⵍⵉ'); // "tilli"
 */

const TIFINAGH: Readonly<Record<string, string>> = {
  'ⴰ': 'a', 'ⴱ': 'b', 'ⴲ': 'b', 'ⴳ': 'g', 'ⴴ': 'gh', 'ⴵ': 'dj', 'ⴶ': 'dj', 'ⴷ': 'd', 'ⴸ': 'dh', 'ⴹ': 'd',
  'ⴺ': 'dh', 'ⴻ': 'e', 'ⴼ': 'f', 'ⴽ': 'k', 'ⴾ': 'k', 'ⴿ': 'kh', 'ⵀ': 'h', 'ⵁ': 'h', 'ⵂ': 'h', 'ⵃ': 'h',
  'ⵄ': '3', 'ⵅ': 'kh', 'ⵆ': 'kh', 'ⵇ': 'q', 'ⵈ': 'q', 'ⵉ': 'i', 'ⵊ': 'j', 'ⵋ': 'j', 'ⵌ': 'j', 'ⵍ': 'l',
  'ⵎ': 'm', 'ⵏ': 'n', 'ⵐ': 'ny', 'ⵑ': 'ng', 'ⵒ': 'p', 'ⵓ': 'u', 'ⵔ': 'r', 'ⵕ': 'r', 'ⵖ': 'gh', 'ⵗ': 'gh',
  'ⵘ': 'j', 'ⵙ': 's', 'ⵚ': 's', 'ⵛ': 'ch', 'ⵜ': 't', 'ⵝ': 'th', 'ⵞ': 'tch', 'ⵟ': 't', 'ⵠ': 'v', 'ⵡ': 'w',
  'ⵢ': 'y', 'ⵣ': 'z', 'ⵤ': 'z', 'ⵥ': 'z', 'ⵦ': 'e', 'ⵧ': 'o', 'ⵯ': '', '⵰': ' ', '⵿': '',
};

const TIFINAGH_LETTER = /[\u2D30-\u2D7F]/u;

export function hasTifinaghLetter(text: string): boolean {
  return TIFINAGH_LETTER.test(text);
}

/** Each Tifinagh letter replaced by its Latin spelling; other characters are kept as they are. */
export function tifinaghToLatin(text: string): string {
  let out = '';
  for (const ch of text) out += TIFINAGH[ch] ?? ch;
  return out;
}
