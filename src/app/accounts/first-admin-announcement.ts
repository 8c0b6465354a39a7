/**
 * First start: when no administrator can sign in, `tifli serve` prints a one-time link to enrol the
 * first one (no default password exists). The link goes to the operator's terminal only, never to
 * the structured log.
 *
 * @example
 *   await announceFirstAdminEnrolment(ctx, (text) => process.stdout.write(text));
 */
import type { AppContext } from '../context.ts';
import { ensureFirstAdminEnrolment, type EnrolmentLink } from './enrolments.ts';

export function firstAdminMessage(link: EnrolmentLink, ttlMinutes: number): string {
  const rule = '-'.repeat(72);
  return [
    rule,
    'No administrator account exists yet. Enrol the first administrator with this one-time link',
    `(valid for ${ttlMinutes} minutes, until ${link.expiresAt.toISOString()}):`,
    '',
    `  ${link.url}`,
    '',
    `Enrolment code, if typed in by hand: ${link.token}`,
    'A new link is printed at every start until an administrator has enrolled;',
    'or run `npx tifli users invite-admin` for a fresh one.',
    rule,
    '',
  ].join('\n');
}

/** Prints the link when one was needed; returns it (undefined when an administrator exists). */
export async function announceFirstAdminEnrolment(ctx: AppContext, write: (text: string) => void): Promise<EnrolmentLink | undefined> {
  const link = await ensureFirstAdminEnrolment(ctx);
  if (!link) return undefined;
  write(firstAdminMessage(link, ctx.config.enrolmentTtlMinutes));
  ctx.log.warn({ expiresAt: link.expiresAt.toISOString() }, 'no administrator yet: first-administrator enrolment link printed to standard output');
  return link;
}
