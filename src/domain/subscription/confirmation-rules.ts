/**
 * Double opt-in rules. E-mail is confirmed by following a link; SMS and WhatsApp by typing back a
 * six-digit code. Secrets are stored only as keyed hashes (app/subscriptions/subscription-keys.ts).
 *
 * - A code lives 15 minutes and allows 5 wrong tries; the 5th wrong try locks it (a new sign-up
 *   issues a new code). Six digits against 5 tries is a 1-in-200,000 guess.
 * - A link lives 24 hours: mail can sit in a queue or a spam folder for a while, and a 256-bit
 *   secret cannot be guessed, so it has no try count.
 * - A new secret is issued at most once a minute per subscription, so a sign-up form typed again and
 *   again does not flood a phone or an inbox.
 * - Confirming is idempotent: the same right code or link on a subscription that is already active
 *   says "confirmed" again (a double click, a reload) while the secret has not expired.
 * - Outcomes are chosen so that nobody learns whether an address was already subscribed: a wrong code
 *   and a code for an address that has none read the same ("wrong"); "expired" is only said for the
 *   right code, which a stranger does not have.
 *
 * @example
 *   judgeCode({ attempts: 0, expiresAt, matches: true }, now);  // { outcome: 'confirmed', countTry: false }
 *   judgeCode({ attempts: 4, expiresAt, matches: false }, now); // { outcome: 'locked', countTry: true } (the 5th wrong try)
 *   normalizeCode(' ١٢٣ ٤٥٦ ');                                // '123456'
 */
import { westernDigits } from './phone-number.ts';

export const CONFIRMATION_RULES = {
  codeDigits: 6,
  codeTtlMinutes: 15,
  maxAttempts: 5,
  linkTtlHours: 24,
  resendAfterSeconds: 60,
} as const;

export type CodeOutcome = 'confirmed' | 'wrong' | 'expired' | 'locked';
export type LinkOutcome = 'confirmed' | 'expired' | 'invalid';

export const CODE_PATTERN = /^[0-9]{6}$/;

/** The code as typed (spaces, dashes, Arabic-Indic digits) in its six-digit form, or undefined. */
export function normalizeCode(input: string): string | undefined {
  const code = westernDigits(input).replace(/[\s-]/g, '');
  return CODE_PATTERN.test(code) ? code : undefined;
}

/** How long a secret of this kind lives, in milliseconds. */
export const secretTtlMs = (kind: 'code' | 'link'): number => (kind === 'code' ? CONFIRMATION_RULES.codeTtlMinutes * 60_000 : CONFIRMATION_RULES.linkTtlHours * 3_600_000);

export interface CodeJudgement {
  readonly outcome: CodeOutcome;
  /** True when this try is a wrong one to add to the count. */
  readonly countTry: boolean;
}

/**
 * The outcome of one typed code. `attempts` counts the wrong tries before this one; `matches` says
 * whether the code equals the stored secret (false when there is none).
 */
export function judgeCode(state: { readonly attempts: number; readonly expiresAt: Date | null; readonly matches: boolean }, now: Date): CodeJudgement {
  if (state.attempts >= CONFIRMATION_RULES.maxAttempts) return { outcome: 'locked', countTry: false };
  if (state.matches) return { outcome: state.expiresAt !== null && state.expiresAt.getTime() > now.getTime() ? 'confirmed' : 'expired', countTry: false };
  return { outcome: state.attempts + 1 >= CONFIRMATION_RULES.maxAttempts ? 'locked' : 'wrong', countTry: true };
}

/**
 * Whether a new secret may be issued now: none yet, or the current one was issued at least
 * `resendAfterSeconds` ago (its issue time is its expiry minus its lifetime).
 */
export function mayIssueSecret(expiresAt: Date | null, kind: 'code' | 'link', now: Date): boolean {
  if (expiresAt === null) return true;
  const issuedAt = expiresAt.getTime() - secretTtlMs(kind);
  return now.getTime() - issuedAt >= CONFIRMATION_RULES.resendAfterSeconds * 1000;
}
