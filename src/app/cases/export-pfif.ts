/**
 * PFIF 1.4 export of a case's public subset, for partner people-finder systems. Built from what the
 * public may see under the case's consents; a closed case exports only the expired-record placeholder.
 * Photos and page links are not exported here: public URLs exist only once an alert publishes them.
 */
import type { TokenActor, UserActor } from '../../domain/actor.ts';
import { pfifDocument } from '../../domain/interchange/pfif.ts';
import { assertAllowed } from '../../domain/policy/policy.ts';
import { listCasePhotos } from '../../store/repositories/photos.repository.ts';
import type { AppContext } from '../context.ts';
import { loadCaseRow, publicSubset } from './read-case.ts';

export async function exportCasePfif(ctx: AppContext, actor: UserActor | TokenActor, caseId: string): Promise<string> {
  assertAllowed(actor, 'case.export_public');
  const row = await loadCaseRow(ctx.store.db, caseId);
  const photos = await listCasePhotos(ctx.store.db, row.id);
  const pub = publicSubset(row, photos);
  const base = ctx.config.publicBaseUrl;
  const area = [pub.lastSeen?.area?.neighbourhood, pub.lastSeen?.area?.commune].filter(Boolean).join(', ');
  const seenAt = pub.lastSeen?.at ?? row.last_seen_at.toISOString();
  return pfifDocument({
    domain: new URL(base).host,
    reference: row.reference,
    entryDate: row.opened_at,
    sourceDate: row.updated_at,
    expiryDate: null,
    // The public alert page and its photo URLs belong to the alert, which the case does not have yet.
    sourceUrl: null,
    photoUrl: null,
    closed: row.status === 'closed',
    publicRecord: pub,
    noteText: `Enfant disparu${area ? ` — vu pour la dernière fois : ${area}` : ''}, ${seenAt}. Si vous le voyez, n'intervenez pas : appelez la police au 19. Réf. ${row.reference}. / طفل مختفٍ. إذا رأيتموه، لا تتدخلوا واتصلوا بالشرطة على الرقم 19.`,
  });
}
