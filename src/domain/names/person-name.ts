/**
 * A person's name as an officer records it, in any script (Arabic, Latin, Tifinagh, or a mix), and
 * the phonetic forms the name-matching functions work on.
 *
 * @example
 *   const child: PersonName = { given: 'Fatima Zahra', family: 'El Alaoui' };
 *   const same: PersonName = { given: 'فاطمة الزهراء', family: 'العلوي' };
 */

export interface PersonName {
  /** Given name(s), e.g. "Mohamed Amine"; empty when unknown. */
  readonly given: string;
  /** Family name(s), e.g. "Fassi Fihri"; empty when unknown. */
  readonly family: string;
}

/**
 * One spelling of a name token in the phonetic alphabet shared by all scripts (see phonetic-alphabet.ts),
 * with the cost of having chosen it (an alternative reading such as "Lamrani" read as "Amrani").
 */
export interface PhoneticForm {
  readonly phon: string;
  readonly penalty: number;
}

/** One word of a name after normalisation. */
export interface NameToken {
  /** Normalised text (Latin lowercase, or normalised Arabic); Tifinagh arrives transliterated to Latin. */
  readonly text: string;
  /** Written in Arabic script: short vowels are not written, long vowels are. The cost model depends on it. */
  readonly arabic: boolean;
  /** A genealogical particle (ben/ibn/bin/بن, ait/آيت, ould, bent): weighs less than a name. */
  readonly particle: boolean;
  /** The first form is the reading as written; the others are alternative readings. */
  readonly forms: readonly [PhoneticForm, ...PhoneticForm[]];
}
