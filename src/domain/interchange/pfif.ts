/**
 * PFIF 1.4 (People Finder Interchange Format) export of a case's PUBLIC subset: one <pfif:person>
 * with one <pfif:note>. Callers pass only what the public presenter allows (pickByClass(…, ['public'])),
 * so restricted and sensitive fields cannot reach a partner through this path. Field order follows the
 * PFIF 1.4 specification (http://zesty.ca/pfif/1.4/). A closed case exports the expired-record
 * placeholder (identifiers and dates only), as PFIF prescribes for records that are no longer shown.
 * The home address is restricted, so no home_* field but the country is filled; the last-seen area goes
 * in the note's last_known_location.
 *
 * @example
 *   const xml = pfifDocument({ domain: 'tifli.police.ma', reference: 'TM-2026-000123', … });
 */
import type { PartialCaseRecord } from '../case/field-classes.ts';
import { xmlText } from '../cap/xml-text.ts';

export const PFIF_NS = 'http://zesty.ca/pfif/1.4';

export interface PfifCase {
  /** Record domain, e.g. "tifli.police.ma" (PFIF record ids are `domain/local-id`). */
  readonly domain: string;
  readonly reference: string;
  readonly entryDate: Date;
  readonly sourceDate: Date;
  readonly expiryDate: Date | null;
  readonly sourceUrl: string | null;
  readonly photoUrl: string | null;
  readonly closed: boolean;
  /** The public subset only. */
  readonly publicRecord: PartialCaseRecord;
  /** Public note text (e.g. "Last seen … Call 19"), already free of restricted data. */
  readonly noteText: string;
}

const utc = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

function fields(entries: readonly (readonly [string, string | null | undefined])[], indent: string): string {
  return entries
    .filter((e): e is readonly [string, string] => typeof e[1] === 'string' && e[1].trim() !== '')
    .map(([k, v]) => `${indent}<pfif:${k}>${xmlText(v)}</pfif:${k}>\n`)
    .join('');
}

const joined = (...parts: (string | null | undefined)[]) => parts.filter((p): p is string => !!p && p.trim() !== '').join(' ') || null;

export function pfifDocument(c: PfifCase): string {
  const personId = `${c.domain}/person.${c.reference}`;
  const child = c.publicRecord.child;
  const seen = c.publicRecord.lastSeen;
  const given = joined(child?.givenNameLatin, child?.givenNameAr ? `(${child.givenNameAr})` : null);
  const family = joined(child?.familyNameLatin, child?.familyNameAr ? `(${child.familyNameAr})` : null);
  const full = joined(child?.givenNameLatin, child?.familyNameLatin) ?? joined(child?.givenNameAr, child?.familyNameAr) ?? c.reference;
  const description = joined(child?.clothing?.description, child?.heightCm ? `${child.heightCm} cm` : null);

  const placeholder: (readonly [string, string | null])[] = [
    ['person_record_id', personId],
    ['entry_date', utc(c.entryDate)],
    ['expiry_date', c.expiryDate ? utc(c.expiryDate) : null],
    ['source_date', utc(c.sourceDate)],
  ];
  if (c.closed) {
    return `<?xml version="1.0" encoding="UTF-8"?>\n<pfif:pfif xmlns:pfif="${PFIF_NS}">\n  <pfif:person>\n${fields(placeholder, '    ')}  </pfif:person>\n</pfif:pfif>\n`;
  }
  const person = fields(
    [
      ['person_record_id', personId],
      ['entry_date', utc(c.entryDate)],
      ['expiry_date', c.expiryDate ? utc(c.expiryDate) : null],
      ['author_name', 'DGSN — Tifli'],
      ['source_name', 'Tifli (DGSN)'],
      ['source_date', utc(c.sourceDate)],
      ['source_url', c.sourceUrl],
      ['full_name', full],
      ['given_name', given],
      ['family_name', family],
      ['alternate_names', child?.otherNames?.length ? child.otherNames.join('\n') : null],
      ['description', description],
      ['sex', child?.sex ?? null],
      ['age', child?.ageYears !== undefined && child.ageYears !== null ? String(child.ageYears) : null],
      ['home_country', 'MA'],
      ['photo_url', c.photoUrl],
    ],
    '    ',
  );
  const note = fields(
    [
      ['note_record_id', `${c.domain}/note.${c.reference}.1`],
      ['person_record_id', personId],
      ['entry_date', utc(c.entryDate)],
      ['author_name', 'DGSN — Tifli'],
      ['source_date', utc(c.sourceDate)],
      ['author_made_contact', 'false'],
      ['status', 'information_sought'],
      ['last_known_location', joined(seen?.area?.neighbourhood, seen?.area?.commune)],
      ['text', c.noteText],
    ],
    '      ',
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<pfif:pfif xmlns:pfif="${PFIF_NS}">\n  <pfif:person>\n${person}    <pfif:note>\n${note}    </pfif:note>\n  </pfif:person>\n</pfif:pfif>\n`;
}
