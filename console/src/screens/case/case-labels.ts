/**
 * How a case is named on screen from whatever part of the record the reader may see: the child's
 * names in the reader's script first, then the other, then the reference alone.
 *
 * @example
 *   childName(item.publicRecord, 'ar'); // 'سلمى' | 'Salma' | null
 */
import type { Lang } from '../../api/types.ts';

interface ChildNames {
  readonly givenNameAr?: unknown;
  readonly familyNameAr?: unknown;
  readonly givenNameLatin?: unknown;
  readonly familyNameLatin?: unknown;
  readonly ageYears?: unknown;
  readonly sex?: unknown;
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

function childOf(record: unknown): ChildNames {
  const child = (record as { child?: unknown } | null)?.child;
  return typeof child === 'object' && child !== null ? child : {};
}

export function childName(record: unknown, lang: Lang): string | null {
  const c = childOf(record);
  const ar = [str(c.givenNameAr), str(c.familyNameAr)].filter(Boolean).join(' ');
  const latin = [str(c.givenNameLatin), str(c.familyNameLatin)].filter(Boolean).join(' ');
  return (lang === 'ar' ? ar || latin : latin || ar) || null;
}

export function childAge(record: unknown): number | null {
  const age = childOf(record).ageYears;
  return typeof age === 'number' ? age : null;
}
