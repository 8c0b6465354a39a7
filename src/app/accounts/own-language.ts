/**
 * A staff member chooses the console's language for their own account: it follows them to any device
 * (the session carries it), where the device's own memory of the choice only covers the moments
 * before the session answers. Audited with the old and new language, nothing else.
 *
 * @example
 *   await setOwnLanguage(ctx, actor, 'fr');
 */
import type { UserActor } from '../../domain/actor.ts';
import { AppError } from '../../domain/errors.ts';
import { assertAllowed } from '../../domain/policy/policy.ts';
import { findUserById, updateUser } from '../../store/repositories/users.repository.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';

export const CONSOLE_LANGUAGES = ['ar', 'fr'] as const;
export type ConsoleLanguage = (typeof CONSOLE_LANGUAGES)[number];

export async function setOwnLanguage(ctx: Pick<AppContext, 'store' | 'clock'>, actor: UserActor, language: ConsoleLanguage): Promise<void> {
  assertAllowed(actor, 'session.self', { jurisdictionPath: actor.jurisdictionPath });
  await ctx.store.db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, actor.id, { forUpdate: true });
    if (!user || user.disabled_at !== null) throw new AppError('session_expired');
    if (user.locale === language) return;
    await updateUser(trx, actor.id, { locale: language, updated_at: ctx.clock.now() });
    await audit(trx, ctx.clock, actor, { objectType: 'user', objectId: actor.id, action: 'user.language_changed', details: { from: user.locale, to: language } });
  });
}
