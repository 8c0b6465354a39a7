/**
 * The names a case is found by: the child's name in each script and the other names used. Names are
 * restricted data, so they live in the clear part of the record (not the encrypted one) and their
 * search keys can be indexed.
 */
import type { PartialCaseRecord } from '../../domain/case/field-classes.ts';
import type { PersonName } from '../../domain/names/person-name.ts';
import { nameSearchKeys } from '../../domain/names/name-search-keys.ts';

export function caseNames(record: PartialCaseRecord): PersonName[] {
  const c = record.child;
  if (!c) return [];
  const names: PersonName[] = [];
  if (c.givenNameAr || c.familyNameAr) names.push({ given: c.givenNameAr ?? '', family: c.familyNameAr ?? '' });
  if (c.givenNameLatin || c.familyNameLatin) names.push({ given: c.givenNameLatin ?? '', family: c.familyNameLatin ?? '' });
  for (const other of c.otherNames ?? []) if (other) names.push({ given: other, family: '' });
  return names;
}

export function caseNameKeys(record: PartialCaseRecord): string[] {
  const keys = new Set<string>();
  for (const n of caseNames(record)) for (const k of nameSearchKeys(n)) keys.add(k);
  return [...keys].sort();
}
