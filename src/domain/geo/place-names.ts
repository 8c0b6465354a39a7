/**
 * Splits a `morocco-map` `name` property, which strings the French, Tifinagh and Arabic names
 * together ("Province d'Ifrane ⵜⴰⵙⴳⴰ ⵏ ⵉⴼⵔⴰⵏ إقليم إفران"), into one name per script, then applies
 * the corrections in place-name-overrides.ts.
 *
 * Words are classified by the Unicode script of their letters (Latin: Basic Latin, Latin-1 and the
 * Latin Extended blocks; Arabic: U+0600–U+06FF and its supplements and presentation forms; Tifinagh:
 * U+2D30–U+2D7F). Words without letters (a lone "-") belong to the run they sit inside.
 *
 * @example
 *   splitScripts("Province d'Ifrane ⵜⴰⵙⴳⴰ ⵏ ⵉⴼⵔⴰⵏ إقليم إفران");
 *   // { latin: "Province d'Ifrane", tifinagh: 'ⵜⴰⵙⴳⴰ ⵏ ⵉⴼⵔⴰⵏ', arabic: 'إقليم إفران' }
 */
import { PLACE_NAME_OVERRIDES } from './place-name-overrides.ts';

export type NameScript = 'latin' | 'arabic' | 'tifinagh';

export type ScriptRuns = Readonly<Record<NameScript, string | null>>;

/** The names the jurisdiction tree stores: French and Arabic always, Tamazight (Tifinagh) when known. */
export interface PlaceNames {
  readonly fr: string;
  readonly ar: string;
  readonly zgh: string | null;
}

const LETTER_OF: readonly (readonly [NameScript, RegExp])[] = [
  ['latin', /\p{Script=Latin}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['tifinagh', /\p{Script=Tifinagh}/u],
];

/** True when the text holds at least one letter of the script (names typed by administrators are checked this way). */
export function hasLetterOf(script: NameScript, text: string): boolean {
  return LETTER_OF.some(([s, letter]) => s === script && letter.test(text));
}

function scriptOfWord(word: string): NameScript | undefined {
  const found = LETTER_OF.filter(([, letter]) => letter.test(word)).map(([script]) => script);
  if (found.length > 1) throw new Error(`A place-name word mixes scripts (${found.join(', ')})`);
  return found[0];
}

/** One run per script, in the order met; throws when a script appears twice apart or a word mixes scripts. */
export function splitScripts(text: string): ScriptRuns {
  const runs: Record<NameScript, string | null> = { latin: null, arabic: null, tifinagh: null };
  let current: NameScript | undefined;
  let words: string[] = [];
  let pending: string[] = [];
  const close = () => {
    if (current) runs[current] = words.join(' ');
    words = [];
  };
  for (const word of text.normalize('NFC').trim().split(/\s+/u).filter(Boolean)) {
    const script = scriptOfWord(word);
    if (!script) {
      pending.push(word);
      continue;
    }
    if (script !== current) {
      close();
      if (runs[script] !== null) throw new Error(`A place name has two separate ${script} parts`);
      current = script;
      pending = [];
    }
    words.push(...pending, word);
    pending = [];
  }
  close();
  return runs;
}

/**
 * The names of one area: the source `name` split by script, corrected by the override table.
 * `fallback` fills a script the source `name` lacks (regions also carry `name:ar`). Throws when a
 * French or Arabic name is still missing, so incomplete data fails at load, not in front of a user.
 */
export function placeNames(code: string, sourceName: string, fallback: Partial<Record<NameScript, string>> = {}): PlaceNames {
  const runs = splitScripts(sourceName);
  const override = PLACE_NAME_OVERRIDES[code];
  const fr = override?.fr ?? runs.latin ?? fallback.latin ?? null;
  const ar = override?.ar ?? runs.arabic ?? fallback.arabic ?? null;
  const zgh = override && 'zgh' in override ? (override.zgh ?? null) : (runs.tifinagh ?? fallback.tifinagh ?? null);
  if (!fr) throw new Error(`${code}: no French name in the boundary data or the overrides`);
  if (!ar) throw new Error(`${code}: no Arabic name in the boundary data or the overrides`);
  return { fr, ar, zgh };
}
