/**
 * The public prosecutor's decision on an alert, as the prosecutor liaison records it: which court,
 * the file reference, the magistrate, when it was taken, its conditions, and what it allows to be
 * published beyond the guardian's consent (name, photo, suspect).
 *
 * The magistrate's name is restricted data: keep it out of logs, audit details and public surfaces.
 *
 * @example
 *   const p = prosecutorDecision({ court: 'Parquet — TPI Casablanca', fileReference: '2026/1234',
 *     magistrate: 'Substitut du procureur', decidedAt: '2026-03-11T14:20:00Z', publishPhoto: true }, 'approved', now);
 */
import type { IsoInstant } from '../case/case-record.ts';
import { CLOCK_SKEW_MS } from '../case/case-time.ts';
import { AppError } from '../errors.ts';
import { instantInput, optionalText, requiredText } from './alert-input.ts';

export const PROSECUTOR_FIELD_LIMITS = { court: 200, fileReference: 100, magistrate: 200, conditions: 2000 } as const;

/** What the liaison sends; the publication switches default to false. */
export interface ProsecutorDecisionInput {
  readonly court: string;
  readonly fileReference: string;
  readonly magistrate: string;
  readonly decidedAt: Date | IsoInstant;
  readonly conditions?: string | null;
  readonly publishName?: boolean;
  readonly publishPhoto?: boolean;
  readonly publishSuspect?: boolean;
}

/** The decision as recorded. */
export interface ProsecutorDecision {
  readonly court: string;
  readonly fileReference: string;
  readonly magistrate: string;
  readonly decidedAt: IsoInstant;
  /** Conditions the prosecutor set (e.g. "no photo on social networks"); null when none. */
  readonly conditions: string | null;
  readonly publishName: boolean;
  readonly publishPhoto: boolean;
  readonly publishSuspect: boolean;
}

const SWITCHES = ['publishName', 'publishPhoto', 'publishSuspect'] as const;

/**
 * Validates the decision. Every field error is reported at once under "/prosecutor/…". A refusal
 * cannot grant a publication switch, and a decision cannot be dated in the future.
 */
export function prosecutorDecision(input: ProsecutorDecisionInput | null | undefined, outcome: 'approved' | 'refused', now: Date): ProsecutorDecision {
  if (input === null || input === undefined || typeof input !== 'object') {
    throw new AppError('validation_failed', "The prosecutor's decision must be given.", { errors: [{ field: '/prosecutor', message: 'is required for the prosecutor_decision step' }] });
  }
  const errors: { field: string; message: string }[] = [];
  const collect = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (e) {
      if (e instanceof AppError) {
        errors.push(...e.errors);
        return undefined;
      }
      throw e;
    }
  };
  const L = PROSECUTOR_FIELD_LIMITS;
  const court = collect(() => requiredText(input.court, '/prosecutor/court', L.court));
  const fileReference = collect(() => requiredText(input.fileReference, '/prosecutor/fileReference', L.fileReference));
  const magistrate = collect(() => requiredText(input.magistrate, '/prosecutor/magistrate', L.magistrate));
  const conditions = collect(() => optionalText(input.conditions, '/prosecutor/conditions', L.conditions));
  const decidedAt = collect(() => instantInput(input.decidedAt, '/prosecutor/decidedAt'));
  if (decidedAt && decidedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) errors.push({ field: '/prosecutor/decidedAt', message: 'is in the future' });
  const switches = { publishName: false, publishPhoto: false, publishSuspect: false };
  for (const s of SWITCHES) {
    const v = input[s];
    if (v === undefined) continue;
    if (typeof v !== 'boolean') errors.push({ field: `/prosecutor/${s}`, message: 'must be true or false' });
    else if (v && outcome === 'refused') errors.push({ field: `/prosecutor/${s}`, message: 'cannot be granted by a refusal' });
    else switches[s] = v;
  }
  if (errors.length > 0 || court === undefined || fileReference === undefined || magistrate === undefined || conditions === undefined || decidedAt === undefined) {
    throw new AppError('validation_failed', "The prosecutor's decision is not valid.", { errors });
  }
  return { court, fileReference, magistrate, decidedAt: decidedAt.toISOString(), conditions, ...switches };
}
