/**
 * The leak test's scanner: what was seeded (needles), what the world can see (surfaces), and where a
 * needle turned up. Needles are written out by hand, never derived from the field classification the
 * test checks: every restricted or sensitive text seeded carries the word "marker" (any case), and the
 * values that cannot (numbers, dates, identifiers, Arabic names) are listed one by one.
 *
 * @example
 *   const seen: Surface[] = [{ where: 'GET /', text: html }];
 *   assert.deepEqual(leaksIn(seen, needles), []);
 */

export interface Surface {
  /** Where it was read: a URL, a peer's record, a log line's number. */
  readonly where: string;
  readonly text: string;
}

/** Restricted and sensitive values of seededRecord that do not say "marker" (case-fixtures.test-support.ts). */
export const RECORD_VALUES_WITHOUT_MARKER: readonly string[] = [
  'زمردة',
  'البرقوقي',
  '2013-02-03',
  'ZX987654',
  'QQ112233',
  'photo-for-publication',
  'photo-never-published',
  '33.987654',
  '6.876543',
  '34.111111',
  '5.222222',
  'abduction_suspected',
  'known_person_involved',
  'earlier_runaways',
  'online_contact',
  'medical_need',
  'family_conflict',
  'abuse_suspected',
  '611223344',
  '698765432',
  '661234567',
  'testamentary_guardian',
  'grand_taxi',
];

const MARKER = /marker/i;

/** Surfaces are long; a finding shows a little around the needle. */
function around(text: string, index: number, length: number): string {
  return JSON.stringify(text.slice(Math.max(0, index - 60), index + length + 60));
}

/** Every needle (and the word "marker") found in a surface, as "needle in where: …context…". */
export function leaksIn(surfaces: readonly Surface[], needles: readonly string[]): string[] {
  const found: string[] = [];
  for (const s of surfaces) {
    const m = MARKER.exec(s.text);
    if (m) found.push(`"${m[0]}" in ${s.where}: ${around(s.text, m.index, m[0].length)}`);
    for (const n of needles) {
      const i = s.text.indexOf(n);
      if (i >= 0) found.push(`"${n}" in ${s.where}: ${around(s.text, i, n.length)}`);
    }
  }
  return found;
}

/** Bytes read as text so that any embedded string (EXIF, XMP, a JSON part) can be found in them. */
export const bytesAsText = (bytes: Buffer): string => bytes.toString('latin1') + bytes.toString('utf8');
