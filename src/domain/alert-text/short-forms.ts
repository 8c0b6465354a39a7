/**
 * How a short form (90, 360 characters, one SMS) degrades until it fits: the template is rendered with
 * every detail, then details are dropped one step at a time in a fixed priority order, and the first
 * rendering that fits is kept. Texts are built from whole words, so nothing is ever cut inside a word.
 *
 * Always kept: who (sex and age, and the name when public), where last seen, the number to call. The
 * reference is kept whenever it fits; it is the last thing to go. When even the leanest form does not
 * fit (an unusually long name or place), the name and the place are shortened word by word, and as a
 * last resort the text says only who is missing and the number to call.
 *
 * @example
 *   fitShort((o) => render(facts, o), (t) => t.length <= 90);
 */

export interface ShortOptions {
  /** Garments with their colours, garments only, or no clothing. */
  readonly clothing: 'colours' | 'garments' | 'none';
  readonly marks: boolean;
  readonly build: boolean;
  readonly hair: boolean;
  readonly eyes: boolean;
  readonly height: boolean;
  readonly languages: boolean;
  readonly suspect: boolean;
  /** Kind, colour, make, model and plate; the plate (or kind) alone; nothing. */
  readonly vehicle: 'full' | 'plate' | 'none';
  /** With "do not intervene" and 112 from a mobile; with 112; the number alone. */
  readonly call: 'long' | 'medium' | 'short';
  readonly time: boolean;
  readonly name: 'full' | 'given';
  /** Neighbourhood and commune, or the commune alone. */
  readonly place: 'full' | 'short';
  /** "Réf. TM-…", "TM-…", or left out. */
  readonly reference: 'labelled' | 'bare' | 'none';
}

export const RICHEST: ShortOptions = {
  clothing: 'colours',
  marks: true,
  build: true,
  hair: true,
  eyes: true,
  height: true,
  languages: true,
  suspect: true,
  vehicle: 'full',
  call: 'long',
  time: true,
  name: 'full',
  place: 'full',
  reference: 'labelled',
};

export interface DegradationStep {
  /** What the step gives up, for documentation and tests. */
  readonly gives: string;
  readonly apply: (o: ShortOptions) => ShortOptions;
}

/** The priority order: the first step is what is given up first. */
export const DEGRADATION: readonly DegradationStep[] = [
  { gives: 'clothing colours', apply: (o) => ({ ...o, clothing: o.clothing === 'none' ? 'none' : 'garments' }) },
  { gives: 'languages spoken', apply: (o) => ({ ...o, languages: false }) },
  { gives: 'visible marks', apply: (o) => ({ ...o, marks: false }) },
  { gives: 'build', apply: (o) => ({ ...o, build: false }) },
  { gives: 'hair', apply: (o) => ({ ...o, hair: false }) },
  { gives: 'eyes', apply: (o) => ({ ...o, eyes: false }) },
  { gives: 'height', apply: (o) => ({ ...o, height: false }) },
  { gives: 'suspect', apply: (o) => ({ ...o, suspect: false }) },
  { gives: 'clothing', apply: (o) => ({ ...o, clothing: 'none' }) },
  { gives: '"do not intervene" in the short form', apply: (o) => ({ ...o, call: 'medium' }) },
  { gives: 'vehicle details but the plate', apply: (o) => ({ ...o, vehicle: o.vehicle === 'none' ? 'none' : 'plate' }) },
  { gives: 'last-seen time', apply: (o) => ({ ...o, time: false }) },
  { gives: '112 from a mobile', apply: (o) => ({ ...o, call: 'short' }) },
  { gives: 'reference label', apply: (o) => ({ ...o, reference: o.reference === 'none' ? 'none' : 'bare' }) },
  { gives: 'family name', apply: (o) => ({ ...o, name: 'given' }) },
  { gives: 'neighbourhood', apply: (o) => ({ ...o, place: 'short' }) },
  { gives: 'vehicle', apply: (o) => ({ ...o, vehicle: 'none' }) },
  { gives: 'reference', apply: (o) => ({ ...o, reference: 'none' }) },
];

/** The leanest options: what is left when every step has been taken. */
export const LEANEST: ShortOptions = DEGRADATION.reduce((o, step) => step.apply(o), RICHEST);

/** The options after each step, richest first (RICHEST, then one per step). */
export function degradationLadder(): ShortOptions[] {
  const ladder = [RICHEST];
  for (const step of DEGRADATION) ladder.push(step.apply(ladder[ladder.length - 1] ?? RICHEST));
  return ladder;
}

/** Little words that must not end a shortened name ("Préfecture des", "Ben", "El", «حي ال…»). */
const DANGLING = new Set(['de', 'des', 'du', 'la', 'le', 'les', "d'", "l'", 'et', 'el', 'al', 'ben', 'bent', 'ait', 'ou', 'بن', 'بنت', 'آيت', 'في', 'من', 'و', 'ⵏ', 'ⴷ']);

/** Shortens a proper name to its first `words` words (whole words only, no dangling little word). */
export function firstWords(text: string, words: number): string {
  const kept = text.split(' ').slice(0, Math.max(1, words));
  while (kept.length > 1 && DANGLING.has((kept[kept.length - 1] ?? '').toLowerCase())) kept.pop();
  return kept.join(' ');
}

/**
 * The first rendering along the ladder that fits. When the ladder is exhausted, `shrink(o, k)` renders
 * the facts with the name and the place cut to k words, first with the bare reference and then without
 * it; `lastResort()` renders the form without name and place.
 */
export function fitShort(
  render: (o: ShortOptions) => string,
  fits: (text: string) => boolean,
  shrink: (o: ShortOptions, words: number) => string,
  lastResort: () => string,
): string {
  for (const options of degradationLadder()) {
    const text = render(options);
    if (fits(text)) return text;
  }
  for (const options of [{ ...LEANEST, reference: 'bare' } as const, LEANEST]) {
    for (let words = 4; words >= 1; words--) {
      const text = shrink(options, words);
      if (fits(text)) return text;
    }
  }
  return lastResort();
}
